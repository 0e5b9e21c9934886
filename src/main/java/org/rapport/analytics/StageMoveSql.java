package org.rapport.analytics;

/**
 * The customers behind one cell of the stored lifecycle flows (see
 * {@link PopulationWriter}), recomputed on demand for one month: a buyer's stage at the
 * end of the month before and at the end of the month (or the run's as-of instant,
 * whichever is earlier) from the purchases up to then, with the run's own lost-after and
 * loyal-minimum settings. No purchase yet is PROSPECT. Parameters: :run, :moveMonth (the
 * first day), :moveFrom, :moveTo.
 */
final class StageMoveSql {

	private static final String STAGE = "CASE WHEN %1$s = 0 THEN 'PROSPECT' "
			+ "WHEN extract(epoch FROM %3$s - %2$s) / 86400 > (r.settings->>'lostAfterDays')::int THEN 'LOST' "
			+ "WHEN %1$s >= (r.settings->>'loyalMinPurchases')::int THEN 'LOYAL' "
			+ "WHEN %1$s >= 2 THEN 'REPEAT_BUYER' ELSE 'FIRST_TIME_BUYER' END";

	static final String MOVERS = """
			SELECT p.customer_id FROM (
			  SELECT s2.customer_id,
			    count(*) FILTER (WHERE i.occurred_at < k.start) AS n0,
			    max(i.occurred_at) FILTER (WHERE i.occurred_at < k.start) AS last0,
			    count(*) AS n1, max(i.occurred_at) AS last1, k.start, k.finish
			  FROM analytics_customer_score s2
			  JOIN analytics_run r2 ON r2.id = s2.run_id
			  CROSS JOIN LATERAL (SELECT least(CAST(:moveMonth AS date)::timestamp AT TIME ZONE 'UTC', r2.as_of) AS start,
			    least((CAST(:moveMonth AS date) + interval '1 month') AT TIME ZONE 'UTC', r2.as_of) AS finish) k
			  JOIN interaction i ON i.customer_id = s2.customer_id AND i.kind = 'PURCHASE'
			    AND i.occurred_at <= r2.as_of AND i.occurred_at < (CAST(:moveMonth AS date) + interval '1 month') AT TIME ZONE 'UTC'
			  WHERE s2.run_id = :run AND s2.purchases > 0
			  GROUP BY s2.customer_id, k.start, k.finish) p
			JOIN analytics_run r ON r.id = :run
			WHERE %1$s = :moveFrom AND %2$s = :moveTo
			"""
		.formatted(STAGE.formatted("p.n0", "p.last0", "p.start"), STAGE.formatted("p.n1", "p.last1", "p.finish"));

	private StageMoveSql() {
	}

}
