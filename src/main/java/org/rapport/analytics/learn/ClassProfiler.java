package org.rapport.analytics.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Assigns rows to classes one batch at a time and keeps running sums, so profiles of
 * millions of rows need memory for k × features numbers only. Not thread-safe: one
 * profiler per stream.
 */
public final class ClassProfiler {

	private static final int MAX_LABEL_WORDS = 3;

	private final ClassModel model;

	private final long[] sizes;

	private final double[][] sums;

	private final double[][] zSums;

	ClassProfiler(ClassModel model) {
		this.model = model;
		int k = model.k();
		int p = model.features().size();
		this.sizes = new long[k];
		this.sums = new double[k][p];
		this.zSums = new double[k][p];
	}

	/** The class of one row of original feature values, counted into the profiles. */
	public int accept(double[] row) {
		double[] z = this.model.standardiser().apply(row);
		int c = Clustering.nearest(this.model.centroids(), z);
		this.sizes[c]++;
		for (int f = 0; f < row.length; f++) {
			this.sums[c][f] += row[f];
			this.zSums[c][f] += z[f];
		}
		return c;
	}

	/** The classes of a batch of rows, counted into the profiles. */
	public int[] acceptAll(double[][] rows) {
		int[] classes = new int[rows.length];
		for (int i = 0; i < rows.length; i++) {
			classes[i] = accept(rows[i]);
		}
		return classes;
	}

	/** The profile of every class over the rows accepted so far, in class order. */
	public List<ClassProfile> profiles() {
		long total = 0;
		for (long size : this.sizes) {
			total += size;
		}
		List<Feature> features = this.model.features();
		List<ClassProfile> profiles = new ArrayList<>();
		for (int c = 0; c < this.sizes.length; c++) {
			long n = this.sizes[c];
			List<FeatureMean> means = new ArrayList<>();
			for (int f = 0; f < features.size(); f++) {
				means.add(new FeatureMean(features.get(f).name(), (n > 0) ? this.sums[c][f] / n : Double.NaN,
						(n > 0) ? this.zSums[c][f] / n : 0));
			}
			profiles.add(new ClassProfile(c, n, (total > 0) ? (double) n / total : 0, means,
					label(means, features, this.model.labelThreshold())));
		}
		return distinctLabels(profiles);
	}

	static String label(List<FeatureMean> means, List<Feature> features, double threshold) {
		List<Integer> salient = new ArrayList<>();
		for (int f = 0; f < means.size(); f++) {
			if (Math.abs(means.get(f).deviation()) >= threshold) {
				salient.add(f);
			}
		}
		if (salient.isEmpty()) {
			return "typical";
		}
		salient.sort(Comparator.comparingDouble((Integer f) -> -Math.abs(means.get(f).deviation()))
			.thenComparingInt(f -> f));
		return salient.stream()
			.limit(MAX_LABEL_WORDS)
			.map(f -> (means.get(f).deviation() > 0) ? features.get(f).highWord() : features.get(f).lowWord())
			.collect(Collectors.joining(" · "));
	}

	/** Two classes with the same words get a number: "typical", "typical (2)". */
	private static List<ClassProfile> distinctLabels(List<ClassProfile> profiles) {
		Map<String, Integer> seen = new HashMap<>();
		List<ClassProfile> result = new ArrayList<>();
		for (ClassProfile p : profiles) {
			int count = seen.merge(p.label(), 1, Integer::sum);
			String label = (count == 1) ? p.label() : p.label() + " (" + count + ")";
			result.add(new ClassProfile(p.index(), p.size(), p.share(), p.features(), label));
		}
		return result;
	}

}
