package org.rapport.interaction;

import java.time.Duration;

/**
 * What a bulk write did: interactions read, written, skipped because their key was there
 * already, and purchase or return lines written.
 */
public record BulkWriteReport(long read, long written, long skipped, long lines, Duration duration) {

	public double interactionsPerSecond() {
		double seconds = this.duration.toNanos() / 1e9;
		return seconds <= 0 ? 0 : this.read / seconds;
	}

}
