package org.rapport.analytics.model;

/**
 * The purchase history of many customers in the form the models need, as parallel arrays:
 * {@code frequency} = number of repeat purchases x, {@code recency} = time of the last
 * purchase since the first t_x, {@code age} = time since the first purchase at the end of
 * the calibration period T, all in one time unit; {@code weights} counts how many
 * customers share the row (null = one each).
 */
public record PurchaseSummaries(int[] frequency, double[] recency, double[] age, double[] weights) {

	public PurchaseSummaries {
		if (frequency.length != recency.length || frequency.length != age.length
				|| weights != null && weights.length != frequency.length) {
			throw new IllegalArgumentException("frequency, recency, age and weights must have the same length");
		}
	}

	public static PurchaseSummaries of(int[] frequency, double[] recency, double[] age) {
		return new PurchaseSummaries(frequency, recency, age, null);
	}

	public int size() {
		return this.frequency.length;
	}

	public double weight(int i) {
		return (this.weights != null) ? this.weights[i] : 1.0;
	}

	/**
	 * Checks every row (x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0, weight ≥ 0) and that
	 * there is data to fit; the message names the first offending row (0-based).
	 */
	public void validate() {
		if (size() == 0) {
			throw new IllegalArgumentException("no customers to fit");
		}
		for (int i = 0; i < size(); i++) {
			int x = this.frequency[i];
			double tx = this.recency[i];
			double t = this.age[i];
			if (x < 0 || !(tx >= 0) || !(t >= tx) || Double.isInfinite(t) || x == 0 && tx != 0 || x > 0 && t <= 0) {
				throw new IllegalArgumentException("row " + i + ": inconsistent summary frequency=" + x + ", recency="
						+ tx + ", T=" + t + " (need frequency ≥ 0, 0 ≤ recency ≤ T, recency 0 when frequency is 0)");
			}
			if (this.weights != null && !(this.weights[i] >= 0)) {
				throw new IllegalArgumentException("row " + i + ": weight must be ≥ 0, got " + this.weights[i]);
			}
		}
	}

	/** Every {@code step}-th row, for a quick first fit on a large population. */
	public PurchaseSummaries sample(int step) {
		int n = (size() + step - 1) / step;
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] t = new double[n];
		double[] w = (this.weights != null) ? new double[n] : null;
		for (int i = 0, j = 0; j < n; i += step, j++) {
			x[j] = this.frequency[i];
			tx[j] = this.recency[i];
			t[j] = this.age[i];
			if (w != null) {
				w[j] = this.weights[i];
			}
		}
		return new PurchaseSummaries(x, tx, t, w);
	}

}
