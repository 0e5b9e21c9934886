package org.rapport.analytics;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded uniform sample of a run's buyers of fixed size, drawn while the buyers stream
 * past (reservoir sampling, Vitter's algorithm R): the same buyers in the same order and
 * the same seed give the same sample. While no more buyers than the capacity were seen,
 * the sample is every buyer in stream order. Memory: the capacity's rows.
 */
final class BuyerSample {

	private final UUID[] ids;

	private final double[][] rows;

	private final SplittableRandom random;

	private long seen;

	BuyerSample(int capacity, long seed) {
		this.ids = new UUID[capacity];
		this.rows = new double[capacity][];
		this.random = new SplittableRandom(seed);
	}

	void offer(List<UUID> batchIds, double[][] batchRows) {
		for (int i = 0; i < batchRows.length; i++) {
			this.seen++;
			long slot = this.seen <= this.rows.length ? this.seen - 1 : this.random.nextLong(this.seen);
			if (slot < this.rows.length) {
				this.ids[(int) slot] = batchIds.get(i);
				this.rows[(int) slot] = batchRows[i];
			}
		}
	}

	long seen() {
		return this.seen;
	}

	/** Whether the sample holds every buyer seen. */
	boolean complete() {
		return this.seen <= this.rows.length;
	}

	int size() {
		return (int) Math.min(this.seen, this.rows.length);
	}

	UUID[] ids() {
		return java.util.Arrays.copyOf(this.ids, size());
	}

	double[][] rows() {
		return java.util.Arrays.copyOf(this.rows, size());
	}

}
