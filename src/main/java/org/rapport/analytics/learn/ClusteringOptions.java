package org.rapport.analytics.learn;

/**
 * How classes are learned.
 *
 * @param minK the smallest number of classes tried (≥ 2)
 * @param maxK the largest number of classes tried
 * @param seed the seed of every random choice (sampling, seeding, silhouette sample)
 * @param restarts k-means++ seedings per k; the lowest within-cluster sum of squares wins
 * @param maxIterations the Lloyd iteration limit per restart
 * @param tolerance convergence: no centroid moved more than this (squared, in z units)
 * @param fitSampleSize rows above this are fitted on a seeded sample of this size
 * @param silhouetteExactLimit up to this many fitted rows the silhouette is exact
 * @param silhouetteSampleSize above the limit the silhouette is computed on this many
 * rows
 * @param labelThreshold a class mean this many standard deviations from the population
 * mean names the class ("high spend")
 */
public record ClusteringOptions(int minK, int maxK, long seed, int restarts, int maxIterations, double tolerance,
		int fitSampleSize, int silhouetteExactLimit, int silhouetteSampleSize, double labelThreshold) {

	public ClusteringOptions {
		if (minK < 2 || maxK < minK) {
			throw new IllegalArgumentException("need 2 ≤ minK ≤ maxK, got " + minK + ".." + maxK);
		}
		if (restarts < 1 || maxIterations < 1 || fitSampleSize < maxK || silhouetteSampleSize < 2) {
			throw new IllegalArgumentException("restarts, iterations and sample sizes must be positive");
		}
	}

	/** k from 2 to 8, seed 1, 4 restarts, 100 iterations, fit on up to 50,000 rows. */
	public static ClusteringOptions defaults() {
		return new ClusteringOptions(2, 8, 1L, 4, 100, 1e-8, 50_000, 5_000, 5_000, 0.5);
	}

	public ClusteringOptions withK(int min, int max) {
		return new ClusteringOptions(min, max, this.seed, this.restarts, this.maxIterations, this.tolerance,
				this.fitSampleSize, this.silhouetteExactLimit, this.silhouetteSampleSize, this.labelThreshold);
	}

	public ClusteringOptions withSeed(long newSeed) {
		return new ClusteringOptions(this.minK, this.maxK, newSeed, this.restarts, this.maxIterations, this.tolerance,
				this.fitSampleSize, this.silhouetteExactLimit, this.silhouetteSampleSize, this.labelThreshold);
	}

	public ClusteringOptions withFitSampleSize(int size) {
		return new ClusteringOptions(this.minK, this.maxK, this.seed, this.restarts, this.maxIterations, this.tolerance,
				size, this.silhouetteExactLimit, this.silhouetteSampleSize, this.labelThreshold);
	}

	public ClusteringOptions withSilhouette(int exactLimit, int sampleSize) {
		return new ClusteringOptions(this.minK, this.maxK, this.seed, this.restarts, this.maxIterations, this.tolerance,
				this.fitSampleSize, exactLimit, sampleSize, this.labelThreshold);
	}

}
