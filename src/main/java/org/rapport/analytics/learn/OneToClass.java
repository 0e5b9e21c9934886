package org.rapport.analytics.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One-to-class clustering: standardise behavioural features, run k-means for each k of a
 * range, keep the k with the best mean silhouette (the elbow of the within-SS curve is
 * reported beside it) and describe every class. Above
 * {@link ClusteringOptions#fitSampleSize()} rows the fit runs on a seeded sample; every
 * given row is still assigned and profiled.
 */
public final class OneToClass {

	private OneToClass() {
	}

	/**
	 * Learns classes from rows of original feature values.
	 * @param rows one row per customer, one column per feature
	 * @param features the features in column order
	 * @param options k range, seed, sample sizes
	 * @return the model with the k curve and the profiles of all given rows
	 */
	public static ClassModel fit(double[][] rows, List<Feature> features, ClusteringOptions options) {
		return fit(rows, features, options, true);
	}

	/**
	 * The same, the k of the range fitted and scored side by side on the common fork-join
	 * pool ({@code parallel}) or one after the other: each k's fit and silhouette depend
	 * on the rows, k and the seed only, and the k are compared in ascending order after,
	 * so both give the same model.
	 */
	static ClassModel fit(double[][] rows, List<Feature> features, ClusteringOptions options, boolean parallel) {
		if (rows.length <= options.minK()) {
			throw new IllegalArgumentException("need more rows than classes, got " + rows.length);
		}
		double[][] fitted = sample(rows, options.fitSampleSize(), options.seed());
		Standardiser standardiser = Standardiser.fit(fitted, features);
		double[][] z = standardiser.applyAll(fitted);
		int maxK = Math.min(options.maxK(), z.length - 1);
		int minK = options.minK();
		Clustering[] fits = new Clustering[Math.max(0, maxK - minK + 1)];
		double[] silhouettes = new double[fits.length];
		IntStream ks = IntStream.range(0, fits.length);
		(parallel ? ks.parallel() : ks).forEach((i) -> {
			int k = minK + i;
			fits[i] = KMeans.fit(z, k, options.seed(), options.restarts(), options.maxIterations(),
					options.tolerance());
			silhouettes[i] = Silhouette.mean(z, fits[i].labels(), k, options.silhouetteExactLimit(),
					options.silhouetteSampleSize(), options.seed());
		});
		List<KScore> curve = new ArrayList<>();
		Clustering chosen = null;
		double bestSilhouette = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < fits.length; i++) {
			int k = minK + i;
			Clustering clustering = fits[i];
			double silhouette = silhouettes[i];
			curve.add(new KScore(k, clustering.withinSS(), silhouette));
			if (silhouette > bestSilhouette) {
				bestSilhouette = silhouette;
				chosen = clustering;
			}
		}
		boolean exact = z.length <= options.silhouetteExactLimit();
		KSelection selection = new KSelection(chosen.k(), KSelection.elbow(curve), curve,
				exact ? z.length : Math.min(z.length, options.silhouetteSampleSize()), exact);
		ClassModel unprofiled = new ClassModel(features, standardiser, chosen.centroids(), selection, List.of(),
				options.labelThreshold());
		ClassProfiler profiler = unprofiled.profiler();
		profiler.acceptAll(rows);
		return new ClassModel(features, standardiser, chosen.centroids(), selection, profiler.profiles(),
				options.labelThreshold());
	}

	private static double[][] sample(double[][] rows, int size, long seed) {
		if (rows.length <= size) {
			return rows;
		}
		int[] picked = Silhouette.sampleIndices(rows.length, size, seed);
		double[][] sample = new double[picked.length][];
		for (int i = 0; i < picked.length; i++) {
			sample[i] = rows[picked[i]];
		}
		return sample;
	}

}
