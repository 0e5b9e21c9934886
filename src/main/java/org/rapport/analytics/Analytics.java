package org.rapport.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import org.rapport.customer.Page;
import org.rapport.customer.Paging;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The front door of analytics: runs (full, in the background or in the caller's thread;
 * scoped to chosen customers), the incremental update, a customer's scores, the customer
 * lists behind every chart cell, and the population views. Reads name a snapshot by run
 * id, or null for the current one (the latest completed full run).
 */
@Service
@EnableConfigurationProperties(AnalyticsSettings.class)
public class Analytics {

	private final FullRecompute recompute;

	private final IncrementalUpdate incremental;

	private final RunStore runs;

	private final ScoreQueries scores;

	private final ChartQueries charts;

	private final ClassStore classes;

	private final ChurnModelWriter churn;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "analytics-run");
		thread.setDaemon(true);
		return thread;
	});

	Analytics(FullRecompute recompute, IncrementalUpdate incremental, RunStore runs, ScoreQueries scores,
			ChartQueries charts, ClassStore classes, ChurnModelWriter churn, Clock clock) {
		this.classes = classes;
		this.churn = churn;
		this.recompute = recompute;
		this.incremental = incremental;
		this.runs = runs;
		this.scores = scores;
		this.charts = charts;
		this.clock = clock;
	}

	/**
	 * Starts a full run in the background and answers it while RUNNING; refused
	 * (conflict) while another full run is running.
	 */
	public AnalyticsRun startRun() {
		AnalyticsRun run = this.recompute.start(null, this.clock.instant(), Actor.current().id());
		this.background.execute(() -> this.recompute.execute(run, RunListener.NONE));
		return run;
	}

	/**
	 * A full run in the caller's thread; answers the finished (completed or failed) run.
	 */
	public AnalyticsRun runAll(RunListener listener) {
		AnalyticsRun run = this.recompute.start(null, this.clock.instant(), Actor.current().id());
		return this.recompute.execute(run, listener);
	}

	/**
	 * A run over the given customers only, as of the given instant, in the caller's
	 * thread. Its cut points and thresholds come from these customers; it never becomes
	 * the current snapshot and is read by its id.
	 */
	public AnalyticsRun runFor(Collection<UUID> customers, Instant asOf) {
		AnalyticsRun run = this.recompute.start(List.copyOf(customers), asOf, Actor.current().id());
		return this.recompute.execute(run, RunListener.NONE);
	}

	/**
	 * Brings the scores of customers with new interactions up to date; answers how many.
	 */
	public int updateDirty() {
		return this.incremental.run();
	}

	public Optional<AnalyticsRun> run(UUID id) {
		return this.runs.find(id);
	}

	public Optional<AnalyticsRun> current() {
		return this.runs.current();
	}

	public Optional<CustomerScores> customer(UUID run, UUID customerId) {
		return this.scores.customer(snapshot(run).id(), customerId);
	}

	public Page<CustomerScores> customers(ScoreFilter filter, Paging paging) {
		UUID run = snapshot(filter.run()).id();
		long offset = (long) paging.page() * paging.size();
		return Page.of(this.scores.list(run, filter, offset, paging.size()), paging, this.scores.count(run, filter));
	}

	/**
	 * The first {@code limit} customers of the snapshot's priority list (churn risk, then
	 * value: high risk first, then medium and churned, each by predicted CLV then
	 * revenue) who are at risk at all: customers at low risk and non-buyers are left out.
	 * One read, without a count.
	 */
	public List<CustomerScores> needsAttention(UUID run, int limit) {
		UUID id = snapshot(run).id();
		ScoreFilter priority = new ScoreFilter(id, null, null, null, null, null, null, null, null, null, null,
				ScoreFilter.Order.PRIORITY);
		return this.scores.list(id, priority, 0, Math.max(1, Math.min(limit, 100)))
			.stream()
			.filter((s) -> s.riskCategory() != null && s.riskCategory() != RiskCategory.LOW)
			.toList();
	}

	/** Every customer of a chart cell, in the filter's order, one at a time. */
	public void export(ScoreFilter filter, Consumer<CustomerScores> sink) {
		this.scores.stream(snapshot(filter.run()).id(), filter, sink);
	}

	public Charts.Pareto pareto(UUID run) {
		return this.charts.pareto(snapshot(run));
	}

	public Charts.RfmGrid rfm(UUID run) {
		AnalyticsRun snapshot = snapshot(run);
		return this.charts.rfm(snapshot.id(), this.runs.bins(snapshot.id()));
	}

	public Charts.Matrix matrix(UUID run) {
		return this.charts.matrix(snapshot(run).id());
	}

	public Charts.Lifecycle lifecycle(UUID run) {
		return this.charts.lifecycle(snapshot(run).id());
	}

	public Charts.Cohorts cohorts(UUID run) {
		return this.charts.cohorts(snapshot(run).id());
	}

	public Charts.Priority priority(UUID run) {
		return this.charts.priority(snapshot(run).id());
	}

	public Charts.ClvDistribution clvDistribution(UUID run) {
		return this.charts.clv(snapshot(run).id());
	}

	public Charts.ClvHistogram clvHistogram(UUID run) {
		return this.charts.clvHistogram(snapshot(run).id());
	}

	/**
	 * The one-to-class view: features, the choice of k with its curve, and the profile of
	 * every class; not found (with the reason) when the snapshot has no classes.
	 */
	public CustomerClasses classes(UUID run) {
		UUID id = snapshot(run).id();
		return this.classes.find(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.classes.not-found", "customer classes of run {0} {1} does not exist", id,
							String.valueOf(this.classes.unavailableReason(id)))));
	}

	/**
	 * The explanatory churn model of the snapshot: holdout AUC next to the recency
	 * baseline, rules and tree, or the reason it is unavailable; not found when the run
	 * trained none.
	 */
	public ChurnModel churnModel(UUID run) {
		UUID id = snapshot(run).id();
		return this.churn.find(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.churn-model.not-found", "churn model of run {0} does not exist", id)));
	}

	/** The named completed run, or the current snapshot; not found otherwise. */
	private AnalyticsRun snapshot(UUID run) {
		if (run == null) {
			return this.runs.current()
				.orElseThrow(
						() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", Text.of("analytics.snapshot.none",
								"analytics snapshot current (no completed run yet) does not exist")));
		}
		return this.runs.find(run)
			.filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.completed-run.not-found", "completed analytics run {0} does not exist", run)));
	}

	@PreDestroy
	void stop() {
		this.background.shutdownNow();
	}

}
