package org.rapport.analytics;

/**
 * Predicts each buyer's future value from their purchase history summary (BG/NBD for
 * purchases and probability alive, Gamma-Gamma for spend, discounted CLV). A full run
 * hands {@link #predict} a seeded sample of the snapshot's buyers at once (every buyer up
 * to {@code rapport.analytics.value-sample}), and predicts the others batch by batch with
 * {@link #predictWith} and the fitted model; inputs are parallel arrays indexed by
 * customer (time in days): {@code x} repeat purchases (distinct purchase days − 1),
 * {@code tx} age at the last purchase (days from first to last purchase), {@code t} age
 * at the as-of instant (days since the first purchase), {@code averageSpend} mean
 * purchase amount in the business currency. The answer has one value per customer in each
 * array and the fitted {@link ValueModel}, or is unavailable with a reason (then the
 * stored predictions stay NULL and the risk category uses the signals alone). The
 * incremental update predicts the few customers it rescores from the model stored with
 * the current run, without fitting again.
 */
public interface ValuePredictor {

	/** No model: every prediction is unavailable. */
	ValuePredictor NONE = new ValuePredictor() {
		@Override
		public Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend) {
			return Predictions.unavailable("no value model configured");
		}

		@Override
		public String version() {
			return "none";
		}
	};

	/** Fits the model on these buyers and predicts each of them. */
	Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend);

	/**
	 * Predicts these buyers from a model fitted earlier (same inputs as
	 * {@link #predict}); unavailable when this predictor cannot use the model.
	 */
	default Predictions predictWith(ValueModel model, double[] x, double[] tx, double[] t, double[] averageSpend) {
		return Predictions.unavailable("this predictor does not predict from a stored model");
	}

	/**
	 * Names the model and its settings; stored with every score as part of the model
	 * version.
	 */
	String version();

	/**
	 * Per customer, same order as the input: expected purchases over the predictor's
	 * horizon, probability alive (0-1) and predicted CLV in the business currency (NaN:
	 * not predicted); all null when unavailable, with the reason. {@code model} is the
	 * fitted model the predictions come from (null when the predictor keeps none).
	 */
	record Predictions(double[] expectedPurchases, double[] pAlive, double[] clv, ValueModel model,
			String unavailableReason) {

		public Predictions(double[] expectedPurchases, double[] pAlive, double[] clv) {
			this(expectedPurchases, pAlive, clv, null, null);
		}

		public static Predictions unavailable() {
			return unavailable("no value model available");
		}

		public static Predictions unavailable(String reason) {
			return new Predictions(null, null, null, null, reason);
		}

		public boolean available() {
			return this.pAlive != null;
		}

	}

}
