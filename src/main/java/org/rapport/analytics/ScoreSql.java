package org.rapport.analytics;

/**
 * The per-customer SQL of a run, shared by the full recompute and the incremental update:
 * the behavioural aggregate of a set of customers (base), and the scoring of stored rows
 * against the run's cut points and thresholds, with the rules of {@link RfmSegment},
 * {@link LoyaltyClass} and {@link RiskCategory} joined in as lookup tables.
 */
final class ScoreSql {

	private ScoreSql() {
	}

	private static final String NPS = "(CASE WHEN i.attributes->>'nps' ~ '^[0-9]{1,2}$' "
			+ "THEN (i.attributes->>'nps')::int END)";

	/**
	 * Aggregates the interactions up to the as-of instant of the active customers among
	 * :ids and writes (or rewrites) their base row in run :run. Money counts the business
	 * currency only, net of returns (as customer_figures); dates and counts count every
	 * purchase.
	 */
	static final String BASE = BaseParts.CTES + BaseParts.INSERT;

	/**
	 * The same, also answering the months each of the buyers among :ids purchased in
	 * (customer, month index year × 12 + month − 1 in UTC, purchases, last purchase in
	 * microseconds since the epoch; by customer and month) for {@link PurchaseMonths}: a
	 * full run gets cohorts and stage flows from the batches that write its base rows.
	 */
	static final String BASE_AND_MONTHS = BaseParts.CTES + ",\nins AS (" + BaseParts.INSERT + "  RETURNING 1)\n" + """
			SELECT i.customer_id,
			  (extract(year FROM i.occurred_at AT TIME ZONE 'UTC') * 12
			    + extract(month FROM i.occurred_at AT TIME ZONE 'UTC') - 1)::int AS m,
			  count(*)::int AS n, (extract(epoch FROM max(i.occurred_at)) * 1000000)::bigint AS last
			FROM interaction i JOIN c ON c.id = i.customer_id
			WHERE i.customer_id = ANY(:ids) AND i.kind = 'PURCHASE' AND i.occurred_at <= :asOf
			GROUP BY 1, 2 ORDER BY 1, 2
			""";

	private static final class BaseParts {

		private static final String CTES = """
				WITH c AS (
				  SELECT k.id FROM customer k WHERE k.id = ANY(:ids) AND k.status = 'ACTIVE'),
				a AS (
				  SELECT i.customer_id,
				    min(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS first_at,
				    max(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS last_at,
				    count(*) FILTER (WHERE i.kind = 'PURCHASE') AS purchases,
				    count(DISTINCT (i.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE i.kind = 'PURCHASE') AS days,
				    coalesce(sum(i.total) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency), 0)
				      - coalesce(sum(i.total) FILTER (WHERE i.kind = 'RETURN' AND i.currency = :currency), 0) AS revenue,
				    bool_or(i.kind = 'CALL' AND i.outcome = 'REFUSED' AND i.occurred_at > :window) AS refused,
				    bool_or(i.kind = 'SURVEY_ANSWER' AND i.occurred_at > :window
				      AND (%1$s <= :negativeNps OR lower(i.attributes->>'sentiment') = 'negative')) AS negative_survey,
				    bool_or(i.kind = 'SURVEY_ANSWER' AND i.occurred_at > :promoterSince AND %1$s >= :promoterNps) AS promoter,
				    bool_or(i.kind = 'SERVICE_REQUEST' AND (i.outcome IS NULL OR i.outcome = 'PENDING')) AS unresolved
				  FROM interaction i
				  WHERE i.customer_id = ANY(:ids) AND i.occurred_at <= :asOf
				  GROUP BY i.customer_id),
				b AS (
				  SELECT c.id, a.*,
				    extract(epoch FROM CAST(:asOf AS timestamptz) - a.first_at) / 86400 AS tenure,
				    extract(epoch FROM CAST(:asOf AS timestamptz) - a.last_at) / 86400 AS recency,
				    CASE WHEN a.purchases > 1 THEN extract(epoch FROM a.last_at - a.first_at) / 86400 / (a.purchases - 1)
				      END AS gap
				  FROM c LEFT JOIN a ON a.customer_id = c.id)
				"""
			.formatted(NPS);

		private static final String INSERT = """
				INSERT INTO analytics_customer_score AS s (run_id, customer_id, model_version, computed_at,
				  first_purchase_at, last_purchase_at, purchases, purchase_days, revenue, average_basket, tenure_days,
				  recency_days, mean_gap_days, purchase_rate, has_contact, promoter, signals, lifecycle_stage)
				SELECT :run, b.id, :version, :asOf, b.first_at, b.last_at, coalesce(b.purchases, 0), coalesce(b.days, 0),
				  coalesce(b.revenue, 0), CASE WHEN b.purchases > 0 THEN round(b.revenue / b.purchases, 2) END,
				  round(b.tenure, 2), round(b.recency, 2), round(b.gap, 2),
				  CASE WHEN b.purchases > 0 THEN round(b.purchases * 30.0 / greatest(b.tenure, 30), 6) END,
				  b.customer_id IS NOT NULL, coalesce(b.promoter, FALSE),
				  array_remove(ARRAY[
				    CASE WHEN b.gap > 0 AND b.recency > :rhythm * b.gap THEN 'RHYTHM_SLOWER' END,
				    CASE WHEN b.refused THEN 'REFUSED_SERVICE' END,
				    CASE WHEN b.negative_survey THEN 'NEGATIVE_SURVEY' END,
				    CASE WHEN b.unresolved THEN 'UNRESOLVED_REQUEST' END], NULL),
				  'PROSPECT'
				FROM b ORDER BY b.id
				ON CONFLICT (run_id, customer_id) DO UPDATE SET model_version = excluded.model_version,
				  computed_at = excluded.computed_at, first_purchase_at = excluded.first_purchase_at,
				  last_purchase_at = excluded.last_purchase_at, purchases = excluded.purchases,
				  purchase_days = excluded.purchase_days, revenue = excluded.revenue,
				  average_basket = excluded.average_basket, tenure_days = excluded.tenure_days,
				  recency_days = excluded.recency_days, mean_gap_days = excluded.mean_gap_days,
				  purchase_rate = excluded.purchase_rate, has_contact = excluded.has_contact,
				  promoter = excluded.promoter, signals = excluded.signals
				""";

	}

	/** The upper bound of every bin of a dimension (ntile over the run's buyers). */
	static final String BIN_UPPERS = """
			SELECT max(k) FROM (
			  SELECT %1$s AS k, ntile(:bins) OVER (ORDER BY %1$s) AS bin
			  FROM analytics_customer_score WHERE run_id = :run AND purchases > 0) t
			GROUP BY bin ORDER BY bin
			""";

	static final String THRESHOLDS = """
			SELECT percentile_cont(:lq) WITHIN GROUP (ORDER BY purchase_rate),
			  percentile_cont(:pq) WITHIN GROUP (ORDER BY revenue)
			FROM analytics_customer_score WHERE run_id = :run AND purchases > 0
			""";

	/**
	 * Scores the rows of run :run selected by the %s condition: a dimension's score is 1
	 * + the number of bin upper bounds below the value (ties share a score), the stage is
	 * read from behaviour, the segment, class and risk from the rule tables.
	 */
	static String score(String selection) {
		return score(selection, "");
	}

	/**
	 * The same, setting more columns of the row in the same statement: {@code more} is a
	 * list of assignments starting with a comma, over the row's columns ({@code s.}).
	 */
	static String score(String selection, String more) {
		return score(selection, more, false);
	}

	/**
	 * The scoring statement; with {@code learned}, the buyers' predictions and classes
	 * come as parameters (:ids, :e expected purchases, :a probability alive, :c CLV, :k
	 * class; one element per buyer), are stored by the same statement and the risk reads
	 * the given probability alive: a full run writes each buyer's row once after its base
	 * row. The given buyers' rows are looked up one by one by key (the lateral subquery
	 * with OFFSET 0 is not flattened), so the plan cannot turn into a scan of all the
	 * run's rows per batch, whatever the server estimates for the arrays.
	 */
	static String score(String selection, String more, boolean learned) {
		String sql = """
				WITH x AS MATERIALIZED (
				  SELECT s.customer_id, s.purchases, s.signals, r.rfm_bins AS bins /* learned columns */,
				    CASE WHEN s.purchases > 0 THEN 1 + (SELECT count(*) FROM unnest(r.r_cuts) u WHERE u < -s.recency_days)
				      END AS rs,
				    CASE WHEN s.purchases > 0 THEN 1 + (SELECT count(*) FROM unnest(r.f_cuts) u WHERE u < s.purchases)
				      END AS fs,
				    CASE WHEN s.purchases > 0 THEN 1 + (SELECT count(*) FROM unnest(r.m_cuts) u WHERE u < s.revenue)
				      END AS ms,
				    CASE WHEN s.purchases = 0 THEN CASE WHEN s.has_contact THEN 'POTENTIAL' ELSE 'PROSPECT' END
				      WHEN s.recency_days > :lostAfter THEN 'LOST'
				      WHEN s.purchases >= :loyalMin AND s.promoter THEN 'PROMOTER'
				      WHEN s.purchases >= :loyalMin THEN 'LOYAL'
				      WHEN s.purchases >= 2 THEN 'REPEAT_BUYER'
				      ELSE 'FIRST_TIME_BUYER' END AS stage,
				    coalesce(s.purchase_rate > r.loyalty_threshold, FALSE) AS loyal,
				    coalesce(s.revenue > r.profitability_threshold, FALSE) AS profitable,
				    CASE WHEN /* p alive */ IS NULL OR /* p alive */ >= %2$s THEN 0 WHEN /* p alive */ < %3$s THEN 2 ELSE 1 END
				      AS band
				  FROM analytics_customer_score s JOIN analytics_run r ON r.id = s.run_id /* learned join */
				  WHERE s.run_id = :run AND %1$s),
				y AS (
				  SELECT x.*, ceil(x.rs * 5.0 / x.bins)::int AS r5, ceil(x.fs * 5.0 / x.bins)::int AS f5,
				    ceil(x.ms * 5.0 / x.bins)::int AS m5
				  FROM x),
				z AS (
				  SELECT y.*, seg.segment, lc.class, rk.category
				  FROM y
				  LEFT JOIN %4$s AS seg(r5, f5, m5, segment) ON seg.r5 = y.r5 AND seg.f5 = y.f5 AND seg.m5 = y.m5
				  LEFT JOIN %5$s AS lc(loyal, profitable, class) ON lc.loyal = y.loyal AND lc.profitable = y.profitable
				  LEFT JOIN %6$s AS rk(band, signals, lapsed, category) ON rk.band = y.band
				    AND rk.signals = least(cardinality(y.signals), 2) AND rk.lapsed = (y.stage = 'LOST'))
				UPDATE analytics_customer_score s SET r_score = z.rs, f_score = z.fs, m_score = z.ms,
				  lifecycle_stage = z.stage, rfm_segment = z.segment,
				  loyalty_class = CASE WHEN z.purchases > 0 THEN z.class END,
				  risk_category = CASE WHEN z.purchases > 0 THEN z.category END,
				  risk_reasons = CASE WHEN z.purchases > 0 THEN z.signals
				    || CASE WHEN z.band > 0 THEN ARRAY['LOW_PROBABILITY_ALIVE'] ELSE ARRAY[]::text[] END
				    || CASE WHEN z.stage = 'LOST' THEN ARRAY['LAPSED'] ELSE ARRAY[]::text[] END
				    ELSE z.signals END,
				  value_tier = CASE WHEN z.m5 >= 4 THEN 'HIGH' WHEN z.m5 >= 2 THEN 'MEDIUM' WHEN z.m5 >= 1 THEN 'LOW' END
				  /* more */
				FROM z
				WHERE s.run_id = :run AND s.customer_id = z.customer_id
				"""
			.formatted(selection, RiskCategory.MID_P_ALIVE, RiskCategory.LOW_P_ALIVE, RfmSegment.sqlValues(),
					LoyaltyClass.sqlValues(), RiskCategory.sqlValues());
		if (!learned) {
			return sql.replace("/* learned columns */", "")
				.replace("/* p alive */", "s.p_alive")
				.replace("/* learned join */", "")
				.replace("/* more */", more);
		}
		return sql.replace("/* learned columns */", ", p.e, p.a, p.c, p.k")
			.replace("/* p alive */", "round(p.a::numeric, 6)")
			.replace("FROM analytics_customer_score s JOIN analytics_run r ON r.id = s.run_id /* learned join */", """
					FROM unnest(CAST(:ids AS uuid[]), CAST(:e AS float8[]), CAST(:a AS float8[]), CAST(:c AS float8[]),
					  CAST(:k AS int[])) AS p(id, e, a, c, k)
					CROSS JOIN LATERAL (SELECT * FROM analytics_customer_score s0
					  WHERE s0.run_id = :run AND s0.customer_id = p.id OFFSET 0) s
					JOIN analytics_run r ON r.id = s.run_id""")
			.replace("/* more */", ", expected_purchases = round(z.e::numeric, 6), p_alive = round(z.a::numeric, 6), "
					+ "predicted_clv = round(z.c::numeric, 2), class_index = z.k" + more);
	}

}
