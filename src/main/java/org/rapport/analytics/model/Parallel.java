package org.rapport.analytics.model;

import java.util.stream.IntStream;

/**
 * Splits index ranges into fixed chunks and runs them on the common fork-join pool. The
 * chunks do not depend on the number of cores and partial sums are added in chunk order,
 * so results are the same on every machine.
 */
final class Parallel {

	static final int CHUNK = 1 << 14;

	private Parallel() {
	}

	/** Computes per-chunk sums of {@code width} quantities and adds them up in order. */
	static double[] sum(int size, int width, ChunkSum body) {
		int chunks = (size + CHUNK - 1) / CHUNK;
		double[][] partial = new double[chunks][width];
		IntStream stream = IntStream.range(0, chunks);
		if (chunks > 1) {
			stream = stream.parallel();
		}
		stream.forEach((c) -> body.accumulate(c * CHUNK, Math.min(size, (c + 1) * CHUNK), partial[c]));
		double[] total = new double[width];
		for (double[] p : partial) {
			for (int k = 0; k < width; k++) {
				total[k] += p[k];
			}
		}
		return total;
	}

	/** Runs {@code body} over chunks of [0, size). */
	static void forEach(int size, ChunkBody body) {
		int chunks = (size + CHUNK - 1) / CHUNK;
		IntStream stream = IntStream.range(0, chunks);
		if (chunks > 1) {
			stream = stream.parallel();
		}
		stream.forEach((c) -> body.run(c * CHUNK, Math.min(size, (c + 1) * CHUNK)));
	}

	@FunctionalInterface
	interface ChunkSum {

		void accumulate(int from, int to, double[] sums);

	}

	@FunctionalInterface
	interface ChunkBody {

		void run(int from, int to);

	}

}
