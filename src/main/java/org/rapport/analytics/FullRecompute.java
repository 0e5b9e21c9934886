package org.rapport.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run from start to finish: the base rows of the population in batches of customers
 * (keyset over customer ids, one set-based statement each, committed with the progress),
 * the predictions, the cut points and thresholds, the scoring of all rows, the population
 * views, the one-to-class classes, the explanatory churn model, and completion in one
 * transaction that makes the snapshot current and drops the previous one. A failure marks
 * the run failed and removes its rows; readers keep seeing the previous snapshot
 * throughout.
 */
@Component
class FullRecompute {

	static final String MODEL_VERSION = "rapport-analytics-1";

	private static final Logger log = LoggerFactory.getLogger(FullRecompute.class);

	private final JdbcClient jdbc;

	private final RunStore runs;

	private final ScoreWriter scores;

	private final PredictionWriter predictions;

	private final ClassWriter classes;

	private final ChurnModelWriter churn;

	private final PopulationWriter population;

	private final AnalyticsSettings settings;

	private final TransactionTemplate tx;

	private final ValuePredictor predictor;

	FullRecompute(JdbcClient jdbc, RunStore runs, ScoreWriter scores, Learners learners, PopulationWriter population,
			AnalyticsSettings settings, TransactionTemplate tx, ObjectProvider<ValuePredictor> predictor) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.scores = scores;
		this.predictions = learners.predictions();
		this.classes = learners.classes();
		this.churn = learners.churn();
		this.population = population;
		this.settings = settings;
		this.tx = tx;
		this.predictor = predictor.getIfAvailable(() -> ValuePredictor.NONE);
	}

	String modelVersion() {
		return MODEL_VERSION + "+rfm" + this.settings.rfmBins() + "+" + this.predictor.version();
	}

	/**
	 * Registers a run (null scope: every active customer); {@link #execute} computes it.
	 */
	AnalyticsRun start(Collection<UUID> scope, Instant asOf, String startedBy) {
		return this.runs.start(scope, asOf, modelVersion(), startedBy);
	}

	AnalyticsRun execute(AnalyticsRun run, RunListener listener) {
		UUID id = run.id();
		try {
			UUID[] scope = this.runs.scope(id);
			long total = scope != null ? scope.length
					: this.jdbc.sql("SELECT count(*) FROM customer WHERE status = 'ACTIVE'").query(Long.class).single();
			this.runs.total(id, total);
			listener.phase("customers");
			if (scope != null) {
				this.scores.base(id, run.modelVersion(), run.asOf(), scope);
			}
			else {
				baseInBatches(run, listener);
			}
			this.runs.progress(id, total);
			listener.phase("predictions");
			predict(id);
			listener.phase("scores");
			this.scores.thresholds(id, this.runs);
			this.scores.scoreAll(id);
			listener.phase("population");
			this.population.write(id, run.asOf());
			listener.phase("classes");
			this.classes.classify(id);
			listener.phase("churn model");
			this.churn.train(id, run.asOf());
			this.tx.executeWithoutResult((status) -> this.runs.complete(id, scope == null));
		}
		catch (RuntimeException ex) {
			log.error("Analytics run {} failed", id, ex);
			this.runs.fail(id, String.valueOf(ex.getMessage()));
		}
		return this.runs.find(id).orElseThrow();
	}

	/**
	 * Fits the value model and stores the predictions; a predictor that throws leaves the
	 * predictions unavailable with the reason, not the run failed.
	 */
	private void predict(UUID id) {
		try {
			this.predictions.predict(id, this.predictor);
		}
		catch (RuntimeException ex) {
			log.warn("Analytics run {}: value predictions failed", id, ex);
			this.runs.valueModel(id, null, "value model failed: " + ex.getMessage());
		}
	}

	private void baseInBatches(AnalyticsRun run, RunListener listener) {
		UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
		long done = 0;
		boolean first = true;
		while (true) {
			List<UUID> batch = this.jdbc
				.sql("SELECT id FROM customer WHERE status = 'ACTIVE' AND (:first OR id > :after) ORDER BY id "
						+ "LIMIT :size")
				.param("first", first)
				.param("after", after)
				.param("size", this.settings.batchSize())
				.query(UUID.class)
				.list();
			if (batch.isEmpty()) {
				return;
			}
			first = false;
			this.scores.base(run.id(), run.modelVersion(), run.asOf(), batch.toArray(UUID[]::new));
			done += batch.size();
			after = batch.get(batch.size() - 1);
			this.runs.progress(run.id(), done);
			listener.progress(this.runs.find(run.id()).orElseThrow());
		}
	}

}
