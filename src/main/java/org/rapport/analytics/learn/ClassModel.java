package org.rapport.analytics.learn;

import java.util.List;

/**
 * Learned customer classes: how to standardise a row, the class centres, how k was chosen
 * and the profile of each class over the rows it was fitted on. Assigning a row needs k ×
 * features numbers, so millions of rows can be assigned in batches with
 * {@link #profiler()}.
 *
 * @param features the features, in column order
 * @param standardiser the z-score transform learned on the fitted rows
 * @param centroids the class centres in z units, {@code k × features}
 * @param selection the choice of k with its elbow and silhouette curve
 * @param profiles the profile of each class over the rows given to the fit
 * @param labelThreshold the deviation (in standard deviations) that names a class
 */
public record ClassModel(List<Feature> features, Standardiser standardiser, double[][] centroids, KSelection selection,
		List<ClassProfile> profiles, double labelThreshold) {

	public ClassModel {
		features = List.copyOf(features);
		profiles = List.copyOf(profiles);
	}

	public int k() {
		return this.centroids.length;
	}

	/** The class of one row of original feature values. */
	public int assign(double[] row) {
		return Clustering.nearest(this.centroids, this.standardiser.apply(row));
	}

	/** The classes of a batch of rows of original feature values. */
	public int[] assignAll(double[][] rows) {
		int[] classes = new int[rows.length];
		for (int i = 0; i < rows.length; i++) {
			classes[i] = assign(rows[i]);
		}
		return classes;
	}

	/**
	 * A fresh accumulator that assigns streamed batches and profiles the classes over
	 * them.
	 */
	public ClassProfiler profiler() {
		return new ClassProfiler(this);
	}

}
