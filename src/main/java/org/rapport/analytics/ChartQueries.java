package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the population views of a snapshot. Counts over the score rows (RFM grid,
 * matrix, funnel, priority, CLV deciles) are read live, so they include incremental
 * updates; concentration, cohorts and flows are those stored by the run.
 */
@Repository
class ChartQueries {

	private final JdbcClient jdbc;

	ChartQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Charts.Pareto pareto(AnalyticsRun run) {
		List<Charts.LorenzPoint> points = this.jdbc
			.sql("SELECT population_share, revenue_share FROM analytics_lorenz WHERE run_id = ? "
					+ "ORDER BY population_share")
			.param(run.id())
			.query((rs, n) -> new Charts.LorenzPoint(rs.getBigDecimal(1), rs.getBigDecimal(2)))
			.list();
		return new Charts.Pareto(run.id(), run.buyers() == null ? 0 : run.buyers(), run.revenue(), run.top20Share(),
				run.gini(), points);
	}

	Charts.RfmGrid rfm(UUID run, int bins) {
		List<Charts.RfmCell> cells = this.jdbc.sql("""
				SELECT r_score, f_score, count(*), sum(revenue) FROM analytics_customer_score
				WHERE run_id = ? AND purchases > 0 GROUP BY r_score, f_score ORDER BY r_score DESC, f_score DESC
				""")
			.param(run)
			.query((rs, n) -> new Charts.RfmCell(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getBigDecimal(4)))
			.list();
		return new Charts.RfmGrid(run, bins, cells, counts(run, "rfm_segment"));
	}

	Charts.Matrix matrix(UUID run) {
		List<BigDecimal> thresholds = this.jdbc
			.sql("SELECT loyalty_threshold, profitability_threshold FROM analytics_run WHERE id = ?")
			.param(run)
			.query((rs, n) -> java.util.Arrays.asList(rs.getBigDecimal(1), rs.getBigDecimal(2)))
			.single();
		return new Charts.Matrix(run, thresholds.get(0), thresholds.get(1), counts(run, "loyalty_class"));
	}

	Charts.Lifecycle lifecycle(UUID run) {
		List<Charts.Flow> flows = this.jdbc
			.sql("SELECT month, from_stage, to_stage, customers FROM analytics_stage_flow WHERE run_id = ? "
					+ "ORDER BY month, from_stage, to_stage")
			.param(run)
			.query((rs, n) -> new Charts.Flow(rs.getObject(1, java.time.LocalDate.class), rs.getString(2),
					rs.getString(3), rs.getLong(4)))
			.list();
		return new Charts.Lifecycle(run, counts(run, "lifecycle_stage"), flows);
	}

	Charts.Cohorts cohorts(UUID run) {
		return new Charts.Cohorts(run, this.jdbc
			.sql("SELECT cohort_month, months_since, cohort_size, customers FROM analytics_cohort WHERE run_id = ? "
					+ "ORDER BY cohort_month, months_since")
			.param(run)
			.query((rs, n) -> new Charts.CohortCell(rs.getObject(1, java.time.LocalDate.class), rs.getInt(2),
					rs.getInt(3), rs.getInt(4),
					BigDecimal.valueOf(rs.getInt(4)).divide(BigDecimal.valueOf(rs.getInt(3)), 4, RoundingMode.HALF_UP)))
			.list());
	}

	Charts.Priority priority(UUID run) {
		return new Charts.Priority(run,
				this.jdbc.sql("""
						SELECT risk_category, value_tier, count(*), sum(revenue) FROM analytics_customer_score
						WHERE run_id = ? AND purchases > 0 GROUP BY 1, 2 ORDER BY 1, 2
						""")
					.param(run)
					.query((rs, n) -> new Charts.PriorityCell(RiskCategory.valueOf(rs.getString(1)),
							ValueTier.valueOf(rs.getString(2)), rs.getLong(3), rs.getBigDecimal(4)))
					.list());
	}

	Charts.ClvDistribution clv(UUID run) {
		return new Charts.ClvDistribution(run,
				this.jdbc.sql("""
						SELECT decile, min(predicted_clv), max(predicted_clv), count(*) FROM (
						  SELECT predicted_clv, ntile(10) OVER (ORDER BY predicted_clv) AS decile
						  FROM analytics_customer_score WHERE run_id = ? AND predicted_clv IS NOT NULL) t
						GROUP BY decile ORDER BY decile
						""")
					.param(run)
					.query((rs, n) -> new Charts.ClvBucket(rs.getInt(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
							rs.getLong(4)))
					.list());
	}

	/**
	 * Equal-width bins of a "nice" width (1, 2, 2.5 or 5 × 10^k) chosen so that about ten
	 * bins reach the 95th percentile, starting at the lowest multiple of the width at or
	 * below the smallest value; values beyond the last full bin share one open-ended bin.
	 * Bin i holds start + i·w ≤ CLV &lt; start + (i+1)·w, the rule of the CLV filter.
	 */
	Charts.ClvHistogram clvHistogram(UUID run) {
		List<BigDecimal> range = this.jdbc
			.sql("""
					SELECT min(predicted_clv), percentile_disc(0.95) WITHIN GROUP (ORDER BY predicted_clv), max(predicted_clv)
					FROM analytics_customer_score WHERE run_id = ? AND predicted_clv IS NOT NULL
					""")
			.param(run)
			.query((rs, n) -> java.util.Arrays.asList(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
			.single();
		if (range.get(0) == null) {
			return new Charts.ClvHistogram(run, List.of());
		}
		BigDecimal width = niceWidth(range.get(1).subtract(range.get(0)).divide(BigDecimal.TEN));
		BigDecimal start = range.get(0).divide(width, 0, RoundingMode.FLOOR).multiply(width);
		int full = Math.max(1, range.get(1).subtract(start).divide(width, 0, RoundingMode.FLOOR).intValue() + 1);
		boolean open = range.get(2).compareTo(start.add(width.multiply(BigDecimal.valueOf(full)))) >= 0;
		long[] counts = new long[full + (open ? 1 : 0)];
		this.jdbc.sql("""
				SELECT least(floor((predicted_clv - :start) / :width), :last)::int, count(*)
				FROM analytics_customer_score WHERE run_id = :run AND predicted_clv IS NOT NULL GROUP BY 1
				""")
			.param("start", start)
			.param("width", width)
			.param("last", counts.length - 1)
			.param("run", run)
			.query((rs, n) -> counts[rs.getInt(1)] = rs.getLong(2))
			.list();
		List<Charts.ClvBin> bins = new java.util.ArrayList<>();
		for (int i = 0; i < counts.length; i++) {
			BigDecimal from = start.add(width.multiply(BigDecimal.valueOf(i)));
			BigDecimal to = (i < full) ? from.add(width) : null;
			bins.add(new Charts.ClvBin(from.stripTrailingZeros(), to == null ? null : to.stripTrailingZeros(),
					counts[i]));
		}
		return new Charts.ClvHistogram(run, bins);
	}

	/** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code raw} (0.01 at least). */
	static BigDecimal niceWidth(BigDecimal raw) {
		if (raw.compareTo(new BigDecimal("0.01")) <= 0) {
			return new BigDecimal("0.01");
		}
		BigDecimal power = BigDecimal.ONE.movePointRight(raw.precision() - raw.scale() - 1);
		for (String step : List.of("1", "2", "2.5", "5", "10")) {
			BigDecimal candidate = power.multiply(new BigDecimal(step));
			if (candidate.compareTo(raw) >= 0) {
				return candidate;
			}
		}
		return power.multiply(BigDecimal.TEN);
	}

	private List<Charts.Count> counts(UUID run, String column) {
		return this.jdbc
			.sql("SELECT " + column + ", count(*), coalesce(sum(revenue), 0) FROM analytics_customer_score "
					+ "WHERE run_id = ? AND " + column + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
			.param(run)
			.query(ChartQueries::count)
			.list();
	}

	private static Charts.Count count(ResultSet rs, int row) throws SQLException {
		return new Charts.Count(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3));
	}

}
