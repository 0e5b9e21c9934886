package org.rapport.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the scores of customers marked dirty up to date in the current snapshot: in one
 * transaction per batch it takes the marks (SKIP LOCKED, so two nodes share the work),
 * rewrites the customers' base rows as of now and scores them against the snapshot's cut
 * points and thresholds. Predictions come from the value model stored with the snapshot
 * (no refit), classes from its stored centres and churn probabilities from its stored
 * tree. Customers no longer active lose their rows. Without a current snapshot the marks
 * wait for the first full run, which clears them.
 */
@Component
class IncrementalUpdate {

	private final JdbcClient jdbc;

	private final RunStore runs;

	private final ScoreWriter scores;

	private final Learners learners;

	private final ValuePredictor predictor;

	private final AnalyticsSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	IncrementalUpdate(JdbcClient jdbc, RunStore runs, ScoreWriter scores, Learners learners,
			ObjectProvider<ValuePredictor> predictor, AnalyticsSettings settings, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.scores = scores;
		this.learners = learners;
		this.predictor = predictor.getIfAvailable(() -> ValuePredictor.NONE);
		this.settings = settings;
		this.tx = tx;
		this.clock = clock;
	}

	/** Updates every dirty customer; answers how many were updated. */
	int run() {
		Optional<AnalyticsRun> current = this.runs.current();
		if (current.isEmpty()) {
			return 0;
		}
		AnalyticsRun run = current.get();
		int updated = 0;
		while (true) {
			Integer n = this.tx.execute((status) -> batch(run));
			if (n == null || n == 0) {
				return updated;
			}
			updated += n;
		}
	}

	private int batch(AnalyticsRun run) {
		List<UUID> ids = this.jdbc.sql("""
				DELETE FROM analytics_dirty WHERE customer_id IN (
				  SELECT customer_id FROM analytics_dirty ORDER BY marked_at LIMIT :n FOR UPDATE SKIP LOCKED)
				RETURNING customer_id
				""").param("n", this.settings.incrementalBatch()).query(UUID.class).list();
		if (ids.isEmpty()) {
			return 0;
		}
		UUID[] array = ids.toArray(UUID[]::new);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				DELETE FROM analytics_customer_score s WHERE s.run_id = :run AND s.customer_id = ANY(:ids)
				  AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = s.customer_id AND c.status = 'ACTIVE')
				""").param("run", run.id()).param("ids", array).update();
		this.scores.base(run.id(), run.modelVersion(), now, array);
		this.learners.predictions().predictStored(run.id(), array, this.predictor);
		this.scores.score(run.id(), array);
		this.learners.classes().assign(run.id(), array);
		this.learners.churn().score(run.id(), array);
		return ids.size();
	}

}
