package org.rapport.loyalty;

import java.time.Clock;
import java.util.Map;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * Moves every active member of a programme to another one, set-based, keeping their
 * value: a new account per member in the target, a TRANSFER pair per member ("programme
 * migration") carrying available and pending points, the lots (with their dates) and
 * purchases (for returns and qualification) re-pointed, the cards re-pointed (same
 * numbers, never voided), the tier row copied. The old account stays with its ledger as
 * MIGRATED, merged into the new one, so history and tier qualification follow.
 */
@Component
class ProgrammeMigration {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final FiguresRollUp figures;

	private final Clock clock;

	private final ProgrammeStore programmes;

	ProgrammeMigration(JdbcClient jdbc, AuditTrail audit, FiguresRollUp figures, Clock clock,
			ProgrammeStore programmes) {
		this.programmes = programmes;
		this.jdbc = jdbc;
		this.audit = audit;
		this.figures = figures;
		this.clock = clock;
	}

	@Transactional
	MigrationRun migrate(LoyaltyProgramme from, LoyaltyProgramme to) {
		if (from.id().equals(to.id())) {
			throw ApiException.invalid("toProgramme",
					Text.of("loyalty.migration.same-programme", "a different programme"));
		}
		if (!from.currency().equals(to.currency())) {
			throw ApiException.invalid("toProgramme",
					Text.of("loyalty.migration.currency", "the target programme must use {0}", from.currency()));
		}
		String closed = this.programmes.migratedInto(to.id()).orElse(null);
		if (closed != null) {
			throw ApiException.invalid("toProgramme", Text.of("loyalty.migration.target-closed",
					"the programme {0} was migrated into {1}: migrate into {1}", to.code(), closed));
		}
		var now = utc(this.clock.instant());
		// closed first: an enrolment under way finishes before the members are read, and
		// any later one is refused (ADR 0093)
		this.programmes.closeInto(from.id(), to.id());
		this.jdbc.sql("DROP TABLE IF EXISTS loyalty_migrating").update();
		this.jdbc.sql("""
				CREATE TEMP TABLE loyalty_migrating ON COMMIT DROP AS
				SELECT a.id AS old_id, loyalty_uuid_v7() AS new_id, a.customer_id, a.enrolled_at, a.first_purchase_at,
				       b.available, b.pending
				FROM loyalty_account a JOIN loyalty_balance b ON b.account_id = a.id
				WHERE a.programme_id = :from AND a.status = 'ACTIVE'
				""").param("from", from.id()).update();
		this.jdbc
			.sql("SELECT count(*) FROM (SELECT 1 FROM loyalty_balance WHERE account_id IN "
					+ "(SELECT old_id FROM loyalty_migrating) ORDER BY account_id FOR UPDATE) locked")
			.query(Long.class)
			.single();
		Long clash = this.jdbc.sql("""
				SELECT count(*) FROM loyalty_migrating m JOIN loyalty_account a
				  ON a.customer_id = m.customer_id AND a.programme_id = :to AND a.status = 'ACTIVE'
				""").param("to", to.id()).query(Long.class).single();
		if (clash > 0) {
			throw ApiException.conflict("already-members", Text.of("loyalty.migration.already-members",
					"{0} members of {1} are already members of {2}", String.valueOf(clash), from.code(), to.code()));
		}
		int members = this.jdbc.sql("""
				INSERT INTO loyalty_account (id, programme_id, customer_id, status, enrolled_at, first_purchase_at)
				SELECT new_id, :to, customer_id, 'ACTIVE', enrolled_at, first_purchase_at FROM loyalty_migrating
				""").param("to", to.id()).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_balance (account_id, available, pending, updated_at)
				SELECT new_id, available, pending, :now FROM loyalty_migrating
				""").param("now", now).update();
		String reason = LoyaltyWordings.MIGRATED.stored(from.code(), to.code());
		this.jdbc.sql("""
				INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
				  source_id, idempotency_key, occurred_at, recorded_at)
				SELECT loyalty_uuid_v7(), x.account_id, 'TRANSFER', x.a, x.p, :reason, 'ACCOUNT', x.other,
				       'migration:' || m.old_id || ':' || :to, :now, :now
				FROM loyalty_migrating m, LATERAL (VALUES (m.old_id, -m.available, -m.pending, m.new_id::text),
				                                          (m.new_id, m.available, m.pending, m.old_id::text))
				  AS x(account_id, a, p, other)
				WHERE m.available <> 0 OR m.pending <> 0
				""").param("reason", reason).param("to", to.id().toString()).param("now", now).update();
		this.jdbc.sql("""
				UPDATE loyalty_balance b SET available = 0, pending = 0, updated_at = :now
				FROM loyalty_migrating m WHERE b.account_id = m.old_id
				""").param("now", now).update();
		this.jdbc
			.sql("UPDATE loyalty_lot l SET account_id = m.new_id FROM loyalty_migrating m "
					+ "WHERE l.account_id = m.old_id")
			.update();
		this.jdbc
			.sql("UPDATE loyalty_purchase p SET account_id = m.new_id FROM loyalty_migrating m "
					+ "WHERE p.account_id = m.old_id")
			.update();
		int cards = this.jdbc
			.sql("UPDATE loyalty_card c SET account_id = m.new_id FROM loyalty_migrating m "
					+ "WHERE c.account_id = m.old_id")
			.update();
		int tiers = this.jdbc.sql("""
				INSERT INTO loyalty_member_tier (account_id, programme_id, tier_code, since, qualified_until, source,
				  override_until, override_reason, override_by)
				SELECT m.new_id, :to, t.tier_code, t.since, t.qualified_until, t.source, t.override_until,
				       t.override_reason, t.override_by
				FROM loyalty_migrating m JOIN loyalty_member_tier t ON t.account_id = m.old_id
				""").param("to", to.id()).update();
		this.jdbc.sql("""
				UPDATE loyalty_account a SET status = 'MIGRATED', merged_into = m.new_id, closed_at = :now
				FROM loyalty_migrating m WHERE a.id = m.old_id
				""").param("now", now).update();
		this.jdbc.sql("""
				UPDATE loyalty_account a SET referred_by = n.new_id FROM loyalty_migrating m
				JOIN loyalty_migrating n ON true JOIN loyalty_account o ON o.id = m.old_id
				WHERE a.id = m.new_id AND o.referred_by = n.old_id
				""").update();
		Map<String, Long> sums = this.jdbc
			.sql("SELECT COALESCE(SUM(available), 0) AS a, COALESCE(SUM(pending), 0) AS p FROM loyalty_migrating")
			.query((rs, n) -> Map.of("a", rs.getLong("a"), "p", rs.getLong("p")))
			.single();
		// purchases now belong to the new accounts: the closed months are counted again
		this.figures.invalidate();
		MigrationRun run = new MigrationRun(from.code(), to.code(), members, sums.get("a"), sums.get("p"), cards,
				tiers);
		this.audit.record(AuditTrail.Change.of("loyalty.programme-migrated", "loyalty_programme", from.id(),
				Text.of("loyalty.audit.programme-migrated", "Programme migration {0} → {1}", from.code(), to.code()),
				null, run));
		return run;
	}

}
