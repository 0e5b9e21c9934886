package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/** Tier ladders, members' tier rows and the tier history. */
@Repository
class TierStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	TierStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<TierLadder> ladder(UUID programmeId) {
		List<Tier> tiers = this.jdbc
			.sql("SELECT code, name, threshold, earn_multiplier, discount_percent, priority_service, gifts "
					+ "FROM loyalty_tier WHERE programme_id = ? ORDER BY rank")
			.param(programmeId)
			.query((rs, n) -> new Tier(rs.getString("code"), rs.getString("name"), rs.getBigDecimal("threshold"),
					rs.getBigDecimal("earn_multiplier"), rs.getBigDecimal("discount_percent"),
					rs.getBoolean("priority_service"), rs.getString("gifts")))
			.list();
		return this.jdbc
			.sql("SELECT measure, qualification_window, grace_months FROM loyalty_tier_ladder WHERE programme_id = ?")
			.param(programmeId)
			.query((rs, n) -> new TierLadder(TierLadder.Measure.valueOf(rs.getString("measure")),
					TierLadder.Window.valueOf(rs.getString("qualification_window")), rs.getInt("grace_months"), tiers))
			.optional();
	}

	/**
	 * The stored tier rows of the programme's active members, counted by tier code (null:
	 * no tier), with those held by a manual override. The rows of accounts no longer
	 * active (merged, migrated, erased) are left out by an anti-join with those few, not
	 * by a join with every member's account (as ADR 0074 does for the analytics months).
	 */
	List<TierMembers.Held> held(UUID programmeId) {
		return this.jdbc.sql("""
				SELECT t.tier_code, count(*) AS members, count(*) FILTER (WHERE t.source = 'OVERRIDE') AS by_override
				FROM loyalty_member_tier t
				WHERE t.programme_id = :programme
				  AND NOT EXISTS (SELECT 1 FROM loyalty_account a WHERE a.id = t.account_id AND a.status <> 'ACTIVE')
				GROUP BY t.tier_code
				""")
			.param("programme", programmeId)
			.query((rs, n) -> new TierMembers.Held(rs.getString("tier_code"), rs.getLong("members"),
					rs.getLong("by_override")))
			.list();
	}

	/** The programme's active members. */
	long activeMembers(UUID programmeId) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_account WHERE programme_id = ? AND status = 'ACTIVE'")
			.param(programmeId)
			.query(Long.class)
			.single();
	}

	/** Replaces the ladder (its tiers by code; members keep their tier codes). */
	void saveLadder(UUID programmeId, TierLadder ladder) {
		ProgrammeSnapshots.forget();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO loyalty_tier_ladder (programme_id, measure, qualification_window, grace_months, updated_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (programme_id) DO UPDATE SET measure = EXCLUDED.measure,
				  qualification_window = EXCLUDED.qualification_window, grace_months = EXCLUDED.grace_months,
				  version = loyalty_tier_ladder.version + 1, updated_at = EXCLUDED.updated_at
				""")
			.params(programmeId, ladder.measure().name(), ladder.window().name(), ladder.graceMonths(), utc(now))
			.update();
		this.jdbc.sql("DELETE FROM loyalty_tier WHERE programme_id = ?").param(programmeId).update();
		int rank = 1;
		for (Tier t : ladder.tiers()) {
			this.jdbc
				.sql("""
						INSERT INTO loyalty_tier (programme_id, code, rank, name, threshold, earn_multiplier, discount_percent,
						  priority_service, gifts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
						""")
				.params(programmeId, t.code(), rank++, t.name(), t.threshold(), t.multiplier(), t.discount(),
						t.priorityService(), t.gifts())
				.update();
		}
	}

	/** A member's tier row. */
	record State(UUID accountId, String tierCode, Instant since, Instant qualifiedUntil, String source,
			Instant overrideUntil, String overrideReason, String overrideBy) {
	}

	Optional<State> state(UUID accountId) {
		return this.jdbc
			.sql("SELECT account_id, tier_code, since, qualified_until, source, override_until, override_reason, "
					+ "override_by FROM loyalty_member_tier WHERE account_id = ?")
			.param(accountId)
			.query((rs, n) -> new State(rs.getObject("account_id", UUID.class), rs.getString("tier_code"),
					instant(rs, "since"), instant(rs, "qualified_until"), rs.getString("source"),
					instant(rs, "override_until"), rs.getString("override_reason"), rs.getString("override_by")))
			.optional();
	}

	void override(UUID accountId, UUID programmeId, String tierCode, Instant until, String reason, String by) {
		this.jdbc.sql("""
				INSERT INTO loyalty_member_tier (account_id, programme_id, tier_code, since, source, override_until,
				  override_reason, override_by) VALUES (:a, :p, :t, :now, 'OVERRIDE', :until, :reason, :by)
				ON CONFLICT (account_id) DO UPDATE SET tier_code = EXCLUDED.tier_code, since = EXCLUDED.since,
				  source = 'OVERRIDE', override_until = EXCLUDED.override_until,
				  override_reason = EXCLUDED.override_reason, override_by = EXCLUDED.override_by
				""")
			.param("a", accountId)
			.param("p", programmeId)
			.param("t", tierCode)
			.param("now", utc(this.clock.instant()))
			.param("until", utc(until))
			.param("reason", reason)
			.param("by", by)
			.update();
	}

	/**
	 * Brings a running override's end forward to {@code at}, so that re-qualifying the
	 * member at {@code at} ends it the way an override ends on its date; false when the
	 * member has no running override.
	 */
	boolean endOverride(UUID accountId, Instant at) {
		return this.jdbc
			.sql("UPDATE loyalty_member_tier SET override_until = ? "
					+ "WHERE account_id = ? AND source = 'OVERRIDE' AND override_until > ?")
			.params(utc(at), accountId, utc(at))
			.update() == 1;
	}

	/**
	 * The stored version of the programme's ladder (0 before the first one), taken under
	 * a transaction-scoped lock on the programme's ladder so that two applies of a ladder
	 * run one after the other.
	 */
	int lockLadder(UUID programmeId) {
		this.jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('loyalty_tier_ladder:' || ?))) l")
			.param(programmeId.toString())
			.query(Integer.class)
			.single();
		return this.jdbc.sql("SELECT version FROM loyalty_tier_ladder WHERE programme_id = ?")
			.param(programmeId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void logChange(UUID accountId, String from, String to, String source, String reason) {
		logChange(accountId, from, to, source, reason, this.clock.instant());
	}

	void logChange(UUID accountId, String from, String to, String source, String reason, Instant at) {
		this.jdbc
			.sql("INSERT INTO loyalty_tier_change (id, account_id, from_tier, to_tier, source, reason, changed_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(Ids.next(this.clock), accountId, from, to, source, reason, utc(at))
			.update();
	}

	/** The multiplier of the member's current tier (1 without a tier). */
	BigDecimal multiplier(UUID accountId) {
		return this.jdbc.sql("""
				SELECT t.earn_multiplier FROM loyalty_member_tier mt
				JOIN loyalty_tier t ON t.programme_id = mt.programme_id AND t.code = mt.tier_code
				WHERE mt.account_id = ?
				""").param(accountId).query(BigDecimal.class).optional().orElse(BigDecimal.ONE);
	}

	/**
	 * The tier history of an account, oldest first: changedAt, from, to, source, reason.
	 */
	List<java.util.Map<String, Object>> history(UUID accountId) {
		return this.jdbc
			.sql("SELECT changed_at AS \"changedAt\", from_tier AS \"from\", to_tier AS \"to\", source, reason "
					+ "FROM loyalty_tier_change WHERE account_id = ? ORDER BY changed_at, id")
			.param(accountId)
			.query()
			.listOfRows();
	}

}
