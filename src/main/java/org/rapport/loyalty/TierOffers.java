package org.rapport.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * The "next best offer" lists for staff, one statement each over all members: those
 * within a percentage of their next tier's threshold, and those who already qualify for a
 * better tier than they hold (an override below their qualification, or not yet
 * re-qualified). Highest revenue first.
 */
@Component
@Transactional(readOnly = true)
class TierOffers {

	/**
	 * Every active member's qualifying value, held tier and the tier that value reaches;
	 * each list is a select over it (ADR 0067: both lists from one pass over the window's
	 * rows, which is all of a list's cost).
	 */
	private static final String MEMBERS = """
			WITH val AS (%s
			), ladder AS (
			  SELECT code, rank, threshold FROM loyalty_tier WHERE programme_id = :p
			), cur AS (
			  SELECT v.*, mt.tier_code, mt.source, COALESCE(ct.rank, 0) AS c_rank,
			         (SELECT max(l.rank) FROM ladder l WHERE l.threshold <= v.value) AS q_rank
			  FROM val v LEFT JOIN loyalty_member_tier mt ON mt.account_id = v.account_id
			  LEFT JOIN ladder ct ON ct.code = mt.tier_code
			)
			""";

	private static final String LIST = """
			SELECT %s AS list, c.account_id, c.customer_id, c.tier_code, c.source, l.code AS towards, c.value,
			       l.threshold, GREATEST(l.threshold - c.value, 0) AS missing, COALESCE(f.revenue, 0) AS revenue
			FROM cur c JOIN ladder l ON %s
			LEFT JOIN customer_figures f ON f.customer_id = c.customer_id
			WHERE %s
			ORDER BY revenue DESC, c.account_id LIMIT :limit
			""";

	private static final String NEAR = LIST.formatted("'near'", "l.rank = c.c_rank + 1",
			"c.value < l.threshold AND c.value >= l.threshold * (100 - :pct) / 100.0");

	private static final String BETTER = LIST.formatted("'better'", "l.rank = c.q_rank", "c.q_rank > c.c_rank");

	private final JdbcClient jdbc;

	TierOffers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<TierCandidate> nearNext(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinPercent,
			int limit) {
		return run(MEMBERS.formatted(TierJobs.values(ladder.measure(), false)) + NEAR, programme, ladder, asOf,
				withinPercent, limit)
			.near();
	}

	List<TierCandidate> qualifyForBetter(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int limit) {
		return run(MEMBERS.formatted(TierJobs.values(ladder.measure(), false)) + BETTER, programme, ladder, asOf, 0,
				limit)
			.better();
	}

	/** Both lists from one pass over the window's rows. */
	TierOfferLists both(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinPercent, int limit) {
		return run(MEMBERS.formatted(TierJobs.values(ladder.measure(), false)) + "(" + NEAR + ") UNION ALL (" + BETTER
				+ ")", programme, ladder, asOf, withinPercent, limit);
	}

	private TierOfferLists run(String sql, LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int pct,
			int limit) {
		// the members' values are kept for both lists: in memory rather than on disk
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		var statement = this.jdbc.sql(sql)
			.param("p", programme.id())
			.param("ws", utc(ladder.windowStart(asOf)))
			.param("asOf", utc(asOf))
			.param("limit", Math.max(1, Math.min(limit, 1000)));
		if (sql.contains(":pct")) {
			statement = statement.param("pct", Math.max(0, Math.min(pct, 100)));
		}
		List<TierCandidate> near = new ArrayList<>();
		List<TierCandidate> better = new ArrayList<>();
		statement.query((rs) -> {
			TierCandidate c = new TierCandidate(rs.getObject("account_id", UUID.class),
					rs.getObject("customer_id", UUID.class), rs.getString("tier_code"), rs.getString("source"),
					rs.getString("towards"), rs.getBigDecimal("value"), rs.getBigDecimal("threshold"),
					rs.getBigDecimal("missing"), rs.getBigDecimal("revenue"));
			("near".equals(rs.getString("list")) ? near : better).add(c);
		});
		return new TierOfferLists(List.copyOf(near), List.copyOf(better));
	}

}
