package org.rapport.loyalty.bench;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Members with 10 ledger entries each, generated in SQL (generate_series), consistent
 * with the ledger's invariants (balance = sum of the ledger, lots hold the available
 * points). Per member k = 1 + n % 5: six available lots (100k points at −13, −10, −6 and
 * −3 months, 10k twice at −2 months; the −13 month lot is due to expire), one redemption
 * of 50k taken from the oldest lot, and three pending lots of 30k (two past the 14-day
 * return window, due to activate, one not).
 */
final class LedgerDataSet {

	private final JdbcClient jdbc;

	LedgerDataSet(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void generate(UUID programmeId, long members, Instant now) {
		var at = now.atOffset(java.time.ZoneOffset.UTC);
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_member AS
				SELECT n, gen_random_uuid() AS account_id, gen_random_uuid() AS customer_id, 1 + n % 5 AS k
				FROM generate_series(1, :members) n
				""").param("members", members).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_account (id, programme_id, customer_id, status, enrolled_at, first_purchase_at)
				SELECT account_id, :p, customer_id, 'ACTIVE', :now - interval '14 months', :now - interval '13 months'
				FROM bench_member
				""").param("p", programmeId).param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO customer_figures (customer_id, purchases, revenue, updated_at)
				SELECT customer_id, 10 * k, 250 * k + n % 97, :now FROM bench_member
				""").param("now", at).update();
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_lot AS
				SELECT m.account_id, gen_random_uuid() AS lot_id, t.i, t.kind, t.status, t.points * m.k AS points,
				       (t.points - t.used) * m.k AS remaining, :now - t.age AS earned_at
				FROM bench_member m CROSS JOIN (VALUES
				  (1, 'EARN', 'AVAILABLE', 100, 50, interval '13 months'),
				  (2, 'EARN', 'AVAILABLE', 100, 0, interval '10 months'),
				  (3, 'EARN', 'AVAILABLE', 100, 0, interval '6 months'),
				  (4, 'EARN', 'AVAILABLE', 100, 0, interval '3 months'),
				  (5, 'EARN', 'AVAILABLE', 10, 0, interval '2 months'),
				  (6, 'EARN', 'AVAILABLE', 10, 0, interval '2 months 1 day'),
				  (7, 'PENDING', 'PENDING', 30, 0, interval '20 days'),
				  (8, 'PENDING', 'PENDING', 30, 0, interval '16 days'),
				  (9, 'PENDING', 'PENDING', 30, 0, interval '5 days')) AS t(i, kind, status, points, used, age)
				""").param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_lot (id, account_id, status, points, remaining, earned_at, available_at, expires_at)
				SELECT lot_id, account_id, status, points, remaining, earned_at,
				       CASE WHEN status = 'PENDING' THEN earned_at + interval '14 days' ELSE earned_at END,
				       earned_at + interval '12 months'
				FROM bench_lot
				""").update();
		this.jdbc
			.sql("""
					INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
					  source_id, idempotency_key, occurred_at, recorded_at, lot_id)
					SELECT gen_random_uuid(), account_id, kind,
					       CASE WHEN kind = 'EARN' THEN points ELSE 0 END, CASE WHEN kind = 'PENDING' THEN points ELSE 0 END,
					       'Benchmark', 'SYSTEM', 'bench', 'bench:' || i || ':' || lot_id, earned_at, :now, lot_id
					FROM bench_lot
					UNION ALL
					SELECT gen_random_uuid(), account_id, 'REDEEM', -50 * k, 0, 'Benchmark', 'SYSTEM', 'bench',
					       'bench:redeem:' || account_id, :now - interval '12 months 15 days', :now, NULL
					FROM bench_member
					""")
			.param("now", at)
			.update();
		this.jdbc.sql("""
				INSERT INTO loyalty_balance (account_id, available, pending, updated_at)
				SELECT account_id, 370 * k, 90 * k, :now FROM bench_member
				""").param("now", at).update();
		this.jdbc.sql("DROP TABLE bench_lot").update();
		this.jdbc.sql("DROP TABLE bench_member").update();
		this.jdbc.sql("ANALYZE").update();
	}

}
