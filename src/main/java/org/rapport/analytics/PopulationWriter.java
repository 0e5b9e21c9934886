package org.rapport.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population views of a run, each one set-based statement over the run's rows:
 * revenue concentration (Gini and the top 20 % share with the definitions of
 * {@link Concentration}) and the Lorenz curve in steps of 5 % (interpolated between whole
 * customers, so on or below the diagonal). Cohort retention by month of first purchase
 * and the month-by-month lifecycle flows are counted by {@link PurchaseMonths} while the
 * base rows are written (no read of the purchases of their own) and stored here. Months
 * are calendar months in UTC.
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

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	PopulationWriter(JdbcClient jdbc, AnalyticsSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Revenue concentration and the Lorenz curve, from the run's rows. */
	void concentration(UUID run) {
		this.jdbc.sql(CONCENTRATION).param("run", run).update();
		this.jdbc.sql(LORENZ).param("run", run).update();
	}

	/** A fresh accumulator of cohorts and stage flows for a run as of an instant. */
	PurchaseMonths months(Instant asOf) {
		return new PurchaseMonths(asOf, this.settings.flowMonths(), this.settings.lostAfterDays(),
				this.settings.loyalMinPurchases());
	}

	/** Stores the cohort retention and stage flows accumulated over the run's buyers. */
	void cohortsAndFlows(UUID run, PurchaseMonths months) {
		List<PurchaseMonths.Cohort> cohorts = months.cohorts();
		this.jdbc.sql("""
				INSERT INTO analytics_cohort (run_id, cohort_month, months_since, cohort_size, customers)
				SELECT :run, c.month, c.since, c.size, c.n
				FROM unnest(CAST(:month AS date[]), CAST(:since AS int[]), CAST(:size AS int[]), CAST(:n AS int[]))
				  AS c(month, since, size, n)
				""")
			.param("run", run)
			.param("month", cohorts.stream().map((c) -> c.cohort().atDay(1).toString()).toArray(String[]::new))
			.param("since", cohorts.stream().map(PurchaseMonths.Cohort::monthsSince).toArray(Integer[]::new))
			.param("size", cohorts.stream().map((c) -> (int) c.cohortSize()).toArray(Integer[]::new))
			.param("n", cohorts.stream().map((c) -> (int) c.customers()).toArray(Integer[]::new))
			.update();
		List<PurchaseMonths.Flow> flows = months.flows();
		this.jdbc.sql("""
				INSERT INTO analytics_stage_flow (run_id, month, from_stage, to_stage, customers)
				SELECT :run, f.month, f.from_stage, f.to_stage, f.n
				FROM unnest(CAST(:month AS date[]), CAST(:from AS text[]), CAST(:to AS text[]), CAST(:n AS int[]))
				  AS f(month, from_stage, to_stage, n)
				""")
			.param("run", run)
			.param("month", flows.stream().map((f) -> f.month().atDay(1).toString()).toArray(String[]::new))
			.param("from", flows.stream().map((f) -> f.from().name()).toArray(String[]::new))
			.param("to", flows.stream().map((f) -> f.to().name()).toArray(String[]::new))
			.param("n", flows.stream().map((f) -> (int) f.customers()).toArray(Integer[]::new))
			.update();
	}

}
