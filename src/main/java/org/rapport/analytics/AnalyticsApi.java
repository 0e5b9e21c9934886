package org.rapport.analytics;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.LifecycleStage;
import org.rapport.customer.Page;
import org.rapport.customer.Paging;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analytics over HTTP: a customer's scores, the population views, the customers behind
 * every chart cell (paged JSON, or all as CSV with {@code format=csv}) and runs. Every
 * read takes an optional {@code run} (a completed run's id); without it the current
 * snapshot answers.
 */
@RestController
@Tag(name = "Analytics")
class AnalyticsApi {

	static final String BASE = "/api/v1/analytics";

	private static final Set<String> VIEWS = Set.of("pareto", "rfm", "matrix", "lifecycle", "cohorts", "priority",
			"clv", "classes");

	private final Analytics analytics;

	AnalyticsApi(Analytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping(BASE + "/customers/{id}")
	@PreAuthorize("hasAnyAuthority('analytics:read', 'analytics:customer-read')")
	@Operation(summary = "A customer's scores: value, RFM, segment, stage, class, risk with reasons, predictions")
	CustomerScores customer(@PathVariable UUID id, @RequestParam(required = false) UUID run) {
		return this.analytics.customer(run, id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.customer.not-found", "analytics of customer {0} does not exist", id)));
	}

	@GetMapping(BASE + "/pareto")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Revenue concentration: top 20 % share, Gini, Lorenz curve")
	Charts.Pareto pareto(@RequestParam(required = false) UUID run) {
		return this.analytics.pareto(run);
	}

	@GetMapping(BASE + "/rfm")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Buyers per recency × frequency cell and per RFM segment")
	Charts.RfmGrid rfm(@RequestParam(required = false) UUID run) {
		return this.analytics.rfm(run);
	}

	@GetMapping(BASE + "/matrix")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Loyalty × profitability matrix with its thresholds")
	Charts.Matrix matrix(@RequestParam(required = false) UUID run) {
		return this.analytics.matrix(run);
	}

	@GetMapping(BASE + "/lifecycle")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Customers per lifecycle stage and the month-by-month flows between stages")
	Charts.Lifecycle lifecycle(@RequestParam(required = false) UUID run) {
		return this.analytics.lifecycle(run);
	}

	@GetMapping(BASE + "/cohorts")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Retention by month of first purchase")
	Charts.Cohorts cohorts(@RequestParam(required = false) UUID run) {
		return this.analytics.cohorts(run);
	}

	@GetMapping(BASE + "/priority")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Buyers per churn risk × value tier")
	Charts.Priority priority(@RequestParam(required = false) UUID run) {
		return this.analytics.priority(run);
	}

	@GetMapping(BASE + "/clv")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "Predicted CLV by decile of buyers (empty while no predictions exist)")
	Charts.ClvDistribution clv(@RequestParam(required = false) UUID run) {
		return this.analytics.clvDistribution(run);
	}

	@GetMapping(BASE + "/classes")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "One-to-class: the behavioural classes of buyers with their profiles and the choice of k",
			description = "404 with the reason when the snapshot has no classes. Customers of a class: "
					+ "GET /classes/customers?customerClass=N (format=csv for all).")
	CustomerClasses classes(@RequestParam(required = false) UUID run) {
		return this.analytics.classes(run);
	}

	@GetMapping(BASE + "/churn-model")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "The explanatory churn model: time-based holdout AUC next to recency alone, rules and tree")
	ChurnModel churnModel(@RequestParam(required = false) UUID run) {
		return this.analytics.churnModel(run);
	}

	/**
	 * The filters of a chart cell, shared by the list and its CSV export: the parameters
	 * of the console's drill-down links (DrillDown), validated the same way, with the
	 * order given by the view.
	 */
	record CellQuery(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
			LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer top,
			Integer customerClass, BigDecimal clvFrom, BigDecimal clvTo, YearMonth flowMonth, LifecycleStage flowFrom,
			LifecycleStage flowTo) {

		ScoreFilter filter(String view) {
			if (!VIEWS.contains(view)) {
				throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
						Text.of("analytics.view.not-found", "analytics view {0} does not exist", view));
			}
			ScoreFilter.Order order = view.equals("priority") ? ScoreFilter.Order.PRIORITY : ScoreFilter.Order.REVENUE;
			return new DrillDown(this.run, this.r, this.f, this.m, this.segment, this.loyaltyClass, this.stage,
					this.risk, this.valueTier, this.cohort, this.top, order, this.customerClass, this.clvFrom,
					this.clvTo, this.flowMonth, this.flowFrom, this.flowTo)
				.filter();
		}

	}

	@GetMapping(BASE + "/{view}/customers")
	@PreAuthorize("hasAuthority('analytics:read')")
	@Operation(summary = "The customers behind a chart cell, paged",
			description = "view is pareto, rfm, matrix, lifecycle, cohorts, priority, clv or classes; every filter "
					+ "works with every view, and the parameters are those of the console's drill-down links. "
					+ "Filters: r, f, m (RFM scores), segment (RFM segment), loyaltyClass (loyalty × profitability "
					+ "quadrant), stage, risk, valueTier, customerClass (one-to-class index), cohort (yyyy-MM, month "
					+ "of first purchase), top (the top N % of buyers by revenue), clvFrom and clvTo (predicted CLV "
					+ "from clvFrom inclusive up to clvTo exclusive; either may be left open), flowMonth (yyyy-MM) "
					+ "with flowFrom and flowTo (the buyers whose lifecycle stage moved from flowFrom at the end of "
					+ "the previous month to flowTo at the end of flowMonth, as in the stage flows; all three "
					+ "together). priority lists attention first; the others by revenue. format=csv exports all of "
					+ "them. Invalid values answer 400 with one entry per field under errors.")
	Page<CustomerScores> cell(@PathVariable String view, CellQuery query, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
		List<ApiException.FieldProblem> problems = new ArrayList<>();
		if (page < 0) {
			problems.add(ApiException.FieldProblem.of("page", Text.of("analytics.page.negative", "must be 0 or more")));
		}
		if (size < 1 || size > Paging.MAX_SIZE) {
			problems.add(ApiException.FieldProblem.of("size",
					Text.of("analytics.size.range", "must be between 1 and {0}", String.valueOf(Paging.MAX_SIZE))));
		}
		ScoreFilter filter;
		try {
			filter = query.filter(view);
		}
		catch (ApiException ex) {
			if (problems.isEmpty() || ex.fieldProblems().isEmpty()) {
				throw ex;
			}
			problems.addAll(ex.fieldProblems());
			throw ApiException.invalid(problems);
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		return this.analytics.customers(filter, new Paging(page, size));
	}

	@GetMapping(path = BASE + "/{view}/customers", params = "format=csv")
	@PreAuthorize("hasAuthority('analytics:read')")
	void cellCsv(@PathVariable String view, CellQuery query, HttpServletResponse response) throws IOException {
		ScoreFilter filter = query.filter(view);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"analytics-" + view + ".csv\"");
		PrintWriter writer = response.getWriter();
		writer.write(ScoresCsv.HEADER);
		this.analytics.export(filter, (scores) -> writer.write(ScoresCsv.row(scores)));
		writer.flush();
	}

	@PostMapping(BASE + "/runs")
	@PreAuthorize("hasAuthority('analytics:run')")
	@Operation(summary = "Start a full recompute in the background",
			description = "Answers 202 with the run; follow its progress at the Location. 409 while another full "
					+ "run is running.")
	ResponseEntity<AnalyticsRun> start() {
		AnalyticsRun run = this.analytics.startRun();
		return ResponseEntity.accepted().location(URI.create(BASE + "/runs/" + run.id())).body(run);
	}

	@GetMapping(BASE + "/runs/{id}")
	@PreAuthorize("hasAnyAuthority('analytics:read', 'analytics:run')")
	@Operation(summary = "A run with its status and progress")
	AnalyticsRun run(@PathVariable UUID id) {
		return this.analytics.run(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.run.not-found", "analytics run {0} does not exist", id)));
	}

}
