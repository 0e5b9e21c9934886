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
 * Writes per-customer scores: the base aggregate of a batch of customers and the scoring
 * of stored rows (a full run stages and writes its rows with {@link StagedRun}).
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

	private JdbcClient.StatementSpec base(String sql, UUID run, String version, Instant asOf, UUID[] ids) {
		return baseParameters(this.jdbc.sql(sql), asOf).param("run", run).param("version", version).param("ids", ids);
	}

	/**
	 * Binds the parameters of the base aggregate ({@link ScoreSql}) other than the run,
	 * the version and the customers.
	 */
	JdbcClient.StatementSpec baseParameters(JdbcClient.StatementSpec spec, Instant asOf) {
		return spec.param("asOf", RunStore.at(asOf))
			.param("currency", this.currency)
			.param("window", RunStore.at(asOf.minus(this.settings.signalWindowDays(), ChronoUnit.DAYS)))
			.param("promoterSince", RunStore.at(asOf.minus(this.settings.lostAfterDays(), ChronoUnit.DAYS)))
			.param("negativeNps", this.settings.negativeNps())
			.param("promoterNps", this.settings.promoterNps())
			.param("rhythm", this.settings.rhythmFactor());
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
