package org.rapport.analytics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.rapport.analytics.learn.ClassModel;
import org.rapport.analytics.learn.ClassProfiler;
import org.rapport.analytics.learn.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The learned per-buyer values of a full run in two reads of the run's buyers and one
 * write. The first read draws a seeded sample of {@code value-sample} buyers
 * ({@link BuyerSample}); the value model is fitted on it and the classes are learned on
 * it (their probability alive predicted by that model). The second read predicts every
 * buyer from the fitted model and assigns its class, batch by batch, and writes both with
 * one set-based statement per batch while the class profiles accumulate over all buyers;
 * up to {@link #WRITERS} batches are written at once ({@link BatchWriter}). While the
 * sample holds every buyer, the fit's own predictions are stored (a predictor that keeps
 * no model works too). Memory: the sample and one batch.
 */
@Component
class BuyerPass {

	private static final Logger log = LoggerFactory.getLogger(BuyerPass.class);

	/**
	 * Scoring statements of different batches in flight at once (each its own
	 * transaction, on disjoint rows): the statement, not the read or the predictions, is
	 * the cost of a batch, and the server has a core for each.
	 */
	static final int WRITERS = 2;

	private final JdbcClient jdbc;

	private final RunStore runs;

	private final ClassWriter classes;

	private final ScoreWriter scores;

	private final AnalyticsSettings settings;

	BuyerPass(JdbcClient jdbc, RunStore runs, ClassWriter classes, ScoreWriter scores, AnalyticsSettings settings) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.classes = classes;
		this.scores = scores;
		this.settings = settings;
	}

	/**
	 * Learns from the sample, then asks {@code beforeScoring} for the extra assignments
	 * of the scoring statement (it also gets the run's cut points ready) and streams
	 * every buyer through it.
	 */
	void run(UUID run, ValuePredictor predictor, Supplier<String> beforeScoring) {
		int batch = this.settings.batchSize();
		BuyerSample sample = new BuyerSample(this.settings.valueSample(), this.settings.seed());
		BuyerRows.each(this.jdbc, run, null, batch, sample::offer);
		double[][] sampled = sample.rows();
		ValuePredictor.Predictions fitted = fit(run, predictor, sample, sampled);
		List<Feature> features = fitted != null ? ClassWriter.FEATURES
				: ClassWriter.FEATURES.subList(0, ClassWriter.FEATURES.size() - 1);
		ClassModel model = this.classes.fit(run,
				BuyerRows.classFeatures(sampled, fitted == null ? null : fitted.pAlive()), features);
		ClassProfiler profiler = model == null ? null : model.profiler();
		Map<UUID, Integer> inSample = new HashMap<>();
		if (fitted != null && sample.complete()) {
			UUID[] ids = sample.ids();
			for (int i = 0; i < ids.length; i++) {
				inSample.put(ids[i], i);
			}
		}
		String more = beforeScoring.get();
		try (BatchWriter writer = new BatchWriter(WRITERS, "analytics-score-" + run.toString().substring(0, 8))) {
			score(run, predictor, batch, sample, fitted, inSample, profiler, more, writer);
		}
		if (model != null) {
			this.classes.save(run, model, profiler, sampled.length);
		}
	}

	private void score(UUID run, ValuePredictor predictor, int batch, BuyerSample sample,
			ValuePredictor.Predictions fitted, Map<UUID, Integer> inSample, ClassProfiler profiler, String more,
			BatchWriter writer) {
		BuyerRows.each(this.jdbc, run, null, batch, (ids, rows) -> {
			ValuePredictor.Predictions p = null;
			if (fitted != null) {
				p = sample.complete() ? slice(fitted, ids, inSample)
						: predictor.predictWith(fitted.model(), BuyerRows.column(rows, BuyerRows.X),
								BuyerRows.column(rows, BuyerRows.TX), BuyerRows.column(rows, BuyerRows.T),
								BuyerRows.column(rows, BuyerRows.SPEND));
				if (!p.available()) {
					throw new IllegalStateException("value predictions failed: " + p.unavailableReason());
				}
			}
			int[] k = profiler == null ? null
					: profiler.acceptAll(BuyerRows.classFeatures(rows, p == null ? null : p.pAlive()));
			int n = ids.size();
			UUID[] batchIds = ids.toArray(UUID[]::new);
			Double[] e = boxed(p == null ? null : p.expectedPurchases(), n);
			Double[] a = boxed(p == null ? null : p.pAlive(), n);
			Double[] c = boxed(p == null ? null : p.clv(), n);
			Integer[] classes = (k == null) ? new Integer[n] : Arrays.stream(k).boxed().toArray(Integer[]::new);
			writer.submit(() -> this.scores.scoreLearned(run, batchIds, e, a, c, classes, more));
		});
	}

	/**
	 * Fits the value model on the sample and stores it with the run; answers the sample's
	 * predictions, or null with the reason stored (a predictor that fails leaves the
	 * predictions unavailable, not the run failed).
	 */
	private ValuePredictor.Predictions fit(UUID run, ValuePredictor predictor, BuyerSample sample, double[][] sampled) {
		ValuePredictor.Predictions fitted;
		try {
			fitted = predictor.predict(BuyerRows.column(sampled, BuyerRows.X), BuyerRows.column(sampled, BuyerRows.TX),
					BuyerRows.column(sampled, BuyerRows.T), BuyerRows.column(sampled, BuyerRows.SPEND));
		}
		catch (RuntimeException ex) {
			log.warn("Analytics run {}: value predictions failed", run, ex);
			this.runs.valueModel(run, null, "value model failed: " + ex.getMessage());
			return null;
		}
		if (fitted.available() && !sample.complete() && fitted.model() == null) {
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

	private static ValuePredictor.Predictions slice(ValuePredictor.Predictions all, List<UUID> ids,
			Map<UUID, Integer> index) {
		int n = ids.size();
		double[] e = new double[n];
		double[] a = new double[n];
		double[] c = new double[n];
		for (int i = 0; i < n; i++) {
			int at = index.get(ids.get(i));
			e[i] = pick(all.expectedPurchases(), at);
			a[i] = pick(all.pAlive(), at);
			c[i] = pick(all.clv(), at);
		}
		return new ValuePredictor.Predictions(e, a, c, all.model(), null);
	}

	private static double pick(double[] values, int at) {
		return values == null ? Double.NaN : values[at];
	}

	private static Double[] boxed(double[] values, int n) {
		Double[] out = new Double[n];
		for (int i = 0; values != null && i < n; i++) {
			out[i] = Double.isNaN(values[i]) ? null : values[i];
		}
		return out;
	}

}
