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
 *
 * <p>
 * Ids and row order are those the application would have produced: every id is a UUID v7
 * of the moment its row was written ({@code Ids.next}: accounts at enrolment, spread over
 * a month; lots and movements at earning), and lots and movements are written in time
 * order, the members of one moment in random order. So, as in a live programme, account
 * ids follow the order the balance rows were written in, the lots due on one night lie
 * together in the lot table (in random account order within it), and a lot's primary-key
 * entry lies among those of the lots earned at the same time.
 */
final class LedgerDataSet {

	/** A UUID v7 (as {@code Ids.next}) of the moment {@code at}, in SQL. */
	static String uuidV7(String at) {
		return "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract("
				+ "epoch FROM " + at + ") * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid";
	}

	private final JdbcClient jdbc;

	LedgerDataSet(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void generate(UUID programmeId, long members, Instant now) {
		var at = now.atOffset(java.time.ZoneOffset.UTC);
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_member AS
				SELECT n, %s AS account_id, gen_random_uuid() AS customer_id, 1 + n %% 5 AS k, enrolled_at
				FROM (SELECT n, :now - interval '14 months' + n * (interval '30 days' / :members) AS enrolled_at
				      FROM generate_series(1, :members) n) e
				ORDER BY n
				""".formatted(uuidV7("enrolled_at"))).param("members", members).param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_account (id, programme_id, customer_id, status, enrolled_at, first_purchase_at)
				SELECT account_id, :p, customer_id, 'ACTIVE', enrolled_at, :now - interval '13 months'
				FROM bench_member ORDER BY n
				""").param("p", programmeId).param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO customer_figures (customer_id, purchases, revenue, updated_at)
				SELECT customer_id, 10 * k, 250 * k + n % 97, :now FROM bench_member
				""").param("now", at).update();
		this.jdbc.sql("""
				CREATE UNLOGGED TABLE bench_lot AS
				SELECT account_id, %s AS lot_id, i, kind, status, points, remaining, earned_at, k
				FROM (SELECT m.account_id, t.i, t.kind, t.status, t.points * m.k AS points,
				       (t.points - t.used) * m.k AS remaining, :now - t.age AS earned_at, m.k
				FROM bench_member m CROSS JOIN (VALUES
				  (1, 'EARN', 'AVAILABLE', 100, 50, interval '13 months'),
				  (2, 'EARN', 'AVAILABLE', 100, 0, interval '10 months'),
				  (3, 'EARN', 'AVAILABLE', 100, 0, interval '6 months'),
				  (4, 'EARN', 'AVAILABLE', 100, 0, interval '3 months'),
				  (5, 'EARN', 'AVAILABLE', 10, 0, interval '2 months'),
				  (6, 'EARN', 'AVAILABLE', 10, 0, interval '2 months 1 day'),
				  (7, 'PENDING', 'PENDING', 30, 0, interval '20 days'),
				  (8, 'PENDING', 'PENDING', 30, 0, interval '16 days'),
				  (9, 'PENDING', 'PENDING', 30, 0, interval '5 days')) AS t(i, kind, status, points, used, age)) l
				""".formatted(uuidV7("earned_at"))).param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_lot (id, account_id, status, points, remaining, earned_at, available_at, expires_at)
				SELECT lot_id, account_id, status, points, remaining, earned_at,
				       CASE WHEN status = 'PENDING' THEN earned_at + interval '14 days' ELSE earned_at END,
				       earned_at + interval '12 months'
				FROM bench_lot b ORDER BY b.earned_at, b.lot_id
				""").update();
		this.jdbc.sql("""
				INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
				  source_id, idempotency_key, occurred_at, recorded_at, lot_id)
				SELECT %s, account_id, kind, available_delta, pending_delta, 'Benchmark', 'SYSTEM', 'bench',
				       idempotency_key, occurred_at, :now, lot_id
				FROM (SELECT account_id, kind, CASE WHEN kind = 'EARN' THEN points ELSE 0 END AS available_delta,
				             CASE WHEN kind = 'PENDING' THEN points ELSE 0 END AS pending_delta,
				             'bench:' || i || ':' || lot_id AS idempotency_key, earned_at AS occurred_at, lot_id
				      FROM bench_lot
				      UNION ALL
				      SELECT account_id, 'REDEEM', -50 * k, 0, 'bench:redeem:' || account_id,
				             :now - interval '12 months 15 days', NULL
				      FROM bench_member) x
				ORDER BY occurred_at, random()
				""".formatted(uuidV7("occurred_at"))).param("now", at).update();
		this.jdbc.sql("""
				INSERT INTO loyalty_balance (account_id, available, pending, updated_at)
				SELECT account_id, 370 * k, 90 * k, :now FROM bench_member ORDER BY n
				""").param("now", at).update();
		this.jdbc.sql("DROP TABLE bench_lot").update();
		this.jdbc.sql("DROP TABLE bench_member").update();
		// a live programme's rows of past months have long been vacuumed: marked visible
		// to all
		// (what index-only scans rely on)
		this.jdbc.sql("VACUUM (ANALYZE)").update();
	}

}
