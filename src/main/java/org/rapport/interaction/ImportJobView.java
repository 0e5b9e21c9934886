package org.rapport.interaction;

import java.time.Instant;
import java.util.UUID;

/**
 * An import run as it stands: its counts are those of the chunks stored so far.
 * {@code rowsRead} counts data rows, {@code stored} new interactions, {@code skipped}
 * interactions found stored before (a re-run), {@code rejected} rejected rows.
 * {@code owner} is the process running it ({@code pid@host}), {@code resumes} how often a
 * re-run of the file took it up again, {@code resumeLine} the last file line of its
 * stored chunks.
 */
public record ImportJobView(UUID id, String fileName, ImportFormat format, String sourceSystem, Status status,
		long fileBytes, long bytesRead, long rowsRead, long stored, long skipped, long rejected, String startedBy,
		Instant startedAt, Instant finishedAt, String error, String owner, int resumes, long resumeLine) {

	/**
	 * RUNNING while its process lives; DONE at the end of the file; FAILED when the run
	 * stopped on an error; INTERRUPTED when its process died before the end. A FAILED or
	 * INTERRUPTED run is resumed by importing the same file again.
	 */
	public enum Status {

		RUNNING, DONE, FAILED, INTERRUPTED

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
