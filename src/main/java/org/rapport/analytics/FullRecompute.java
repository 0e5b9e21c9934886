package org.rapport.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.rapport.analytics.learn.ChurnTree;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run from start to finish (docs/adr/0030): on a connection of its own
 * ({@link StagedRun}), the base rows of the population are staged part by part (by range
 * of customer id; a scoped run's by one set-based statement) while the buyers' purchase
 * months are read beside for cohorts and stage flows and for each buyer's distinct
 * purchase days (docs/adr/0040), and a second connection stages the parts left once the
 * months are read (docs/adr/0053); the churn model (on a bounded sample) then trains
 * beside the buyers' pass ({@link BuyerPass}: the buyers read once into arrays, value
 * model and classes fitted on a bounded sample, every buyer predicted and classified, cut
 * points, thresholds and revenue concentration computed in memory); the learned values
 * are copied in and every customer's final row is written once, range by range of
 * customers with the progress, by two connections at once (docs/adr/0047), into a table
 * attached as the run's partition; completion in one transaction makes the snapshot
 * current and drops the previous one. Each phase's duration is logged. A failure rolls
 * back what the run's connection has not committed, drops the run's tables and marks it
 * failed; readers keep seeing the previous snapshot throughout.
 */
@Component
class FullRecompute {

	static final String MODEL_VERSION = "rapport-analytics-1";

	/**
	 * The parts a full run's base rows are staged in, by range of customer id, so that
	 * the stagers share the work evenly to the end (docs/adr/0053).
	 */
	static final int BASE_PARTS = 32;

	private static final Logger log = LoggerFactory.getLogger(FullRecompute.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final RunStore runs;

	private final ScoreWriter scores;

	private final BuyerPass buyers;

	private final ChurnModelWriter churn;

	private final PopulationWriter population;

	private final AnalyticsSettings settings;

	private final TransactionTemplate tx;

	private final ValuePredictor predictor;

	FullRecompute(JdbcClient jdbc, DataSource dataSource, RunStore runs, ScoreWriter scores, Learners learners,
			BuyerPass buyers, PopulationWriter population, AnalyticsSettings settings, TransactionTemplate tx,
			ObjectProvider<ValuePredictor> predictor) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
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
			try (StagedRun staged = new StagedRun(this.dataSource, id)) {
				timings.phase("customers");
				// Cohorts and stage flows are counted from the buyers' purchase months,
				// read beside the base rows; the churn model reads the sampled buyers'
				// interactions beside the buyers' pass.
				// the second stager of the base rows starts once the months are read
				CompletableFuture<Void> monthsRead = new CompletableFuture<>();
				Future<BuyerDays> populationViews = beside
					.submit(() -> timings.beside("population views (beside)", () -> {
						PurchaseMonths months;
						BuyerDays days;
						try {
							months = this.population.months(run.asOf());
							days = StagedRun.months(this.dataSource, run.asOf(), scope, months);
						}
						finally {
							monthsRead.complete(null);
						}
						this.population.cohortsAndFlows(id, months);
						return days;
					}));
				int customers = (scope != null) ? staged.base(this.scores, run.asOf(), scope)
						: staged.base(this.scores, run.asOf(), BASE_PARTS, this.settings.scoreWriters(), monthsRead);
				UUID[] churnSample = staged.churnSample(this.settings.seed(), this.churn.customers());
				Future<Optional<ChurnTree>> churnTree = beside.submit(() -> timings.beside("churn model (beside)",
						() -> this.churn.train(id, run.asOf(), churnSample)));
				timings.phase("predictions and classes");
				learn(id, staged, customers, outcome(populationViews), run.asOf());
				timings.phase("churn model");
				Optional<ChurnTree> tree = outcome(churnTree);
				timings.phase("scores");
				staged.write(run, ChurnScoring.columns(tree.orElse(null)), customers, this.settings.batchSize(),
						this.settings.scoreWriters(), this.settings, (done) -> {
							this.runs.progress(id, done);
							listener.progress(this.runs.find(id).orElseThrow());
						});
				populationViews.get();
				staged.attach(id);
				staged.commit();
			}
			timings.phase("population");
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

	/**
	 * Reads the staged buyers once (arrays sized for the staged customers, no count of
	 * the buyers first) with their purchase days counted beside, learns and predicts on
	 * them, stores the cut points and copies the learned values into the staged run; the
	 * buyers' arrays are garbage after.
	 */
	private void learn(UUID id, StagedRun staged, int customers, BuyerDays days, Instant asOf) {
		long started = System.nanoTime();
		// sized for every staged customer, so the arrays never grow while read
		Buyers buyers = staged.buyers(customers, days, asOf);
		long read = System.nanoTime();
		BuyerPass.Learned learned = this.buyers.learn(id, this.predictor, buyers);
		long predicted = System.nanoTime();
		this.buyers.cuts(id, buyers);
		this.population.concentration(id, buyers.column(Buyers.REVENUE), buyers.size());
		long cut = System.nanoTime();
		staged.learned(buyers, learned.expected(), learned.pAlive(), learned.clv(), learned.classes());
		log.info(
				"Analytics run {}: buyers read in {} ms, learned and predicted in {} ms, cut points and "
						+ "concentration in {} ms, learned values copied in {} ms",
				id, (read - started) / 1_000_000, (predicted - read) / 1_000_000, (cut - predicted) / 1_000_000,
				(System.nanoTime() - cut) / 1_000_000);
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

}
