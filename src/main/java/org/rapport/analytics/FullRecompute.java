package org.rapport.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.rapport.analytics.learn.ChurnTree;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run from start to finish: the base rows of the population in batches of customers
 * (keyset over customer ids, one set-based statement each, committed with the progress);
 * then, beside each other, the explanatory churn model (on a bounded sample), the
 * population views (set-based over the base rows) and the buyers' pass
 * ({@link BuyerPass}: value model and classes fitted on a bounded sample, every buyer
 * predicted and classified in one streaming pass); then the cut points and thresholds and
 * one scoring statement over all rows that also applies the churn tree; and completion in
 * one transaction that makes the snapshot current and drops the previous one. Each
 * phase's duration is logged. A failure marks the run failed and removes its rows;
 * readers keep seeing the previous snapshot throughout (docs/adr/0019).
 */
@Component
class FullRecompute {

	static final String MODEL_VERSION = "rapport-analytics-1";

	private static final Logger log = LoggerFactory.getLogger(FullRecompute.class);

	private final JdbcClient jdbc;

	private final RunStore runs;

	private final ScoreWriter scores;

	private final BuyerPass buyers;

	private final ChurnModelWriter churn;

	private final PopulationWriter population;

	private final AnalyticsSettings settings;

	private final TransactionTemplate tx;

	private final ValuePredictor predictor;

	FullRecompute(JdbcClient jdbc, RunStore runs, ScoreWriter scores, Learners learners, BuyerPass buyers,
			PopulationWriter population, AnalyticsSettings settings, TransactionTemplate tx,
			ObjectProvider<ValuePredictor> predictor) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.scores = scores;
		this.buyers = buyers;
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
		ExecutorService beside = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "analytics-" + id.toString().substring(0, 8));
			thread.setDaemon(true);
			return thread;
		});
		Timings timings = new Timings(id, listener);
		try {
			UUID[] scope = this.runs.scope(id);
			long total = scope != null ? scope.length
					: this.jdbc.sql("SELECT count(*) FROM customer WHERE status = 'ACTIVE'").query(Long.class).single();
			this.runs.total(id, total);
			timings.phase("customers");
			PurchaseMonths months = this.population.months(run.asOf());
			if (scope != null) {
				this.scores.base(id, run.modelVersion(), run.asOf(), scope, months);
			}
			else {
				baseInBatches(run, listener, months);
			}
			this.runs.progress(id, total);
			// The churn model and the population views read only the base rows: they run
			// beside the buyers' pass. Cohorts and stage flows were counted with the base
			// rows.
			Future<Optional<ChurnTree>> churnTree = beside
				.submit(() -> timings.beside("churn model (beside)", () -> this.churn.train(id, run.asOf())));
			Future<?> populationViews = beside.submit(() -> timings.beside("population views (beside)", () -> {
				this.population.cohortsAndFlows(id, months);
				this.population.concentration(id);
				return null;
			}));
			timings.phase("predictions and classes");
			this.buyers.run(id, this.predictor, () -> {
				this.scores.thresholds(id, this.runs);
				timings.phase("churn model");
				Optional<ChurnTree> tree = outcome(churnTree);
				timings.phase("scores");
				return tree.map(ChurnScoring::assignments).orElse("");
			});
			this.scores.scoreWhere(id, "s.purchases = 0");
			timings.phase("population");
			populationViews.get();
			this.tx.executeWithoutResult((status) -> this.runs.complete(id, scope == null));
			timings.phase("done");
		}
		catch (RuntimeException | ExecutionException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			log.error("Analytics run {} failed", id, cause);
			settle(beside);
			this.runs.fail(id, String.valueOf(cause.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			settle(beside);
			this.runs.fail(id, "interrupted");
		}
		finally {
			beside.shutdown();
		}
		return this.runs.find(id).orElseThrow();
	}

	private static <T> T outcome(Future<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Lets the phases running beside finish (a statement in flight is not interrupted)
	 * before the failed run's rows are removed, so none are written after.
	 */
	private static void settle(ExecutorService beside) {
		beside.shutdownNow();
		try {
			if (!beside.awaitTermination(1, TimeUnit.HOURS)) {
				log.warn("Analytics phases still running after a failed run");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Tells the listener each phase and logs how long the previous one took. */
	private static final class Timings {

		private final UUID run;

		private final RunListener listener;

		private final long started = System.nanoTime();

		private long since = this.started;

		private String current;

		Timings(UUID run, RunListener listener) {
			this.run = run;
			this.listener = listener;
		}

		synchronized void phase(String name) {
			long now = System.nanoTime();
			if (this.current != null) {
				log.info("Analytics run {}: {} took {} ms", this.run, this.current, (now - this.since) / 1_000_000);
			}
			this.current = name;
			this.since = now;
			if (name.equals("done")) {
				log.info("Analytics run {}: done in {} ms", this.run, (now - this.started) / 1_000_000);
			}
			else {
				this.listener.phase(name);
			}
		}

		/**
		 * Runs a phase beside the main line and logs (and tells the listener) how long it
		 * took on its own.
		 */
		<T> T beside(String name, java.util.concurrent.Callable<T> phase) throws Exception {
			long start = System.nanoTime();
			T result = phase.call();
			long took = (System.nanoTime() - start) / 1_000_000;
			log.info("Analytics run {}: {} took {} ms", this.run, name, took);
			synchronized (this) {
				this.listener.phase(name + " took " + took + " ms");
			}
			return result;
		}

	}

	private void baseInBatches(AnalyticsRun run, RunListener listener, PurchaseMonths months) {
		UUID from = Keyset.FIRST;
		long done = 0;
		int size = this.settings.batchSize();
		while (from != null) {
			List<UUID> batch = this.jdbc
				.sql("SELECT id FROM customer WHERE status = 'ACTIVE' AND id >= :from ORDER BY id LIMIT :size")
				.param("from", from)
				.param("size", size)
				.query(UUID.class)
				.list();
			if (batch.isEmpty()) {
				return;
			}
			this.scores.base(run.id(), run.modelVersion(), run.asOf(), batch.toArray(UUID[]::new), months);
			done += batch.size();
			from = batch.size() < size ? null : Keyset.after(batch.get(batch.size() - 1));
			this.runs.progress(run.id(), done);
			listener.progress(this.runs.find(run.id()).orElseThrow());
		}
	}

}
