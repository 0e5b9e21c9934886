package org.rapport.analytics;

import java.util.List;

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
	 * purchase. The average basket (the spend model's average spend) divides the revenue
	 * by the purchases it counts, those in the business currency (docs/adr/0048): none
	 * without such a purchase. Only the interactions that can change an aggregate enter
	 * it (purchases, returns, and the calls, survey answers and service requests a signal
	 * looks at): e-mails, visits and the other contacts only say that the customer has
	 * been in contact, which an index probe answers for a customer the aggregate did not
	 * see (docs/adr/0074).
	 */
	static final String BASE = BaseParts.CTES + BaseParts.INSERT;

	private static final class BaseParts {

		private static final String CTES = """
				WITH c AS (
				  SELECT k.id FROM customer k WHERE k.id = ANY(:ids) AND k.status = 'ACTIVE'),
				a AS (
				  SELECT i.customer_id,
				    min(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS first_at,
				    max(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS last_at,
				    count(*) FILTER (WHERE i.kind = 'PURCHASE') AS purchases,
				    count(*) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency) AS purchases_in_currency,
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
				    AND (i.kind IN ('PURCHASE', 'RETURN') OR (i.kind = 'CALL' AND i.outcome = 'REFUSED' AND i.occurred_at > :window)
				      OR (i.kind = 'SURVEY_ANSWER' AND (i.occurred_at > :window OR i.occurred_at > :promoterSince))
				      OR (i.kind = 'SERVICE_REQUEST' AND (i.outcome IS NULL OR i.outcome = 'PENDING')))
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

		/**
		 * A customer's stored base columns from the aggregate b, in table order from
		 * first_purchase_at to signals (also the columns of the staged base rows).
		 */
		private static final String DERIVED = """
				b.first_at AS first_purchase_at, b.last_at AS last_purchase_at, coalesce(b.purchases, 0) AS purchases,
				  coalesce(b.days, 0) AS purchase_days, coalesce(b.revenue, 0) AS revenue,
				  CASE WHEN b.purchases_in_currency > 0 THEN round(b.revenue / b.purchases_in_currency, 2) END
				    AS average_basket,
				  round(b.tenure, 2) AS tenure_days, round(b.recency, 2) AS recency_days, round(b.gap, 2) AS mean_gap_days,
				  CASE WHEN b.purchases > 0 THEN round(b.purchases * 30.0 / greatest(b.tenure, 30), 6) END AS purchase_rate,
				  (b.customer_id IS NOT NULL OR EXISTS (SELECT 1 FROM interaction x
				    WHERE x.customer_id = b.id AND x.occurred_at <= :asOf)) AS has_contact, coalesce(b.promoter, FALSE) AS promoter,
				  array_remove(ARRAY[
				    CASE WHEN b.gap > 0 AND b.recency > :rhythm * b.gap THEN 'RHYTHM_SLOWER' END,
				    CASE WHEN b.refused THEN 'REFUSED_SERVICE' END,
				    CASE WHEN b.negative_survey THEN 'NEGATIVE_SURVEY' END,
				    CASE WHEN b.unresolved THEN 'UNRESOLVED_REQUEST' END], NULL) AS signals
				""";

		private static final String INSERT = """
				INSERT INTO analytics_customer_score AS s (run_id, customer_id, model_version, computed_at,
				  first_purchase_at, last_purchase_at, purchases, purchase_days, revenue, average_basket, tenure_days,
				  recency_days, mean_gap_days, purchase_rate, has_contact, promoter, signals, lifecycle_stage)
				SELECT :run, b.id, :version, :asOf, """ + DERIVED + """
				  , 'PROSPECT'
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

	/**
	 * The staged tables of a run ({@code base}, {@code learned}: named by the run,
	 * {@link StagedTables}): the base rows of the population, numbered in customer-id
	 * order, and the learned values of the buyers by that number, with their distinct
	 * purchase days (d). Unlogged (not written to the WAL, like the temporary tables they
	 * replace) but visible to the second writer of the scores once committed
	 * (docs/adr/0047); autovacuum leaves them alone (they live for one run and are
	 * analysed by it).
	 */
	static List<String> stageTables(String base, String learned) {
		return List.of("""
				CREATE UNLOGGED TABLE %s (n int NOT NULL, customer_id uuid NOT NULL,
				  first_purchase_at timestamptz, last_purchase_at timestamptz, purchases int NOT NULL,
				  purchase_days int NOT NULL, revenue numeric NOT NULL, average_basket numeric, tenure_days numeric,
				  recency_days numeric, mean_gap_days numeric, purchase_rate numeric, has_contact boolean NOT NULL,
				  promoter boolean NOT NULL, signals text[] NOT NULL) WITH (autovacuum_enabled = false)"""
			.formatted(base), """
					CREATE UNLOGGED TABLE %s (n int NOT NULL, e float8, a float8, c float8, k int,
					  d int NOT NULL) WITH (autovacuum_enabled = false)""".formatted(learned));
	}

	/** The distinct purchase days of the base aggregate. */
	private static final String DISTINCT_DAYS = "count(DISTINCT (i.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE i.kind = 'PURCHASE') AS days,";

	/**
	 * The base rows of every active customer (or of the active customers among :ids) in
	 * one set-based statement: one aggregate over the interactions, not one per batch.
	 * Without the distinct purchase days (staged as 0): they are counted per month by the
	 * months read beside ({@link #months}), sorted for it already, and copied in with the
	 * learned values (docs/adr/0040).
	 */
	static String stagedBase(boolean scoped, String base) {
		String ctes = (scoped ? BaseParts.CTES
				: BaseParts.CTES.replace("k.id = ANY(:ids) AND ", "").replace("i.customer_id = ANY(:ids) AND ", ""))
			.replace(DISTINCT_DAYS, "0 AS days,");
		return "INSERT INTO " + base + "\n" + ctes + "SELECT row_number() OVER (ORDER BY b.id)::int, b.id, "
				+ BaseParts.DERIVED + "FROM b\n";
	}

	/**
	 * The base rows of the active customers whose id lies from :from (inclusive) up to
	 * :to (exclusive; no upper bound when {@code last}), numbered in customer-id order
	 * from :offset + 1: one part of a full run's base rows, staged beside the other parts
	 * (docs/adr/0053). The parts together stage the rows of {@link #stagedBase} for the
	 * whole population, numbered alike when each part's offset is the count of active
	 * customers in the parts before it.
	 */
	static String stagedBasePart(boolean last, String base) {
		String upper = last ? "" : " AND k.id < :to";
		String upperInteractions = last ? "" : " AND i.customer_id < :to";
		String ctes = BaseParts.CTES.replace("k.id = ANY(:ids) AND ", "k.id >= :from" + upper + " AND ")
			.replace("i.customer_id = ANY(:ids) AND ", "i.customer_id >= :from" + upperInteractions + " AND ")
			.replace(DISTINCT_DAYS, "0 AS days,");
		return "INSERT INTO " + base + "\n" + ctes + "SELECT (:offset + row_number() OVER (ORDER BY b.id))::int, b.id, "
				+ BaseParts.DERIVED + "FROM b\n";
	}

	/**
	 * The active customers counted by the first byte of their id (the order of
	 * {@code uuid} is the order of its bytes, unsigned): the sizes, and so the first
	 * numbers, of the parts of a full run's base rows (docs/adr/0053).
	 */
	static final String ACTIVE_BY_FIRST_BYTE = """
			SELECT get_byte(uuid_send(id), 0) AS b, count(*) FROM customer WHERE status = 'ACTIVE' GROUP BY 1
			""";

	/**
	 * The months each buyer among the active customers (among :ids when scoped) purchased
	 * in (customer, month index year × 12 + month − 1 in UTC, purchases, last purchase in
	 * microseconds since the epoch, distinct purchase days (UTC); by customer and month)
	 * for {@link PurchaseMonths} and the buyers' purchase days ({@link BuyerDays}: a day
	 * lies in one month, so a buyer's days are the sum over the months; the rows are
	 * sorted by customer, month and day for the grouping, so the distinct count needs no
	 * sort of its own); read beside the base rows. The month index is whole-number
	 * {@code float8} arithmetic ({@code date_part}, exact at these magnitudes), cheaper
	 * per purchase than the {@code numeric} of {@code extract}. The customers who are not
	 * active are left out by an anti-join with those few, not by a join with every active
	 * customer, whose hash table made the join the statement's largest cost
	 * (docs/adr/0074).
	 */
	static String months(boolean scoped) {
		return """
				SELECT i.customer_id,
				  (date_part('year', i.occurred_at AT TIME ZONE 'UTC') * 12
				    + date_part('month', i.occurred_at AT TIME ZONE 'UTC') - 1)::int AS m,
				  count(*)::int AS n, (extract(epoch FROM max(i.occurred_at)) * 1000000)::bigint AS last,
				  count(DISTINCT (i.occurred_at AT TIME ZONE 'UTC')::date)::int AS days
				FROM interaction i
				WHERE i.kind = 'PURCHASE' AND i.occurred_at <= :asOf /* scope */
				  AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = i.customer_id AND c.status <> 'ACTIVE')
				GROUP BY 1, 2 ORDER BY 1, 2
				""".replace("/* scope */", scoped ? "AND i.customer_id = ANY(:ids)" : "");
	}

	/**
	 * The staged buyers' numbers, ids and values: the value model's inputs (repeat
	 * purchase days, 0 here: the purchase days are counted beside, {@link BuyerDays};
	 * days from first to last purchase, which count only for a buyer of more than one
	 * day; days since the first purchase; average basket), then recency, purchases,
	 * purchase rate and revenue as stored; the values as {@code float8} (the nearest
	 * double to each stored decimal, as a JDBC {@code getDouble} reads it), for a binary
	 * {@code COPY} out.
	 */
	static String stagedBuyers(String base) {
		return """
				SELECT n, customer_id, 0::float8,
				  least(extract(epoch FROM last_purchase_at - first_purchase_at) / 86400, tenure_days)::float8,
				  tenure_days::float8, average_basket::float8, recency_days::float8,
				  purchases::float8, purchase_rate::float8, revenue::float8
				FROM %s WHERE purchases > 0 ORDER BY n
				""".formatted(base);
	}

	/**
	 * The distinct purchase days (UTC) of the staged buyers numbered :numbers, counted
	 * from their interactions: for a buyer the months read beside did not see (a purchase
	 * recorded between the two statements).
	 */
	static String stagedDays(String base) {
		return """
				SELECT b.n, count(DISTINCT (i.occurred_at AT TIME ZONE 'UTC')::date)::int
				FROM %s b JOIN interaction i ON i.customer_id = b.customer_id
				WHERE b.n = ANY(:numbers) AND i.kind = 'PURCHASE' AND i.occurred_at <= :asOf
				GROUP BY b.n
				""".formatted(base);
	}

	/**
	 * The churn model's customers: a seeded draw of the staged buyers, the same whatever
	 * the order they are read in.
	 */
	static String stagedChurnSample(String base) {
		return """
				SELECT customer_id FROM %s WHERE purchases > 0
				ORDER BY md5(customer_id::text || :seed) LIMIT :customers
				""".formatted(base);
	}

	/**
	 * Scores the rows of run :run selected by the %s condition: a dimension's score is 1
	 * + the number of bin upper bounds below the value (ties share a score; counted as
	 * the bounds minus those at or above the value, a {@code width_bucket} over the
	 * negated bounds in ascending order), the stage is read from behaviour, the segment,
	 * class and risk from the rule tables.
	 */
	static String score(String selection) {
		return score(selection, "");
	}

	/**
	 * The same, setting more columns of the row in the same statement: {@code more} is a
	 * list of assignments starting with a comma, over the row's columns ({@code s.}).
	 */
	static String score(String selection, String more) {
		String sets = String.join(",\n  ", SCORED.stream().map((c) -> c[0] + " = " + c[1]).toList());
		return ctes("s.customer_id, s.purchases, s.signals", "s.p_alive", "",
				"FROM analytics_customer_score s CROSS JOIN r WHERE s.run_id = :run AND " + selection)
				+ "UPDATE analytics_customer_score s SET " + sets + more + "\nFROM z\n"
				+ "WHERE s.run_id = :run AND s.customer_id = z.customer_id\n";
	}

	/**
	 * Writes the final rows of the staged customers numbered :from (inclusive) to :to
	 * (exclusive) of run :run into {@code table} (the run's partition before it is
	 * attached), once: the base columns as staged, the learned values (expected
	 * purchases, probability alive, CLV, class) and a buyer's purchase days, the scores
	 * with the rules of {@link #score(String)}, and the churn columns ({@code churn}:
	 * expressions over the row's columns ({@code s.}) named churn_probability and
	 * churn_path). The learned values are read for the range only (the range repeated on
	 * their side: a join on the number alone reads every buyer's learned values for every
	 * range).
	 * <p>
	 * One pass over the staged rows in their numbers' order, which is the customers'
	 * order (docs/adr/0057): a row's scores, stage, classes and probability alive are
	 * computed once per row in a lateral subquery kept apart ({@code OFFSET 0}, so that
	 * the expressions are not copied into every use), the segment, class and risk
	 * category read from the rule tables as constant arrays by subscript (a subscript
	 * outside reads NULL, as the lookup join finds no row), so no row is held in a
	 * materialised CTE, joined three times or sorted before it is written.
	 */
	static String stagedScores(String churn, String table, String base, String learned) {
		return "WITH " + RUN + "INSERT INTO " + table + """
				(run_id, customer_id, model_version, computed_at,
				 first_purchase_at, last_purchase_at, purchases, purchase_days, revenue, average_basket, tenure_days,
				 recency_days, mean_gap_days, purchase_rate, has_contact, promoter, signals, """
				+ String.join(", ", SCORED.stream().map((c) -> c[0]).toList())
				+ """
						, expected_purchases, p_alive, predicted_clv, class_index, churn_probability, churn_path)
						SELECT :run, s.customer_id, :version, :asOf, s.first_purchase_at, s.last_purchase_at, s.purchases,
						  coalesce(p.d, s.purchase_days), s.revenue, s.average_basket, s.tenure_days, s.recency_days,
						  s.mean_gap_days, s.purchase_rate, s.has_contact, s.promoter, s.signals,
						  """
				+ String.join(",\n  ", SCORED.stream().map((c) -> c[1]).toList())
				+ """
						, round(p.e::numeric, 6), v.pa, round(p.c::numeric, 2), p.k,
						  %1$s
						FROM %2$s s CROSS JOIN r
						  LEFT JOIN %3$s p ON p.n = s.n AND p.n >= :from AND p.n < :to
						  CROSS JOIN LATERAL (SELECT %4$s,
						    round(p.a::numeric, 6) AS pa OFFSET 0) v
						  CROSS JOIN LATERAL (SELECT v.rs, v.fs, v.ms, v.stage, s.purchases, s.signals, %5$s AS band,
						    %6$s AS m5,
						    (%7$s)[%8$s][%9$s][%6$s] AS segment,
						    (%10$s)[v.loyal::int + 1][v.profitable::int + 1] AS class,
						    (%11$s)[%5$s + 1][least(cardinality(s.signals), 2) + 1][(v.stage = 'LOST')::int + 1]
						      AS category) z
						WHERE s.n >= :from AND s.n < :to
						ORDER BY s.n
						""".formatted(churn, base, learned, ROW_SCORES, band("v.pa"), toFive("v.ms"),
						RfmSegment.sqlArray(), toFive("v.rs"), toFive("v.fs"), LoyaltyClass.sqlArray(),
						RiskCategory.sqlArray());
	}

	/** A 1-5 score of the run's bins (r.rfm_bins) on the 1-5 scale of the segments. */
	private static String toFive(String score) {
		return "((%1$s * 5 + r.rfm_bins - 1) / r.rfm_bins)".formatted(score);
	}

	/**
	 * The band of a probability alive ({@code pAlive}, evaluated up to three times): 0
	 * unknown or high, 1 medium, 2 low ({@link RiskCategory#band}).
	 */
	private static String band(String pAlive) {
		return "CASE WHEN %1$s IS NULL OR %1$s >= %2$s THEN 0 WHEN %1$s < %3$s THEN 2 ELSE 1 END".formatted(pAlive,
				RiskCategory.MID_P_ALIVE, RiskCategory.LOW_P_ALIVE);
	}

	/** The scored columns and their expressions over z, for both statements. */
	private static final List<String[]> SCORED = List.of(new String[] { "r_score", "z.rs" },
			new String[] { "f_score", "z.fs" }, new String[] { "m_score", "z.ms" },
			new String[] { "lifecycle_stage", "z.stage" }, new String[] { "rfm_segment", "z.segment" },
			new String[] { "loyalty_class", "CASE WHEN z.purchases > 0 THEN z.class END" },
			new String[] { "risk_category", "CASE WHEN z.purchases > 0 THEN z.category END" },
			new String[] { "risk_reasons", """
					CASE WHEN z.purchases > 0 THEN z.signals
					    || CASE WHEN z.band > 0 THEN ARRAY['LOW_PROBABILITY_ALIVE'] ELSE ARRAY[]::text[] END
					    || CASE WHEN z.stage = 'LOST' THEN ARRAY['LAPSED'] ELSE ARRAY[]::text[] END
					    ELSE z.signals END""" }, new String[] { "value_tier",
					"CASE WHEN z.m5 >= 4 THEN 'HIGH' WHEN z.m5 >= 2 THEN 'MEDIUM' WHEN z.m5 >= 1 THEN 'LOW' END" });

	/**
	 * The run's cut points (negated, ascending: {@code width_bucket}'s order) and
	 * thresholds as CTE r, read once per statement.
	 */
	private static final String RUN = """
			r AS MATERIALIZED (
			  SELECT r0.rfm_bins, r0.loyalty_threshold, r0.profitability_threshold,
			    coalesce(cardinality(r0.r_cuts), 0) AS nr, coalesce(cardinality(r0.f_cuts), 0) AS nf,
			    coalesce(cardinality(r0.m_cuts), 0) AS nm,
			    ARRAY(SELECT -u FROM unnest(r0.r_cuts) u ORDER BY 1) AS r_low,
			    ARRAY(SELECT -u FROM unnest(r0.f_cuts) u ORDER BY 1) AS f_low,
			    ARRAY(SELECT -u FROM unnest(r0.m_cuts) u ORDER BY 1) AS m_low
			  FROM analytics_run r0 WHERE r0.id = :run)
			""";

	/**
	 * A row's (s) scores against the run (r): the R, F and M scores (rs, fs, ms; none
	 * without a purchase), the stage, and whether it is loyal and profitable.
	 */
	private static final String ROW_SCORES = """
			CASE WHEN s.purchases > 0 THEN 1 + r.nr - CASE WHEN r.nr = 0 THEN 0
			      ELSE width_bucket(s.recency_days, r.r_low) END END AS rs,
			    CASE WHEN s.purchases > 0 THEN 1 + r.nf - CASE WHEN r.nf = 0 THEN 0
			      ELSE width_bucket(-s.purchases::numeric, r.f_low) END END AS fs,
			    CASE WHEN s.purchases > 0 THEN 1 + r.nm - CASE WHEN r.nm = 0 THEN 0
			      ELSE width_bucket(-s.revenue, r.m_low) END END AS ms,
			    CASE WHEN s.purchases = 0 THEN CASE WHEN s.has_contact THEN 'POTENTIAL' ELSE 'PROSPECT' END
			      WHEN s.recency_days > :lostAfter THEN 'LOST'
			      WHEN s.purchases >= :loyalMin AND s.promoter THEN 'PROMOTER'
			      WHEN s.purchases >= :loyalMin THEN 'LOYAL'
			      WHEN s.purchases >= 2 THEN 'REPEAT_BUYER'
			      ELSE 'FIRST_TIME_BUYER' END AS stage,
			    coalesce(s.purchase_rate > r.loyalty_threshold, FALSE) AS loyal,
			    coalesce(s.revenue > r.profitability_threshold, FALSE) AS profitable""";

	/**
	 * The scoring CTEs x, y, z over the rows of {@code source} (alias s, joined to the
	 * run r): {@code columns} of the row, the scores computed once per row
	 * ({@code pAlive}: the probability alive it reads), and {@code more} columns.
	 */
	private static String ctes(String columns, String pAlive, String more, String source) {
		return "WITH " + RUN + """
				,
				x AS MATERIALIZED (
				  SELECT %5$s, r.rfm_bins AS bins %6$s,
				    %7$s,
				    %8$s AS band
				  %1$s),
				y AS (
				  SELECT x.*, (x.rs * 5 + x.bins - 1) / x.bins AS r5, (x.fs * 5 + x.bins - 1) / x.bins AS f5,
				    (x.ms * 5 + x.bins - 1) / x.bins AS m5
				  FROM x),
				z AS (
				  SELECT y.*, seg.segment, lc.class, rk.category
				  FROM y
				  LEFT JOIN %2$s AS seg(r5, f5, m5, segment) ON seg.r5 = y.r5 AND seg.f5 = y.f5 AND seg.m5 = y.m5
				  LEFT JOIN %3$s AS lc(loyal, profitable, class) ON lc.loyal = y.loyal AND lc.profitable = y.profitable
				  LEFT JOIN %4$s AS rk(band, signals, lapsed, category) ON rk.band = y.band
				    AND rk.signals = least(cardinality(y.signals), 2) AND rk.lapsed = (y.stage = 'LOST'))
				""".formatted(source, RfmSegment.sqlValues(), LoyaltyClass.sqlValues(), RiskCategory.sqlValues(),
				columns, more, ROW_SCORES, band(pAlive));
	}

}
