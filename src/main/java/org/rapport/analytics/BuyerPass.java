package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.rapport.analytics.learn.ClassModel;
import org.rapport.analytics.learn.ClassProfiler;
import org.rapport.analytics.learn.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The learned per-buyer values of a full run, from the buyers' values held in memory
 * ({@link Buyers}, read once): the value model is fitted on a seeded sample of
 * {@code value-sample} buyers ({@link BuyerSample}) and the classes are learned on it
 * (their probability alive predicted by that model); every buyer is then predicted from
 * the fitted model and assigned its class while the class profiles accumulate over all of
 * them, and the RFM cut points and matrix thresholds are computed from the same arrays
 * ({@link Cuts}). While the sample holds every buyer, the fit's own predictions are kept
 * (a predictor that keeps no model works too). Memory: the arrays (about 28 bytes per
 * buyer beside {@link Buyers}) and the sample's rows.
 */
@Component
class BuyerPass {

	private static final Logger log = LoggerFactory.getLogger(BuyerPass.class);

	private final RunStore runs;

	private final ClassWriter classes;

	private final AnalyticsSettings settings;

	BuyerPass(RunStore runs, ClassWriter classes, AnalyticsSettings settings) {
		this.runs = runs;
		this.classes = classes;
		this.settings = settings;
	}

	/**
	 * Per buyer (by position): expected purchases, probability alive, CLV (null: no
	 * predictions) and class (null: no classes).
	 */
	record Learned(double[] expected, double[] pAlive, double[] clv, int[] classes) {
	}

	/** Fits, predicts and classifies every buyer; stores the fitted models. */
	Learned learn(UUID run, ValuePredictor predictor, Buyers buyers) {
		long started = System.nanoTime();
		int n = buyers.size();
		int[] sampled = BuyerSample.draw(this.settings.valueSample(), this.settings.seed(), n);
		boolean complete = BuyerSample.complete(this.settings.valueSample(), n);
		ValuePredictor.Predictions fitted = fit(run, predictor, buyers, sampled, complete);
		long valueFitted = System.nanoTime();
		List<Feature> features = fitted != null ? ClassWriter.FEATURES
				: ClassWriter.FEATURES.subList(0, ClassWriter.FEATURES.size() - 1);
		ClassModel model = this.classes
			.fit(run,
					buyers.classFeatures(sampled,
							(fitted == null) ? null
									: buyAgain(fitted, buyers.column(Buyers.X, sampled),
											buyers.column(Buyers.TX, sampled), buyers.column(Buyers.T, sampled), 0)),
					features);
		long classesFitted = System.nanoTime();
		ValuePredictor.Predictions all = null;
		if (fitted != null) {
			all = complete ? fitted : predictor.predictWith(fitted.model(), buyers.column(Buyers.X, 0, n),
					buyers.column(Buyers.TX, 0, n), buyers.column(Buyers.T, 0, n), buyers.column(Buyers.SPEND, 0, n));
			if (!all.available()) {
				throw new IllegalStateException("value predictions failed: " + all.unavailableReason());
			}
		}
		long predictedAll = System.nanoTime();
		int[] k = null;
		if (model != null) {
			ClassProfiler profiler = model.profiler();
			k = new int[n];
			int batch = this.settings.batchSize();
			for (int from = 0; from < n; from += batch) {
				int to = Math.min(n, from + batch);
				double[] buyAgain = (all == null) ? null : buyAgain(all, buyers.column(Buyers.X, from, to),
						buyers.column(Buyers.TX, from, to), buyers.column(Buyers.T, from, to), from);
				int[] assigned = profiler.acceptAll(buyers.classFeatures(Buyers.range(from, to), buyAgain));
				System.arraycopy(assigned, 0, k, from, assigned.length);
			}
			this.classes.save(run, model, profiler, sampled.length);
		}
		log.info(
				"Analytics run {}: value model fitted in {} ms, classes fitted in {} ms, {} buyers predicted in {} ms, "
						+ "classified in {} ms",
				run, (valueFitted - started) / 1_000_000, (classesFitted - valueFitted) / 1_000_000, n,
				(predictedAll - classesFitted) / 1_000_000, (System.nanoTime() - predictedAll) / 1_000_000);
		return all == null ? new Learned(null, null, null, k)
				: new Learned(all.expectedPurchases(), all.pAlive(), all.clv(), k);
	}

	/**
	 * The class feature of ADR 0094: each buyer's chance to buy again under the fitted
	 * model; a predictor that gives no model gives its probability alive instead (from
	 * {@code offset} in its arrays).
	 */
	private static double[] buyAgain(ValuePredictor.Predictions predictions, double[] x, double[] tx, double[] t,
			int offset) {
		if (predictions.model() != null) {
			return ModelValuePredictor.chanceToBuyAgain(predictions.model(), x, tx, t);
		}
		return (predictions.pAlive() == null) ? new double[x.length]
				: Arrays.copyOfRange(predictions.pAlive(), offset, offset + x.length);
	}

	/** Computes and stores the run's RFM cut points and matrix thresholds. */
	void cuts(UUID run, Buyers buyers) {
		int n = buyers.size();
		int bins = this.settings.rfmBins();
		double[] recency = buyers.column(Buyers.RECENCY);
		double[] negated = new double[n];
		for (int i = 0; i < n; i++) {
			negated[i] = -recency[i];
		}
		List<BigDecimal> r = Cuts.uppers(negated, n, bins, 2);
		List<BigDecimal> f = Cuts.uppers(buyers.column(Buyers.PURCHASES), n, bins, 0);
		List<BigDecimal> m = Cuts.uppers(buyers.column(Buyers.REVENUE), n, bins, 2);
		BigDecimal loyalty = this.settings.loyaltyRate() != null ? this.settings.loyaltyRate()
				: threshold(Cuts.percentile(buyers.column(Buyers.RATE), n, this.settings.loyaltyQuantile()));
		BigDecimal profitability = this.settings.profitabilityRevenue() != null ? this.settings.profitabilityRevenue()
				: threshold(Cuts.percentile(buyers.column(Buyers.REVENUE), n, this.settings.profitabilityQuantile()));
		this.runs.cuts(run, r, f, m, loyalty, profitability);
	}

	/** A threshold as stored; without buyers 0 (there is nobody to compare). */
	private static BigDecimal threshold(double value) {
		return BigDecimal.valueOf(Double.isNaN(value) ? 0 : value);
	}

	/**
	 * Fits the value model on the sample and stores it with the run; answers the sample's
	 * predictions, or null with the reason stored (a predictor that fails leaves the
	 * predictions unavailable, not the run failed).
	 */
	private ValuePredictor.Predictions fit(UUID run, ValuePredictor predictor, Buyers buyers, int[] sampled,
			boolean complete) {
		ValuePredictor.Predictions fitted;
		try {
			fitted = predictor.predict(buyers.column(Buyers.X, sampled), buyers.column(Buyers.TX, sampled),
					buyers.column(Buyers.T, sampled), buyers.column(Buyers.SPEND, sampled));
		}
		catch (RuntimeException ex) {
			log.warn("Analytics run {}: value predictions failed", run, ex);
			this.runs.valueModel(run, null, "value model failed: " + ex.getMessage());
			return null;
		}
		if (fitted.available() && !complete && fitted.model() == null) {
			fitted = ValuePredictor.Predictions
				.unavailable("the predictor keeps no model to predict the buyers beyond the sample of " + sampled.length
						+ " with");
		}
		if (!fitted.available()) {
			this.runs.valueModel(run, null, fitted.unavailableReason());
			return null;
		}
		this.runs.valueModel(run, fitted.model(), null);
		return fitted;
	}

}
