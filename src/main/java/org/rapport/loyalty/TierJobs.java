package org.rapport.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * Tier re-qualification as one SQL statement over all members of a programme (or one
 * member): the qualifying value in the window, the tier it reaches, the decision (upgrade
 * at once; downgrade only once the tier's period and grace are over; an override holds
 * until its end, then the qualified tier comes back; a tier removed from the ladder is
 * left at once), the upserted tier rows and the history rows. Rerunning it at the same
 * moment changes nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class TierJobs {

	private static final Logger log = LoggerFactory.getLogger(TierJobs.class);

	private final JdbcClient jdbc;

	TierJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The qualifying value per active account of the programme ({@code one}: only the
	 * accounts of the {@code :accounts} array), counting accounts merged or migrated into
	 * it. Points earned are EARN, PENDING and REVERSE movements: never transfers,
	 * adjustments or redemptions, so never the balance. For all the programme's accounts,
	 * the values of one range of every account id ({@link #valuesInRange}): the window's
	 * rows read in account order from the account index alone and summed as they come,
	 * with no second aggregate over the sums (ADR 0076).
	 */
	static String values(TierLadder.Measure measure, boolean one) {
		if (!one) {
			return valuesBetween(measure, "CAST('" + new UUID(0, 0) + "' AS uuid)",
					"CAST('" + new UUID(-1, -1) + "' AS uuid)");
		}
		String family = "COALESCE(CASE WHEN s.status IN ('MIGRATED', 'MERGED') THEN s.merged_into END, s.id)";
		String scope = " AND (s.id = ANY(CAST(:accounts AS uuid[])) OR s.merged_into = ANY(CAST(:accounts AS uuid[])))";
		String inner = switch (measure) {
			case POINTS_EARNED -> "SELECT " + family + " AS account_id, SUM(m.available_delta + m.pending_delta) "
					+ "AS value FROM loyalty_movement m JOIN loyalty_account s ON s.id = m.account_id "
					+ "WHERE m.kind IN ('EARN', 'PENDING', 'REVERSE') AND m.occurred_at > :ws AND m.occurred_at <= :asOf"
					+ scope + " GROUP BY 1";
			case SPEND -> "SELECT " + family + " AS account_id, SUM(p.total - p.returned_amount) AS value "
					+ "FROM loyalty_purchase p JOIN loyalty_account s ON s.id = p.account_id "
					+ "WHERE p.occurred_at > :ws AND p.occurred_at <= :asOf" + scope + " GROUP BY 1";
			case PURCHASES ->
				"SELECT " + family + " AS account_id, COUNT(*) FILTER (WHERE p.returned_amount < p.total) "
						+ "AS value FROM loyalty_purchase p JOIN loyalty_account s ON s.id = p.account_id "
						+ "WHERE p.occurred_at > :ws AND p.occurred_at <= :asOf" + scope + " GROUP BY 1";
		};
		return "SELECT a.id AS account_id, a.customer_id, COALESCE(v.value, 0)::numeric AS value "
				+ "FROM loyalty_account a LEFT JOIN (" + inner + ") v ON v.account_id = a.id "
				+ "WHERE a.programme_id = :p AND a.status = 'ACTIVE' AND a.id = ANY(CAST(:accounts AS uuid[]))";
	}

	/**
	 * The qualifying values of the programme's active accounts in one range of account
	 * ids ({@code :after < id <= :upTo}, ADR 0022): the window's rows of the range's
	 * accounts read from the account index alone (it includes the columns summed, V6_13,
	 * ADR 0076) and summed per account in its order, plus the rows of the few accounts
	 * merged or migrated into an account of the range, summed per account they were
	 * merged into. Each account's value is its own sum plus that of the accounts merged
	 * into it, joined on its id: one aggregate over the window's rows, none over its
	 * result (ADR 0046: a second hash aggregate over the first one's output, keyed by the
	 * same ids, cost as much as the first).
	 */
	static String valuesInRange(TierLadder.Measure measure) {
		return valuesBetween(measure, ":after", ":upTo");
	}

	private static String valuesBetween(TierLadder.Measure measure, String after, String upTo) {
		String table = Tiers.valuesTable(measure);
		String filter = (measure == TierLadder.Measure.POINTS_EARNED) ? " AND x.kind IN ('EARN', 'PENDING', 'REVERSE')"
				: "";
		String value = switch (measure) {
			case POINTS_EARNED -> "SUM(x.available_delta + x.pending_delta)";
			case SPEND -> "SUM(x.total - x.returned_amount)";
			case PURCHASES -> "COUNT(*) FILTER (WHERE x.returned_amount < x.total)";
		};
		String window = " AND x.occurred_at > :ws AND x.occurred_at <= :asOf";
		return "SELECT a.id AS account_id, a.customer_id, (COALESCE(o.value, 0) + COALESCE(k.value, 0))::numeric "
				+ "AS value FROM loyalty_account a LEFT JOIN (SELECT x.account_id, " + value + " AS value FROM " + table
				+ " x WHERE x.account_id > " + after + " AND x.account_id <= " + upTo + filter + window
				+ " GROUP BY x.account_id) o ON o.account_id = a.id "
				// the accounts merged or migrated into one of the range (anywhere in the
				// id order), read through loyalty_account_merged_idx (ADR 0037)
				+ "LEFT JOIN (SELECT f.merged_into AS account_id, " + value + " AS value FROM loyalty_account f JOIN "
				+ table + " x ON x.account_id = f.id WHERE f.merged_into > " + after + " AND f.merged_into <= " + upTo
				+ " AND f.status IN ('MIGRATED', 'MERGED')" + filter + window + " GROUP BY f.merged_into) k "
				+ "ON k.account_id = a.id WHERE a.programme_id = :p AND a.status = 'ACTIVE' AND a.id > " + after
				+ " AND a.id <= " + upTo;
	}

	static final String REQUALIFY = """
			WITH val AS (%s
			), ladder AS (
			  SELECT code, rank, threshold, LEAD(threshold) OVER (ORDER BY rank) AS next_threshold
			  FROM loyalty_tier WHERE programme_id = :p
			), q AS (
			  SELECT v.*, l.code AS q_code, COALESCE(l.rank, 0) AS q_rank FROM val v
			  LEFT JOIN ladder l ON v.value >= l.threshold AND (l.next_threshold IS NULL OR v.value < l.next_threshold)
			), cur AS (
			  SELECT q.*, mt.tier_code AS c_code, mt.source, mt.override_until, mt.qualified_until,
			         CASE WHEN mt.tier_code IS NULL THEN 0 ELSE COALESCE(ct.rank, -1) END AS c_rank
			  FROM q LEFT JOIN loyalty_member_tier mt ON mt.account_id = q.account_id AND %5$s
			  LEFT JOIN loyalty_tier ct ON ct.programme_id = :p AND ct.code = mt.tier_code
			), decided AS (
			  SELECT c.*, CASE
			    WHEN c.source = 'OVERRIDE' AND c.override_until > :asOf THEN NULL
			    WHEN c.source = 'OVERRIDE' THEN %s
			    WHEN c.c_rank = -1 THEN %s
			    WHEN c.q_rank > c.c_rank THEN 'Qualified: ' || c.value || ' ' || :measure || ' in the window'
			    WHEN c.q_rank < c.c_rank AND %s
			         AND (c.qualified_until IS NULL OR c.qualified_until + make_interval(months => :grace) <= :asOf)
			      THEN 'Period and grace over: ' || c.value || ' ' || :measure || ' in the window'
			    END AS reason,
			    CASE WHEN c.q_rank < c.c_rank AND c.qualified_until IS NOT NULL
			      THEN c.qualified_until + make_interval(months => :grace) END AS kept_until
			  FROM cur c
			), changed AS (
			  INSERT INTO loyalty_member_tier (account_id, programme_id, tier_code, since, qualified_until, source)
			  SELECT account_id, :p, q_code, :asOf, CASE WHEN q_rank > 0 THEN CAST(:periodEnd AS timestamptz) END,
			         'QUALIFIED'
			  FROM decided WHERE reason IS NOT NULL
			  ON CONFLICT (account_id) DO UPDATE SET tier_code = EXCLUDED.tier_code,
			    since = CASE WHEN loyalty_member_tier.tier_code IS NOT DISTINCT FROM EXCLUDED.tier_code
			                 THEN loyalty_member_tier.since ELSE EXCLUDED.since END,
			    qualified_until = EXCLUDED.qualified_until, source = 'QUALIFIED', override_until = NULL,
			    override_reason = NULL, override_by = NULL
			  RETURNING account_id
			), renewed AS (
			  UPDATE loyalty_member_tier mt SET qualified_until = :periodEnd FROM decided d
			  WHERE d.account_id = mt.account_id AND %5$s AND d.reason IS NULL AND d.source = 'QUALIFIED'
			    AND d.q_rank = d.c_rank AND d.q_rank > 0 AND mt.qualified_until < :periodEnd
			  RETURNING mt.account_id
			), logged AS (
			  INSERT INTO loyalty_tier_change (id, account_id, from_tier, to_tier, source, reason, changed_at)
			  SELECT loyalty_uuid_v7_of((SELECT loyalty_uuid_v7_base()), row_number() OVER (ORDER BY account_id)),
			    account_id, c_code, q_code, 'QUALIFIED', reason, :asOf
			  FROM decided WHERE reason IS NOT NULL AND q_code IS DISTINCT FROM c_code
			  RETURNING account_id
			)
			SELECT d.account_id, d.customer_id, d.c_code, d.q_code, d.reason, d.value, d.kept_until,
			       COALESCE(%6$s, 0) AS revenue,
			       (d.reason IS NOT NULL AND d.q_code IS DISTINCT FROM d.c_code) AS moved,
			       (SELECT count(*) FROM changed) + (SELECT count(*) FROM renewed) + (SELECT count(*) FROM logged) AS n
			FROM decided d %7$s
			WHERE (d.reason IS NOT NULL AND d.q_code IS DISTINCT FROM d.c_code)
			   OR (d.reason IS NULL AND d.q_rank < d.c_rank AND d.source = 'QUALIFIED')
			ORDER BY revenue DESC, d.account_id
			""";

	/**
	 * Re-qualifies the programme's members ({@code accounts} null: all) at {@code asOf}.
	 * {@code upgradesOnly}: the earning path, which never lowers a tier.
	 */
	TierPlan requalify(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, List<UUID> accounts,
			boolean upgradesOnly) {
		TierPlan plan = run(values(ladder.measure(), accounts != null), programme, ladder, asOf, upgradesOnly,
				(statement) -> (accounts != null) ? statement.param("accounts", accounts.toArray(UUID[]::new))
						: statement,
				accounts == null, false);
		if (accounts == null) {
			log.info("Tier re-qualification of {} as of {}: {} moves, {} at risk", programme.code(), asOf,
					plan.moves().size(), plan.atRisk().size());
		}
		return plan;
	}

	/**
	 * Re-qualifies the programme's members in one range of account ids (the nightly run,
	 * range by range): the same decisions as {@link #requalify} for those members, their
	 * qualifying values read in the same statement from the account index of the window's
	 * rows, which carries the columns the value needs (V6_13, ADR 0076): an index-only
	 * scan of the range's entries, in account order, instead of a pass over the table's
	 * pages, where the rows of any range of accounts lie.
	 */
	TierPlan requalify(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, AccountRanges.Range range) {
		// planned for the range's own bounds every time: a generic plan, made once the
		// statement has run a few times, cannot see how many rows lie between them and
		// was measured reading the table's pages through a bitmap instead (ADR 0076)
		this.jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
		return run(valuesInRange(ladder.measure()), programme, ladder, asOf, false,
				(statement) -> statement.param("after", range.after()).param("upTo", range.upTo()), true, true);
	}

	private TierPlan run(String values, LoyaltyProgramme programme, TierLadder ladder, Instant asOf,
			boolean upgradesOnly, java.util.function.UnaryOperator<JdbcClient.StatementSpec> scope, boolean many,
			boolean inRange) {
		String sql = REQUALIFY
			.formatted(values, upgradesOnly ? "NULL" : "'Override ended: back to the qualified tier'",
					upgradesOnly ? "NULL" : "'Tier no longer in the ladder'", upgradesOnly ? "FALSE" : "TRUE",
					inRange ? "mt.account_id > :after AND mt.account_id <= :upTo" : "TRUE",
					// a range's few moves look their customers' revenue up one by one; a
					// whole programme's join them all at once
					inRange ? "(SELECT f.revenue FROM customer_figures f WHERE f.customer_id = d.customer_id)"
							: "f.revenue",
					inRange ? "" : "LEFT JOIN customer_figures f ON f.customer_id = d.customer_id");
		List<TierMove> moves = new ArrayList<>();
		List<TierMove> atRisk = new ArrayList<>();
		var statement = scope.apply(this.jdbc.sql(sql)
			.param("p", programme.id())
			.param("asOf", utc(asOf))
			.param("ws", utc(ladder.windowStart(asOf)))
			.param("periodEnd", utc(ladder.periodEnd(asOf)))
			.param("grace", ladder.graceMonths())
			.param("measure", LoyaltyWordings.measure(ladder.measure()).stored()));
		if (many) {
			// the window's aggregate over the members fits in memory instead of spilling
			this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		}
		statement.query((rs) -> {
			boolean moved = rs.getBoolean("moved");
			TierMove m = new TierMove(rs.getObject("account_id", UUID.class), rs.getObject("customer_id", UUID.class),
					rs.getString("c_code"), rs.getString("q_code"), rs.getString("reason"), rs.getBigDecimal("value"),
					rs.getBigDecimal("revenue"), moved ? asOf : instant(rs, "kept_until"));
			(moved ? moves : atRisk).add(m);
		});
		return new TierPlan(programme.code(), asOf, true, moves, atRisk, null);
	}

}
