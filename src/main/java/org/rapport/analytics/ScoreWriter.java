package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes per-customer scores: the base aggregate of a batch of customers, the run's cut
 * points and thresholds, and the scoring of stored rows.
 */
@Component
class ScoreWriter {

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	private final String currency;

	ScoreWriter(JdbcClient jdbc, AnalyticsSettings settings, BusinessCurrency currency) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.currency = currency.code();
	}

	/** Writes (or rewrites) the base rows of the active customers among ids. */
	int base(UUID run, String version, Instant asOf, UUID[] ids) {
		return base(ScoreSql.BASE, run, version, asOf, ids).update();
	}

	/**
	 * Writes the base rows of the active customers among ids and hands the months each
	 * buyer among them purchased in to {@code months}, in the same statement.
	 */
	void base(UUID run, String version, Instant asOf, UUID[] ids, PurchaseMonths months) {
		base(ScoreSql.BASE_AND_MONTHS, run, version, asOf, ids)
			.query((RowCallbackHandler) (rs) -> months.row(rs.getObject(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)));
		months.endOfBuyers();
	}

	private JdbcClient.StatementSpec base(String sql, UUID run, String version, Instant asOf, UUID[] ids) {
		return this.jdbc.sql(sql)
			.param("run", run)
			.param("version", version)
			.param("asOf", RunStore.at(asOf))
			.param("ids", ids)
			.param("currency", this.currency)
			.param("window", RunStore.at(asOf.minus(this.settings.signalWindowDays(), ChronoUnit.DAYS)))
			.param("promoterSince", RunStore.at(asOf.minus(this.settings.lostAfterDays(), ChronoUnit.DAYS)))
			.param("negativeNps", this.settings.negativeNps())
			.param("promoterNps", this.settings.promoterNps())
			.param("rhythm", this.settings.rhythmFactor());
	}

	/** Computes and stores the run's RFM cut points and matrix thresholds. */
	void thresholds(UUID run, RunStore runs) {
		List<BigDecimal> r = uppers(run, "-recency_days");
		List<BigDecimal> f = uppers(run, "purchases");
		List<BigDecimal> m = uppers(run, "revenue");
		List<Double> medians = this.jdbc.sql(ScoreSql.THRESHOLDS)
			.param("lq", this.settings.loyaltyQuantile())
			.param("pq", this.settings.profitabilityQuantile())
			.param("run", run)
			.query((rs, n) -> List.of(rs.getDouble(1), rs.getDouble(2)))
			.single();
		BigDecimal loyalty = this.settings.loyaltyRate() != null ? this.settings.loyaltyRate()
				: BigDecimal.valueOf(medians.get(0));
		BigDecimal profitability = this.settings.profitabilityRevenue() != null ? this.settings.profitabilityRevenue()
				: BigDecimal.valueOf(medians.get(1));
		runs.cuts(run, r, f, m, loyalty, profitability);
	}

	private List<BigDecimal> uppers(UUID run, String expression) {
		List<BigDecimal> all = this.jdbc.sql(ScoreSql.BIN_UPPERS.formatted(expression))
			.param("bins", this.settings.rfmBins())
			.param("run", run)
			.query(BigDecimal.class)
			.list();
		return all.isEmpty() ? all : new ArrayList<>(all.subList(0, all.size() - 1));
	}

	/** Scores every row of the run. */
	void scoreAll(UUID run) {
		scoreAll(run, "");
	}

	/**
	 * Scores every row of the run and sets more columns in the same pass
	 * ({@link ScoreSql#score(String, String)}).
	 */
	void scoreAll(UUID run, String more) {
		score(run, ScoreSql.score("TRUE", more), null);
	}

	/**
	 * Scores the given buyers' rows of the run, storing their predictions and classes
	 * (null elements: none) and setting more columns in the same statement.
	 */
	void scoreLearned(UUID run, UUID[] ids, Double[] expected, Double[] pAlive, Double[] clv, Integer[] classes,
			String more) {
		this.jdbc.sql(ScoreSql.score("TRUE", more, true))
			.param("run", run)
			.param("lostAfter", this.settings.lostAfterDays())
			.param("loyalMin", this.settings.loyalMinPurchases())
			.param("ids", ids)
			.param("e", expected)
			.param("a", pAlive)
			.param("c", clv)
			.param("k", classes)
			.update();
	}

	/** Scores the rows of the run that match a condition over the row ({@code s}). */
	void scoreWhere(UUID run, String condition) {
		score(run, ScoreSql.score(condition), null);
	}

	/** Scores the given customers' rows of the run. */
	void score(UUID run, UUID[] ids) {
		score(run, ScoreSql.score("s.customer_id = ANY(:ids)"), ids);
	}

	private void score(UUID run, String sql, UUID[] ids) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql)
			.param("run", run)
			.param("lostAfter", this.settings.lostAfterDays())
			.param("loyalMin", this.settings.loyalMinPurchases());
		if (ids != null) {
			spec = spec.param("ids", ids);
		}
		spec.update();
	}

}
