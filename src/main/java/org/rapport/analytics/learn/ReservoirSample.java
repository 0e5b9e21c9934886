package org.rapport.analytics.learn;

import java.util.SplittableRandom;

/**
 * A uniform sample of fixed size from a stream of rows of unknown length (Vitter's
 * algorithm R), seeded: the same stream and seed give the same sample. Memory: the
 * capacity's rows.
 */
public final class ReservoirSample {

	private final double[][] reservoir;

	private final SplittableRandom random;

	private long seen;

	public ReservoirSample(int capacity, long seed) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.reservoir = new double[capacity][];
		this.random = new SplittableRandom(seed);
	}

	/** Offers the next row of the stream; the sample keeps a copy if it is drawn. */
	public void offer(double[] row) {
		this.seen++;
		if (this.seen <= this.reservoir.length) {
			this.reservoir[(int) (this.seen - 1)] = row.clone();
			return;
		}
		long j = this.random.nextLong(this.seen);
		if (j < this.reservoir.length) {
			this.reservoir[(int) j] = row.clone();
		}
	}

	/** How many rows were offered. */
	public long seen() {
		return this.seen;
	}

	/** The sampled rows: all offered rows while fewer than the capacity were offered. */
	public double[][] rows() {
		int size = (int) Math.min(this.seen, this.reservoir.length);
		double[][] rows = new double[size][];
		System.arraycopy(this.reservoir, 0, rows, 0, size);
		return rows;
	}

}
