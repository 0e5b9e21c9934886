package org.rapport.analytics.model;

/**
 * Per-customer predictions for a whole population: expected purchases over a horizon,
 * probability alive, expected average spend and CLV.
 *
 * <p>
 * CLV = Σ_{m=1..M} spend × (E[X(month m)] − E[X(month m−1)]) / (1 + d)^m, where E[X(month
 * m)] is the conditional expected number of purchases up to the end of month m and a
 * month is {@code monthLength} time units of the data (4.345 weeks or 30 days), so the
 * discount rate is per month whatever the data's unit.
 */
public final class CustomerValue {

	/** One month in weeks. */
	public static final double MONTH_IN_WEEKS = 4.345;

	/** One month in days. */
	public static final double MONTH_IN_DAYS = 30.0;

	private CustomerValue() {
	}

	/**
	 * What to predict: the horizon for expected purchases and the CLV months and rate.
	 */
	public record Horizon(double predictPeriods, int months, double monthLength, double monthlyDiscount) {

		public Horizon {
			if (!(predictPeriods >= 0) || months < 0 || !(monthLength > 0) || !(monthlyDiscount > -1)) {
				throw new IllegalArgumentException("invalid horizon " + predictPeriods + ", " + months + " months of "
						+ monthLength + ", discount " + monthlyDiscount);
			}
		}

	}

	/**
	 * The predictions, one entry per customer (NaN spend and CLV when no spend model).
	 */
	public record Predictions(double[] expectedPurchases, double[] probabilityAlive, double[] expectedAverageSpend,
			double[] clv) {

	}

	/**
	 * Predictions with BG/NBD: the expectation series of each (x, T) is computed once and
	 * scaled by each customer's probability alive.
	 */
	public static Predictions predict(BgNbd purchases, GammaGamma spend, PurchaseSummaries data, double[] meanSpend,
			Horizon horizon) {
		return predict(new PurchaseModel() {

			@Override
			public double probabilityAlive(int x, double recency, double age) {
				return purchases.probabilityAlive(x, recency, age);
			}

			@Override
			public void expectedWhileAlive(double[] horizons, int x, double age, double[] out) {
				BgNbdExpectation.conditional(purchases, horizons, x, age, out);
			}

		}, spend, data, meanSpend, horizon);
	}

	/**
	 * Predictions with Pareto/NBD, by the same CLV formula: its expectation while alive
	 * is closed-form, scaled by each customer's probability alive.
	 */
	public static Predictions predict(ParetoNbd purchases, GammaGamma spend, PurchaseSummaries data, double[] meanSpend,
			Horizon horizon) {
		return predict(new PurchaseModel() {

			@Override
			public double probabilityAlive(int x, double recency, double age) {
				return purchases.probabilityAlive(x, recency, age);
			}

			@Override
			public void expectedWhileAlive(double[] horizons, int x, double age, double[] out) {
				purchases.expectedWhileAlive(horizons, x, age, out);
			}

		}, spend, data, meanSpend, horizon);
	}

	/**
	 * A purchase model as CLV needs it: P(alive | x, t_x, T), and the expected purchases
	 * up to each horizon of a customer known to be alive at T, which depend on x and T
	 * only.
	 */
	private interface PurchaseModel {

		double probabilityAlive(int x, double recency, double age);

		void expectedWhileAlive(double[] horizons, int x, double age, double[] out);

	}

	private static Predictions predict(PurchaseModel purchases, GammaGamma spend, PurchaseSummaries data,
			double[] meanSpend, Horizon horizon) {
		int n = data.size();
		double[] expected = new double[n];
		double[] alive = new double[n];
		double[] avgSpend = new double[n];
		double[] clv = new double[n];
		int months = horizon.months();
		double[] horizons = new double[months + 1];
		double[] discount = new double[months + 1];
		for (int m = 1; m <= months; m++) {
			horizons[m - 1] = m * horizon.monthLength();
			discount[m] = Math.pow(1 + horizon.monthlyDiscount(), -m);
		}
		horizons[months] = horizon.predictPeriods();
		int[] xs = data.frequency();
		double[] txs = data.recency();
		double[] ts = data.age();
		int lanes = months + 1;
		AgeGroups groups = AgeGroups.of(xs, ts, n / 4);
		double[] series = null;
		if (groups != null) {
			double[] table = new double[groups.count * lanes];
			Parallel.forEach(groups.count, (from, to) -> {
				double[] out = new double[lanes];
				for (int g = from; g < to; g++) {
					purchases.expectedWhileAlive(horizons, groups.frequency[g], groups.age[g], out);
					System.arraycopy(out, 0, table, g * lanes, lanes);
				}
			});
			series = table;
		}
		double[] bySeries = series;
		Parallel.forEach(n, (from, to) -> {
			double[] out = new double[lanes];
			for (int i = from; i < to; i++) {
				int x = xs[i];
				double p = purchases.probabilityAlive(x, txs[i], ts[i]);
				int offset = 0;
				double[] conditional = out;
				if (bySeries != null) {
					conditional = bySeries;
					offset = groups.groupOf[i] * lanes;
				}
				else {
					purchases.expectedWhileAlive(horizons, x, ts[i], out);
				}
				alive[i] = p;
				expected[i] = p * conditional[offset + months];
				if (spend == null || meanSpend == null) {
					avgSpend[i] = Double.NaN;
					clv[i] = Double.NaN;
					continue;
				}
				double s = spend.expectedAverageSpend(x, meanSpend[i]);
				double value = 0;
				double previous = 0;
				for (int m = 1; m <= months; m++) {
					double current = conditional[offset + m - 1];
					value += (current - previous) * discount[m];
					previous = current;
				}
				avgSpend[i] = s;
				clv[i] = s * p * value;
			}
		});
		return new Predictions(expected, alive, avgSpend, clv);
	}

}
