package org.rapport.analytics;

/**
 * Predicts each buyer's future value from their purchase history summary (BG/NBD for
 * purchases and probability alive, Gamma-Gamma for spend, discounted CLV). A run hands
 * the predictor all buyers of the snapshot at once, as parallel arrays indexed by
 * customer (time in days): {@code x} repeat purchases (distinct purchase days − 1),
 * {@code tx} age at the last purchase (days from first to last purchase), {@code t} age
 * at the as-of instant (days since the first purchase), {@code averageSpend} mean
 * purchase amount in the business currency. The answer has one value per customer in each
 * array, or is {@link Predictions#unavailable()} when no model is available (then the
 * stored predictions stay NULL and the risk category uses the signals alone).
 */
public interface ValuePredictor {

	/** No model: every prediction is unavailable. */
	ValuePredictor NONE = new ValuePredictor() {
		@Override
		public Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend) {
			return Predictions.unavailable();
		}

		@Override
		public String version() {
			return "none";
		}
	};

	Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend);

	/**
	 * Names the model and its settings; stored with every score as part of the model
	 * version.
	 */
	String version();

	/**
	 * Per customer, same order as the input: expected purchases over the predictor's
	 * horizon, probability alive (0-1) and predicted CLV in the business currency; all
	 * null when unavailable.
	 */
	record Predictions(double[] expectedPurchases, double[] pAlive, double[] clv) {

		public static Predictions unavailable() {
			return new Predictions(null, null, null);
		}

		public boolean available() {
			return this.pAlive != null;
		}

	}

}
