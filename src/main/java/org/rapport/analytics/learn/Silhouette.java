package org.rapport.analytics.learn;

import java.util.SplittableRandom;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987) with Euclidean distances: for each
 * point {@code s = (b − a) / max(a, b)}, a the mean distance to the other members of its
 * cluster, b the mean distance to the members of the nearest other cluster; a point alone
 * in its cluster scores 0. Exact costs n² distances, so large sets are scored on a seeded
 * sample.
 */
public final class Silhouette {

	private Silhouette() {
	}

	/** The exact mean silhouette of all points. */
	public static double mean(double[][] points, int[] labels, int k) {
		int n = points.length;
		if (k < 2 || n < 2) {
			return 0;
		}
		double[][] sums = new double[n][k];
		int[] sizes = new int[k];
		for (int i = 0; i < n; i++) {
			sizes[labels[i]]++;
			for (int j = i + 1; j < n; j++) {
				double d = Math.sqrt(Clustering.squaredDistance(points[i], points[j]));
				sums[i][labels[j]] += d;
				sums[j][labels[i]] += d;
			}
		}
		double total = 0;
		for (int i = 0; i < n; i++) {
			int own = labels[i];
			if (sizes[own] <= 1) {
				continue;
			}
			double a = sums[i][own] / (sizes[own] - 1);
			double b = Double.POSITIVE_INFINITY;
			for (int c = 0; c < k; c++) {
				if (c != own && sizes[c] > 0) {
					b = Math.min(b, sums[i][c] / sizes[c]);
				}
			}
			double max = Math.max(a, b);
			total += (max > 0 && b < Double.POSITIVE_INFINITY) ? (b - a) / max : 0;
		}
		return total / n;
	}

	/**
	 * The mean silhouette, exact when {@code n ≤ exactLimit}, otherwise computed on a
	 * sample of {@code sampleSize} points drawn with the seed (the same sample for the
	 * same n and seed).
	 */
	public static double mean(double[][] points, int[] labels, int k, int exactLimit, int sampleSize, long seed) {
		if (points.length <= exactLimit) {
			return mean(points, labels, k);
		}
		int[] picked = sampleIndices(points.length, sampleSize, seed);
		double[][] sample = new double[picked.length][];
		int[] sampleLabels = new int[picked.length];
		for (int i = 0; i < picked.length; i++) {
			sample[i] = points[picked[i]];
			sampleLabels[i] = labels[picked[i]];
		}
		return mean(sample, sampleLabels, k);
	}

	/**
	 * m distinct indices of 0..n−1 drawn without replacement (partial Fisher–Yates),
	 * seeded.
	 */
	static int[] sampleIndices(int n, int m, long seed) {
		int size = Math.min(n, m);
		int[] all = new int[n];
		for (int i = 0; i < n; i++) {
			all[i] = i;
		}
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < size; i++) {
			int j = i + random.nextInt(n - i);
			int t = all[i];
			all[i] = all[j];
			all[j] = t;
		}
		int[] picked = new int[size];
		System.arraycopy(all, 0, picked, 0, size);
		java.util.Arrays.sort(picked);
		return picked;
	}

}
