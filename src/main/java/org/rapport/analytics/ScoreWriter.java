package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes per-customer scores: the base aggregate of a batch of customers, the run's cut
 * points and thresholds, the predictions of the {@link ValuePredictor}, and the scoring
 * of stored rows.
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
		return this.jdbc.sql(ScoreSql.BASE)
			.param("run", run)
			.param("version", version)
			.param("asOf", RunStore.at(asOf))
			.param("ids", ids)
			.param("currency", this.currency)
			.param("window", RunStore.at(asOf.minus(this.settings.signalWindowDays(), ChronoUnit.DAYS)))
			.param("promoterSince", RunStore.at(asOf.minus(this.settings.lostAfterDays(), ChronoUnit.DAYS)))
			.param("negativeNps", this.settings.negativeNps())
			.param("promoterNps", this.settings.promoterNps())
			.param("rhythm", this.settings.rhythmFactor())
			.update();
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
		score(run, "TRUE", null);
	}

	/** Scores the given customers' rows of the run. */
	void score(UUID run, UUID[] ids) {
		score(run, "s.customer_id = ANY(:ids)", ids);
	}

	private void score(UUID run, String selection, UUID[] ids) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(ScoreSql.score(selection))
			.param("run", run)
			.param("lostAfter", this.settings.lostAfterDays())
			.param("loyalMin", this.settings.loyalMinPurchases());
		if (ids != null) {
			spec = spec.param("ids", ids);
		}
		spec.update();
	}

	/**
	 * Hands all buyers of the run to the predictor and stores its answers; does nothing
	 * when the predictor has no model. Holds five numbers per buyer in memory.
	 */
	boolean predict(UUID run, ValuePredictor predictor) {
		if (predictor == ValuePredictor.NONE) {
			return false;
		}
		List<UUID> ids = new ArrayList<>();
		List<double[]> rows = new ArrayList<>();
		this.jdbc.sql("""
				SELECT customer_id, purchase_days - 1, coalesce(extract(epoch FROM last_purchase_at - first_purchase_at)
				  / 86400, 0), tenure_days, average_basket
				FROM analytics_customer_score WHERE run_id = ? AND purchases > 0 ORDER BY customer_id
				""").param(run).query((rs) -> {
			ids.add(rs.getObject(1, UUID.class));
			rows.add(new double[] { rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5) });
		});
		int n = ids.size();
		double[][] columns = new double[4][n];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < 4; c++) {
				columns[c][i] = rows.get(i)[c];
			}
		}
		rows.clear();
		ValuePredictor.Predictions predictions = predictor.predict(columns[0], columns[1], columns[2], columns[3]);
		if (!predictions.available()) {
			return false;
		}
		int chunk = 10_000;
		for (int from = 0; from < n; from += chunk) {
			int to = Math.min(n, from + chunk);
			this.jdbc.sql("""
					UPDATE analytics_customer_score s SET expected_purchases = round(p.e::numeric, 6),
					  p_alive = round(p.a::numeric, 6), predicted_clv = round(p.c::numeric, 2)
					FROM unnest(:ids::uuid[], :e::float8[], :a::float8[], :c::float8[]) AS p(id, e, a, c)
					WHERE s.run_id = :run AND s.customer_id = p.id
					""")
				.param("ids", ids.subList(from, to).toArray(UUID[]::new))
				.param("e", boxed(predictions.expectedPurchases(), from, to))
				.param("a", boxed(predictions.pAlive(), from, to))
				.param("c", boxed(predictions.clv(), from, to))
				.param("run", run)
				.update();
		}
		return true;
	}

	private static Double[] boxed(double[] values, int from, int to) {
		Double[] out = new Double[to - from];
		for (int i = from; i < to; i++) {
			out[i - from] = values == null || Double.isNaN(values[i]) ? null : values[i];
		}
		return out;
	}

}
