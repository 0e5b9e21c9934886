package org.rapport.analytics;

import java.util.SplittableRandom;

/**
 * A seeded uniform sample of a run's buyers of fixed size, drawn over the buyers in
 * customer-id order (reservoir sampling, Vitter's algorithm R): the same buyers in the
 * same order and the same seed give the same sample. While there are no more buyers than
 * the capacity, the sample is every buyer in order. Memory: the capacity's positions.
 */
final class BuyerSample {

	private BuyerSample() {
	}

	/**
	 * The positions (0 to {@code buyers} − 1) of the sampled buyers, in reservoir slot
	 * order.
	 */
	static int[] draw(int capacity, long seed, int buyers) {
		int size = Math.min(capacity, buyers);
		int[] slots = new int[size];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < buyers; i++) {
			long seen = i + 1L;
			long slot = seen <= capacity ? seen - 1 : random.nextLong(seen);
			if (slot < capacity) {
				slots[(int) slot] = i;
			}
		}
		return slots;
	}

	/** Whether a sample of {@code capacity} holds every one of {@code buyers}. */
	static boolean complete(int capacity, int buyers) {
		return buyers <= capacity;
	}

}
