package org.rapport.analytics.learn;

/**
 * A k-means result on standardised points. Clusters are numbered by size, largest first
 * (ties by centroid), so the numbering does not depend on the order the algorithm found
 * them in.
 *
 * @param centroids the cluster centres, {@code k × features}
 * @param labels the cluster of each fitted point
 * @param withinSS the within-cluster sum of squared distances
 * @param iterations the Lloyd iterations of the winning restart
 * @param converged whether the winning restart stopped before the iteration limit
 */
public record Clustering(double[][] centroids, int[] labels, double withinSS, int iterations, boolean converged) {

	public int k() {
		return this.centroids.length;
	}

	/**
	 * The cluster whose centroid is nearest to the standardised point (lowest index on
	 * ties).
	 */
	public int assign(double[] point) {
		return nearest(this.centroids, point);
	}

	static int nearest(double[][] centroids, double[] point) {
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int c = 0; c < centroids.length; c++) {
			double d = squaredDistance(centroids[c], point);
			if (d < bestDistance) {
				bestDistance = d;
				best = c;
			}
		}
		return best;
	}

	static double squaredDistance(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			sum += d * d;
		}
		return sum;
	}

}
