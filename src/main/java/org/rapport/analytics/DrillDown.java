package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The customers behind a cell of a console chart, as request parameters: a snapshot (run
 * id, or none for the current one), the cell's filters and the order. The customer list,
 * its CSV export and every chart link use the same parameters.
 */
record DrillDown(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
		LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer top,
		ScoreFilter.Order order, Integer customerClass, BigDecimal clvFrom, BigDecimal clvTo, YearMonth flowMonth,
		LifecycleStage flowFrom, LifecycleStage flowTo) {

	static final String LIST = "/analytics/customers";

	static final String CSV = "/analytics/customers/export";

	/**
	 * The filter these parameters describe; every invalid parameter is reported at once,
	 * by name (RFC 9457 field problems over the API, a bad request in the console).
	 */
	ScoreFilter filter() {
		List<ApiException.FieldProblem> problems = new ArrayList<>();
		for (Map.Entry<String, Integer> score : Map.of("r", nonNull(this.r), "f", nonNull(this.f), "m", nonNull(this.m))
			.entrySet()) {
			if (score.getValue() < 1) {
				problems.add(ApiException.FieldProblem.of(score.getKey(),
						Text.of("analytics.filter.score", "must be a score of 1 or more")));
			}
		}
		if (this.top != null && (this.top < 1 || this.top > 100)) {
			problems.add(ApiException.FieldProblem.of("top",
					Text.of("analytics.filter.top", "must be a percentage between 1 and 100")));
		}
		if (this.customerClass != null && this.customerClass < 0) {
			problems.add(ApiException.FieldProblem.of("customerClass",
					Text.of("analytics.filter.customer-class", "must be a class index of 0 or more")));
		}
		if (this.clvFrom != null && this.clvTo != null && this.clvFrom.compareTo(this.clvTo) >= 0) {
			problems.add(ApiException.FieldProblem.of("clvTo",
					Text.of("analytics.filter.clv-to", "must be above clvFrom ({0})", this.clvFrom.toPlainString())));
		}
		boolean anyMove = this.flowMonth != null || this.flowFrom != null || this.flowTo != null;
		if (anyMove) {
			Map<String, Object> move = new LinkedHashMap<>();
			move.put("flowMonth", this.flowMonth);
			move.put("flowFrom", this.flowFrom);
			move.put("flowTo", this.flowTo);
			move.forEach((name, value) -> {
				if (value == null) {
					problems.add(ApiException.FieldProblem.of(name, Text.of("analytics.filter.stage-move",
							"is required: a stage move needs flowMonth, flowFrom and flowTo")));
				}
			});
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		ScoreFilter.ClvRange clv = (this.clvFrom == null && this.clvTo == null) ? null
				: new ScoreFilter.ClvRange(this.clvFrom, this.clvTo);
		ScoreFilter.StageMove move = anyMove ? new ScoreFilter.StageMove(this.flowMonth, this.flowFrom, this.flowTo)
				: null;
		return new ScoreFilter(this.run, this.r, this.f, this.m, this.segment, this.loyaltyClass, this.stage, this.risk,
				this.valueTier, this.cohort, this.top, this.order == null ? ScoreFilter.Order.REVENUE : this.order,
				this.customerClass, clv, move);
	}

	private static int nonNull(Integer score) {
		return score == null ? 1 : score;
	}

	/**
	 * The active filters by parameter name (without run and order), for the page title.
	 */
	Map<String, Object> filters() {
		Map<String, Object> active = new LinkedHashMap<>();
		put(active, "r", this.r);
		put(active, "f", this.f);
		put(active, "m", this.m);
		put(active, "segment", this.segment);
		put(active, "loyaltyClass", this.loyaltyClass);
		put(active, "stage", this.stage);
		put(active, "risk", this.risk);
		put(active, "valueTier", this.valueTier);
		put(active, "cohort", this.cohort);
		put(active, "top", this.top);
		put(active, "customerClass", this.customerClass);
		put(active, "clvFrom", this.clvFrom);
		put(active, "clvTo", this.clvTo);
		put(active, "flowMonth", this.flowMonth);
		put(active, "flowFrom", this.flowFrom);
		put(active, "flowTo", this.flowTo);
		return active;
	}

	/** The link to these customers at {@code path} (the list or the CSV), on a page. */
	String link(String path, Integer page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		if (this.run != null) {
			uri.queryParam("run", this.run);
		}
		filters().forEach(uri::queryParam);
		if (this.order != null) {
			uri.queryParam("order", this.order);
		}
		if (page != null && page > 0) {
			uri.queryParam("page", page);
		}
		return uri.encode().build().toUriString();
	}

	String csv() {
		return link(CSV, null);
	}

	String page(int page) {
		return link(LIST, page);
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
