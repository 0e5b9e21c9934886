package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nightly jobs as set-based SQL: one statement per step over all accounts, in one
 * transaction per job. Each first locks the balance rows of the accounts it touches (in
 * account order, so it cannot deadlock with another job), then appends one movement per
 * lot (keyed by the lot, so a rerun adds nothing), applies the sums to the balances and
 * changes the lots.
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	LedgerJobs(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Pending points whose return window is over become available. */
	@Transactional
	JobRun activate(Instant asOf) {
		OffsetDateTime now = asOf.atOffset(ZoneOffset.UTC);
		this.jdbc
			.sql("CREATE TEMP TABLE loyalty_due ON COMMIT DROP AS SELECT id, account_id FROM loyalty_lot "
					+ "WHERE status = 'PENDING' AND available_at <= ?")
			.param(now)
			.update();
		lockAccounts("loyalty_due");
		int movements = this.jdbc.sql("""
				INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
				  source_id, idempotency_key, occurred_at, recorded_at, lot_id)
				SELECT loyalty_uuid_v7(), l.account_id, 'ACTIVATE', l.remaining, -l.remaining,
				       'Return window over: points available', 'SYSTEM', 'activation', 'activate:' || l.id,
				       GREATEST(l.available_at, l.earned_at), :now, l.id
				FROM loyalty_lot l JOIN loyalty_due d ON d.id = l.id
				WHERE l.status = 'PENDING' AND l.remaining > 0
				ON CONFLICT (account_id, idempotency_key) DO NOTHING
				""").param("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC)).update();
		Long points = this.jdbc.sql("""
				WITH moved AS (
				  SELECT l.account_id, SUM(l.remaining) AS points FROM loyalty_lot l JOIN loyalty_due d ON d.id = l.id
				  WHERE l.status = 'PENDING' GROUP BY l.account_id
				), applied AS (
				  UPDATE loyalty_balance b SET available = b.available + m.points, pending = b.pending - m.points,
				    updated_at = :now
				  FROM moved m WHERE b.account_id = m.account_id RETURNING m.points
				)
				SELECT COALESCE(SUM(points), 0) FROM applied
				""").param("now", now).query(Long.class).single();
		int lots = this.jdbc
			.sql("UPDATE loyalty_lot l SET status = 'AVAILABLE' FROM loyalty_due d "
					+ "WHERE d.id = l.id AND l.status = 'PENDING'")
			.update();
		this.jdbc.sql(Ledger.CONSUME.formatted("l.account_id IN (SELECT account_id FROM loyalty_due)")).update();
		log.info("Activation as of {}: {} lots, {} points", asOf, lots, points);
		return new JobRun("activation", asOf, lots, movements, points);
	}

	/**
	 * Available points whose lot has reached its expiry date expire; the oldest lots
	 * expire first by date.
	 */
	@Transactional
	JobRun expire(Instant asOf) {
		OffsetDateTime now = asOf.atOffset(ZoneOffset.UTC);
		this.jdbc
			.sql("CREATE TEMP TABLE loyalty_due ON COMMIT DROP AS SELECT id, account_id FROM loyalty_lot "
					+ "WHERE status = 'AVAILABLE' AND remaining > 0 AND expires_at <= ?")
			.param(now)
			.update();
		lockAccounts("loyalty_due");
		int movements = this.jdbc.sql("""
				INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
				  source_id, idempotency_key, occurred_at, recorded_at, lot_id)
				SELECT loyalty_uuid_v7(), l.account_id, 'EXPIRE', -l.remaining, 0,
				       'Expired: earned ' || to_char(l.earned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'SYSTEM', 'expiry',
				       'expire:' || l.id, l.expires_at, :now, l.id
				FROM loyalty_lot l JOIN loyalty_due d ON d.id = l.id
				WHERE l.status = 'AVAILABLE' AND l.remaining > 0
				ON CONFLICT (account_id, idempotency_key) DO NOTHING
				""").param("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC)).update();
		Long points = this.jdbc.sql("""
				WITH gone AS (
				  SELECT l.account_id, SUM(l.remaining) AS points FROM loyalty_lot l JOIN loyalty_due d ON d.id = l.id
				  WHERE l.status = 'AVAILABLE' AND l.remaining > 0 GROUP BY l.account_id
				), applied AS (
				  UPDATE loyalty_balance b SET available = b.available - g.points, updated_at = :now
				  FROM gone g WHERE b.account_id = g.account_id RETURNING g.points
				)
				SELECT COALESCE(SUM(points), 0) FROM applied
				""").param("now", now).query(Long.class).single();
		int lots = this.jdbc
			.sql("UPDATE loyalty_lot l SET status = 'EXPIRED', remaining = 0 FROM loyalty_due d "
					+ "WHERE d.id = l.id AND l.status = 'AVAILABLE'")
			.update();
		log.info("Expiry as of {}: {} lots, {} points", asOf, lots, points);
		return new JobRun("expiry", asOf, lots, movements, points);
	}

	private void lockAccounts(String dueTable) {
		this.jdbc
			.sql("SELECT count(*) FROM (SELECT 1 FROM loyalty_balance WHERE account_id IN " + "(SELECT account_id FROM "
					+ dueTable + ") ORDER BY account_id FOR UPDATE) locked")
			.query(Long.class)
			.single();
	}

}
