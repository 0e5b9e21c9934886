package org.rapport.customer;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a {@link CustomerBulkLoad}: how many rows were read, loaded, skipped as
 * loaded before, and rejected with the reason for each rejection (the first
 * {@value #MAX_LISTED} are listed; {@link #rejected()} counts all).
 */
public record BulkLoadReport(String importId, long read, long loaded, long skipped, long rejected,
		List<Rejection> rejections, Duration duration) {

	public static final int MAX_LISTED = 1000;

	/**
	 * A row that was not loaded.
	 *
	 * @param row position of the row in the input, from 1
	 * @param externalKey the row's external key
	 * @param reason why, fit to show to the person who ran the load
	 */
	public record Rejection(long row, String externalKey, String reason) {
	}

	/** Loaded customers per second over the whole load. */
	public double rowsPerSecond() {
		double seconds = Math.max(this.duration.toNanos(), 1) / 1e9;
		return this.loaded / seconds;
	}

	/** Progress reported after each chunk. */
	public record Progress(long read, long loaded, long skipped, long rejected) {
	}

}
