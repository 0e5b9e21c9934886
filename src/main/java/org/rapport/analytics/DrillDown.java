package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;
import org.rapport.platform.web.ApiException;

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

	ScoreFilter filter() {
		if (this.top != null && (this.top < 1 || this.top > 100)) {
			throw ApiException.invalid("top", "must be a percentage between 1 and 100");
		}
		return new ScoreFilter(this.run, this.r, this.f, this.m, this.segment, this.loyaltyClass, this.stage, this.risk,
				this.valueTier, this.cohort, this.top, this.order == null ? ScoreFilter.Order.REVENUE : this.order,
				this.customerClass, clv(), move());
	}

	private ScoreFilter.ClvRange clv() {
		if (this.clvFrom == null && this.clvTo == null) {
			return null;
		}
		if (this.clvFrom != null && this.clvTo != null && this.clvFrom.compareTo(this.clvTo) >= 0) {
			throw ApiException.invalid("clvTo", "must be above clvFrom");
		}
		return new ScoreFilter.ClvRange(this.clvFrom, this.clvTo);
	}

	private ScoreFilter.StageMove move() {
		if (this.flowMonth == null && this.flowFrom == null && this.flowTo == null) {
			return null;
		}
		if (this.flowMonth == null || this.flowFrom == null || this.flowTo == null) {
			throw ApiException.invalid("flowMonth", "a stage move needs flowMonth, flowFrom and flowTo");
		}
		return new ScoreFilter.StageMove(this.flowMonth, this.flowFrom, this.flowTo);
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
