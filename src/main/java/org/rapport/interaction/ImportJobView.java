package org.rapport.interaction;

import java.time.Instant;
import java.util.UUID;

/**
 * An import run as it stands: its counts are those of the chunks stored so far.
 * {@code rowsRead} counts data rows, {@code stored} new interactions, {@code skipped}
 * interactions found stored before (a re-run), {@code rejected} rejected rows.
 */
public record ImportJobView(UUID id, String fileName, ImportFormat format, String sourceSystem, Status status,
		long fileBytes, long bytesRead, long rowsRead, long stored, long skipped, long rejected, String startedBy,
		Instant startedAt, Instant finishedAt, String error) {

	public enum Status {

		RUNNING, DONE, FAILED

	}

	/** How far the file is read, 0 to 100. */
	public int percent() {
		if (this.status == Status.DONE) {
			return 100;
		}
		return this.fileBytes <= 0 ? 0 : (int) Math.min(100, this.bytesRead * 100 / this.fileBytes);
	}

	public boolean finished() {
		return this.status != Status.RUNNING;
	}

}
