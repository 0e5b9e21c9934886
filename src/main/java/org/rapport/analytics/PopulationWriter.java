package org.rapport.analytics;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population views of a run, each one set-based statement over the run's rows:
 * revenue concentration (Gini and the top 20 % share with the definitions of
 * {@link Concentration}), the Lorenz curve in steps of 5 % (interpolated between whole
 * customers, so on or below the diagonal), and cohort retention by month of first
 * purchase with the month-by-month lifecycle flows (one statement, one read of the
 * purchases). Months are calendar months in UTC.
 */
@Component
class PopulationWriter {

	private static final String CONCENTRATION = """
			WITH o AS (
			  SELECT greatest(revenue, 0) AS x, row_number() OVER (ORDER BY greatest(revenue, 0)) AS i,
			    count(*) OVER () AS n, sum(greatest(revenue, 0)) OVER () AS total
			  FROM analytics_customer_score WHERE run_id = :run AND purchases > 0),
			g AS (
			  SELECT count(*) AS n, coalesce(max(total), 0) AS total,
			    CASE WHEN max(total) > 0 THEN 2 * sum(i * x) / (max(n) * max(total)) - (max(n) + 1.0) / max(n) ELSE 0
			      END AS gini,
			    CASE WHEN max(total) > 0 THEN sum(x) FILTER (WHERE i > n - ceil(0.2 * n)) / max(total) ELSE 0
			      END AS top20
			  FROM o)
			UPDATE analytics_run SET buyers = g.n, revenue = g.total, gini = round(g.gini, 6), top20_share = round(g.top20, 6)
			FROM g WHERE id = :run
			""";

	private static final String LORENZ = """
			INSERT INTO analytics_lorenz (run_id, population_share, revenue_share)
			WITH o AS (
			  SELECT row_number() OVER w AS i, greatest(revenue, 0) AS x,
			    sum(greatest(revenue, 0)) OVER (w ROWS UNBOUNDED PRECEDING) AS cum,
			    count(*) OVER () AS n, sum(greatest(revenue, 0)) OVER () AS total
			  FROM analytics_customer_score WHERE run_id = :run AND purchases > 0
			  WINDOW w AS (ORDER BY greatest(revenue, 0), customer_id)),
			p AS (SELECT g / 20.0 AS share FROM generate_series(0, 20) g)
			SELECT :run, p.share,
			  CASE WHEN p.share = 0 THEN 0
			    ELSE coalesce(round((o.cum - (o.i - p.share * o.n) * o.x) / nullif(o.total, 0), 6), p.share) END
			FROM p LEFT JOIN o ON o.i = least(floor(p.share * o.n) + 1, o.n)
			""";

	/**
	 * Cohort retention and lifecycle flows in one statement over one read of the buyers'
	 * purchases: the months each buyer purchased in (pm, materialized once) give both the
	 * active months of each cohort and the stage at the end of each month.
	 */
	private static final String COHORTS_AND_FLOWS = """
			WITH pm AS MATERIALIZED (
			  SELECT i.customer_id, date_trunc('month', i.occurred_at AT TIME ZONE 'UTC')::date AS m, count(*) AS n,
			    max(i.occurred_at) AS last
			  FROM analytics_customer_score s JOIN interaction i ON i.customer_id = s.customer_id
			  WHERE s.run_id = :run AND s.purchases > 0 AND i.kind = 'PURCHASE' AND i.occurred_at <= :asOf
			  GROUP BY 1, 2),
			b AS (
			  SELECT customer_id, date_trunc('month', first_purchase_at AT TIME ZONE 'UTC')::date AS cohort
			  FROM analytics_customer_score WHERE run_id = :run AND purchases > 0),
			sz AS (SELECT cohort, count(*) AS n FROM b GROUP BY cohort),
			cohorts AS (
			  INSERT INTO analytics_cohort (run_id, cohort_month, months_since, cohort_size, customers)
			  SELECT :run, b.cohort,
			    ((extract(year FROM pm.m) - extract(year FROM b.cohort)) * 12
			      + extract(month FROM pm.m) - extract(month FROM b.cohort))::int AS since,
			    sz.n, count(*)
			  FROM pm JOIN b ON b.customer_id = pm.customer_id JOIN sz ON sz.cohort = b.cohort
			  GROUP BY b.cohort, since, sz.n
			  RETURNING 1),
			months AS (
			  SELECT (date_trunc('month', CAST(:asOf AS timestamptz) AT TIME ZONE 'UTC')
			    - make_interval(months => g))::date AS m
			  FROM generate_series(0, :months) g),
			ends AS (
			  SELECT m, least((m + interval '1 month') AT TIME ZONE 'UTC', CAST(:asOf AS timestamptz)) AS e FROM months),
			st AS (
			  SELECT pm.customer_id, ends.m, sum(pm.n) AS purchases,
			    extract(epoch FROM ends.e - max(pm.last)) / 86400 AS recency
			  FROM pm JOIN ends ON pm.m <= ends.m
			  GROUP BY pm.customer_id, ends.m, ends.e),
			staged AS (
			  SELECT customer_id, m,
			    CASE WHEN recency > :lostAfter THEN 'LOST' WHEN purchases >= :loyalMin THEN 'LOYAL'
			      WHEN purchases >= 2 THEN 'REPEAT_BUYER' ELSE 'FIRST_TIME_BUYER' END AS stage
			  FROM st)
			INSERT INTO analytics_stage_flow (run_id, month, from_stage, to_stage, customers)
			SELECT :run, cur.m, coalesce(prev.stage, 'PROSPECT'), cur.stage, count(*)
			FROM staged cur
			LEFT JOIN staged prev ON prev.customer_id = cur.customer_id AND prev.m = (cur.m - interval '1 month')::date
			WHERE cur.m > (SELECT min(m) FROM months)
			GROUP BY 2, 3, 4
			""";

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	PopulationWriter(JdbcClient jdbc, AnalyticsSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	void write(UUID run, Instant asOf) {
		this.jdbc.sql(CONCENTRATION).param("run", run).update();
		this.jdbc.sql(LORENZ).param("run", run).update();
		this.jdbc.sql(COHORTS_AND_FLOWS)
			.param("run", run)
			.param("asOf", RunStore.at(asOf))
			.param("months", this.settings.flowMonths())
			.param("lostAfter", this.settings.lostAfterDays())
			.param("loyalMin", this.settings.loyalMinPurchases())
			.update();
	}

}
