package org.rapport.analytics.learn;

import java.util.List;

/**
 * Z-scores of a feature matrix: each feature (after its optional log transform) minus the
 * mean, divided by the population standard deviation. A constant feature maps to 0.
 *
 * @param features the features, in column order
 * @param means the mean of each transformed feature
 * @param deviations the standard deviation of each transformed feature
 */
public record Standardiser(List<Feature> features, double[] means, double[] deviations) {

	public Standardiser {
		features = List.copyOf(features);
		if (means.length != features.size() || deviations.length != features.size()) {
			throw new IllegalArgumentException("one mean and one deviation per feature");
		}
	}

	/** Learns means and deviations from the rows (Welford's algorithm, one pass). */
	public static Standardiser fit(double[][] rows, List<Feature> features) {
		int p = features.size();
		if (rows.length == 0) {
			throw new IllegalArgumentException("no rows to standardise");
		}
		double[] mean = new double[p];
		double[] m2 = new double[p];
		long n = 0;
		for (double[] row : rows) {
			checkWidth(row, p);
			n++;
			for (int f = 0; f < p; f++) {
				double x = features.get(f).transform(row[f]);
				double delta = x - mean[f];
				mean[f] += delta / n;
				m2[f] += delta * (x - mean[f]);
			}
		}
		double[] sd = new double[p];
		for (int f = 0; f < p; f++) {
			sd[f] = Math.sqrt(m2[f] / n);
		}
		return new Standardiser(features, mean, sd);
	}

	/** The z-scores of one row of original feature values. */
	public double[] apply(double[] row) {
		int p = this.means.length;
		checkWidth(row, p);
		double[] z = new double[p];
		for (int f = 0; f < p; f++) {
			double x = this.features.get(f).transform(row[f]);
			z[f] = (this.deviations[f] > 0) ? (x - this.means[f]) / this.deviations[f] : 0;
		}
		return z;
	}

	/** The z-scores of many rows. */
	public double[][] applyAll(double[][] rows) {
		double[][] z = new double[rows.length][];
		for (int i = 0; i < rows.length; i++) {
			z[i] = apply(rows[i]);
		}
		return z;
	}

	static void checkWidth(double[] row, int p) {
		if (row.length != p) {
			throw new IllegalArgumentException("expected " + p + " features, got " + row.length);
		}
	}

}
