package org.rapport.analytics.learn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * k-means (Lloyd's algorithm) with k-means++ seeding. Every random choice comes from one
 * seed, so the same points, k and seed give the same clustering; of several restarts the
 * one with the lowest within-cluster sum of squares wins.
 */
public final class KMeans {

	private KMeans() {
	}

	/**
	 * Clusters standardised points.
	 * @param points the points, {@code n × features}, n ≥ k
	 * @param k the number of clusters, ≥ 1
	 * @param seed the seed of all random choices
	 * @param restarts how many seedings to try, ≥ 1
	 * @param maxIterations the limit of Lloyd iterations per restart
	 * @param tolerance stop when no centroid moves more than this (squared distance)
	 */
	public static Clustering fit(double[][] points, int k, long seed, int restarts, int maxIterations,
			double tolerance) {
		if (k < 1 || points.length < k) {
			throw new IllegalArgumentException("need at least k = " + k + " points, got " + points.length);
		}
		if (restarts < 1 || maxIterations < 1) {
			throw new IllegalArgumentException("restarts and maxIterations must be positive");
		}
		SplittableRandom root = new SplittableRandom(seed);
		Clustering best = null;
		for (int r = 0; r < restarts; r++) {
			Clustering candidate = lloyd(points, seedCentroids(points, k, root.split()), maxIterations, tolerance);
			if (best == null || candidate.withinSS() < best.withinSS()) {
				best = candidate;
			}
		}
		return canonical(best);
	}

	/** k-means++: each next centre is drawn with probability proportional to D². */
	static double[][] seedCentroids(double[][] points, int k, SplittableRandom random) {
		int n = points.length;
		double[][] centroids = new double[k][];
		centroids[0] = points[random.nextInt(n)].clone();
		double[] d2 = new double[n];
		Arrays.fill(d2, Double.POSITIVE_INFINITY);
		for (int c = 1; c < k; c++) {
			double total = 0;
			for (int i = 0; i < n; i++) {
				d2[i] = Math.min(d2[i], Clustering.squaredDistance(points[i], centroids[c - 1]));
				total += d2[i];
			}
			int chosen;
			if (total <= 0) {
				chosen = random.nextInt(n);
			}
			else {
				double target = random.nextDouble() * total;
				chosen = n - 1;
				double cumulative = 0;
				for (int i = 0; i < n; i++) {
					cumulative += d2[i];
					if (cumulative > target && d2[i] > 0) {
						chosen = i;
						break;
					}
				}
			}
			centroids[c] = points[chosen].clone();
		}
		return centroids;
	}

	static Clustering lloyd(double[][] points, double[][] centroids, int maxIterations, double tolerance) {
		int n = points.length;
		int k = centroids.length;
		int p = points[0].length;
		int[] labels = new int[n];
		for (int i = 0; i < n; i++) {
			labels[i] = Clustering.nearest(centroids, points[i]);
		}
		int iterations = 0;
		boolean converged = false;
		while (iterations < maxIterations && !converged) {
			iterations++;
			double[][] sums = new double[k][p];
			int[] counts = new int[k];
			for (int i = 0; i < n; i++) {
				counts[labels[i]]++;
				double[] s = sums[labels[i]];
				for (int f = 0; f < p; f++) {
					s[f] += points[i][f];
				}
			}
			double shift = 0;
			for (int c = 0; c < k; c++) {
				double[] next = (counts[c] == 0) ? farthestPoint(points, centroids, labels).clone() : sums[c];
				if (counts[c] > 0) {
					for (int f = 0; f < p; f++) {
						next[f] /= counts[c];
					}
				}
				shift = Math.max(shift, Clustering.squaredDistance(next, centroids[c]));
				centroids[c] = next;
			}
			int changes = 0;
			for (int i = 0; i < n; i++) {
				int label = Clustering.nearest(centroids, points[i]);
				if (label != labels[i]) {
					labels[i] = label;
					changes++;
				}
			}
			converged = changes == 0 || shift <= tolerance;
		}
		double wss = 0;
		for (int i = 0; i < n; i++) {
			wss += Clustering.squaredDistance(points[i], centroids[labels[i]]);
		}
		return new Clustering(centroids, labels, wss, iterations, converged);
	}

	/**
	 * The point farthest from its centroid (lowest index on ties): it re-seeds an empty
	 * cluster.
	 */
	private static double[] farthestPoint(double[][] points, double[][] centroids, int[] labels) {
		int farthest = 0;
		double distance = -1;
		for (int i = 0; i < points.length; i++) {
			double d = Clustering.squaredDistance(points[i], centroids[labels[i]]);
			if (d > distance) {
				distance = d;
				farthest = i;
			}
		}
		return points[farthest];
	}

	/** Renumbers clusters by size, largest first, ties by centroid coordinates. */
	static Clustering canonical(Clustering c) {
		int k = c.k();
		int[] sizes = new int[k];
		for (int label : c.labels()) {
			sizes[label]++;
		}
		Integer[] order = new Integer[k];
		for (int i = 0; i < k; i++) {
			order[i] = i;
		}
		Comparator<Integer> bySize = Comparator.comparingInt((Integer i) -> -sizes[i]);
		Arrays.sort(order, bySize.thenComparing((a, b) -> Arrays.compare(c.centroids()[a], c.centroids()[b])));
		int[] rename = new int[k];
		double[][] centroids = new double[k][];
		for (int i = 0; i < k; i++) {
			rename[order[i]] = i;
			centroids[i] = c.centroids()[order[i]];
		}
		int[] labels = new int[c.labels().length];
		for (int i = 0; i < labels.length; i++) {
			labels[i] = rename[c.labels()[i]];
		}
		return new Clustering(centroids, labels, c.withinSS(), c.iterations(), c.converged());
	}

}
