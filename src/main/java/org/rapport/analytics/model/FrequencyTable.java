package org.rapport.analytics.model;

/**
 * The distinct repeat-purchase counts of a population with their total weights, so terms
 * that depend only on x (log-gamma, digamma) are computed once per distinct x instead of
 * once per customer. Indexed by x itself.
 */
final class FrequencyTable {

	final int[] values;

	final double[] weightOf;

	final double totalWeight;

	FrequencyTable(int[] frequency, double[] weights) {
		int max = 0;
		for (int x : frequency) {
			max = Math.max(max, x);
		}
		if (max > 50_000_000) {
			throw new IllegalArgumentException("frequency " + max + " is too large");
		}
		this.weightOf = new double[max + 1];
		double total = 0;
		for (int i = 0; i < frequency.length; i++) {
			double w = (weights != null) ? weights[i] : 1.0;
			this.weightOf[frequency[i]] += w;
			total += w;
		}
		this.totalWeight = total;
		int distinct = 0;
		for (int x = 0; x <= max; x++) {
			if (this.weightOf[x] > 0) {
				distinct++;
			}
		}
		this.values = new int[distinct];
		for (int x = 0, k = 0; x <= max; x++) {
			if (this.weightOf[x] > 0) {
				this.values[k++] = x;
			}
		}
	}

	int max() {
		return this.weightOf.length - 1;
	}

}
