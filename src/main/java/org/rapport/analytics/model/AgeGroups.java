package org.rapport.analytics.model;

/**
 * Customers grouped by (x, T). The BG/NBD expectation series depends only on these two,
 * and summaries built from dates have few distinct ages (one per first-purchase day), so
 * the series is computed once per group. An open-addressing table keeps it free of
 * boxing.
 */
final class AgeGroups {

	final int[] groupOf;

	final int[] frequency;

	final double[] age;

	final int count;

	private AgeGroups(int[] groupOf, int[] frequency, double[] age, int count) {
		this.groupOf = groupOf;
		this.frequency = frequency;
		this.age = age;
		this.count = count;
	}

	/** Returns the groups, or null when there are more than {@code limit} of them. */
	static AgeGroups of(int[] xs, double[] ts, int limit) {
		int n = xs.length;
		int capacity = Integer.highestOneBit(Math.max(2 * Math.min(n, limit + 1), 16)) * 2;
		int mask = capacity - 1;
		int[] slots = new int[capacity];
		int[] frequency = new int[Math.min(n, limit + 1)];
		double[] age = new double[frequency.length];
		int[] groupOf = new int[n];
		int count = 0;
		for (int i = 0; i < n; i++) {
			int x = xs[i];
			double t = ts[i];
			long bits = Double.doubleToLongBits(t);
			int slot = mix(bits * 31 + x) & mask;
			while (true) {
				int g = slots[slot] - 1;
				if (g < 0) {
					if (count == limit) {
						return null;
					}
					slots[slot] = count + 1;
					frequency[count] = x;
					age[count] = t;
					groupOf[i] = count++;
					break;
				}
				if (frequency[g] == x && age[g] == t) {
					groupOf[i] = g;
					break;
				}
				slot = (slot + 1) & mask;
			}
		}
		return new AgeGroups(groupOf, frequency, age, count);
	}

	private static int mix(long v) {
		v ^= v >>> 33;
		v *= 0xff51afd7ed558ccdL;
		v ^= v >>> 33;
		return (int) v;
	}

}
