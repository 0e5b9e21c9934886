package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * The points ledger of all accounts. Movements are only ever inserted (a trigger refuses
 * UPDATE, DELETE and TRUNCATE); each insert updates the account's balance row in the same
 * transaction. Callers first {@link #lock} the balance row, so operations on one account
 * are serialised and a debit can never overspend. Credits to the available balance open a
 * lot; {@link #consumeOldestFirst} then makes the remaining points of the available lots
 * equal to the available balance (never below zero), taking from the oldest lots first.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class Ledger {

	static final String MOVEMENT_COLUMNS = "id, account_id, kind, available_delta, pending_delta, reason, source_type, "
			+ "source_id, idempotency_key, occurred_at, recorded_at, explanation::text AS explanation";

	/**
	 * The predicate of the key index: movements other than the jobs' own carry a unique
	 * idempotency key per account.
	 */
	static final String KEYED = "kind NOT IN ('ACTIVATE', 'EXPIRE')";

	private final JdbcClient jdbc;

	private final Clock clock;

	Ledger(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A movement to append. */
	record Entry(UUID accountId, MovementKind kind, long available, long pending, String reason, String sourceType,
			String sourceId, String idempotencyKey, Instant occurredAt, UUID lotId, String explanation) {
	}

	/**
	 * Locks the account's balance row until the transaction ends and answers the balance.
	 */
	Balance lock(UUID accountId) {
		return this.jdbc.sql("SELECT available, pending FROM loyalty_balance WHERE account_id = ? FOR UPDATE")
			.param(accountId)
			.query((rs, n) -> new Balance(rs.getLong("available"), rs.getLong("pending")))
			.single();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	Balance balance(UUID accountId) {
		return this.jdbc.sql("SELECT available, pending FROM loyalty_balance WHERE account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Balance(rs.getLong("available"), rs.getLong("pending")))
			.single();
	}

	/**
	 * The movement appended under the key. The jobs' own movements ({@code ACTIVATE},
	 * {@code EXPIRE}) are outside the key index (ADR 0022) and are never looked up here.
	 */
	Optional<Movement> find(UUID accountId, String idempotencyKey) {
		return this.jdbc
			.sql("SELECT " + MOVEMENT_COLUMNS + " FROM loyalty_movement WHERE account_id = ? AND idempotency_key = ? "
					+ "AND " + KEYED)
			.params(accountId, idempotencyKey)
			.query(Ledger::movement)
			.optional();
	}

	/**
	 * Appends a movement and applies it to the balance row; the account must be locked.
	 */
	Movement append(Entry e) {
		UUID id = Ids.next(this.clock);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
				  source_id, idempotency_key, occurred_at, recorded_at, lot_id, explanation)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
				""")
			.params(id, e.accountId(), e.kind().name(), e.available(), e.pending(), e.reason(), e.sourceType(),
					e.sourceId(), e.idempotencyKey(), utc(e.occurredAt()), utc(now), e.lotId(), e.explanation())
			.update();
		found(this.jdbc
			.sql("UPDATE loyalty_balance SET available = available + ?, pending = pending + ?, updated_at = ? "
					+ "WHERE account_id = ?")
			.params(e.available(), e.pending(), utc(now), e.accountId())
			.update(), 1, e.accountId());
		return new Movement(id, e.accountId(), e.kind(), e.available(), e.pending(), e.reason(), e.sourceType(),
				e.sourceId(), e.idempotencyKey(), e.occurredAt(), now, e.explanation());
	}

	/**
	 * Opens a lot of points (PENDING until {@code availableAt}, or AVAILABLE at once),
	 * appends the movement that credits it and applies it to the balance row, in one
	 * statement; the account must be locked. The entry's lot is the new lot.
	 */
	UUID appendWithLot(Entry e, Instant availableAt, Instant expiresAt) {
		return appendWithLot(e, availableAt, expiresAt, null);
	}

	/**
	 * The purchase that earned a lot, recorded in the statement that opens it (ADR 0033):
	 * its row (points earned, for returns) and, on the member's first purchase, the
	 * account's first purchase time.
	 */
	record PurchaseRow(UUID interactionId, java.math.BigDecimal total, long points, Instant occurredAt, boolean first) {
	}

	/**
	 * As {@link #appendWithLot(Entry, Instant, Instant)}, and records the purchase (when
	 * not null) in the same statement.
	 */
	UUID appendWithLot(Entry e, Instant availableAt, Instant expiresAt, PurchaseRow purchase) {
		UUID lot = Ids.next(this.clock);
		UUID id = Ids.next(this.clock);
		Instant now = this.clock.instant();
		boolean pending = e.kind() == MovementKind.PENDING;
		long points = e.available() + e.pending();
		List<Object> params = new ArrayList<>(Arrays.asList(lot, e.accountId(), pending ? "PENDING" : "AVAILABLE",
				points, points, utc(e.occurredAt()), utc(availableAt), utc(expiresAt), id, e.accountId(),
				e.kind().name(), e.available(), e.pending(), e.reason(), e.sourceType(), e.sourceId(),
				e.idempotencyKey(), utc(e.occurredAt()), utc(now)));
		params.add(lot);
		params.add(e.explanation());
		StringBuilder sql = new StringBuilder(
				"""
						WITH lot AS (
						  INSERT INTO loyalty_lot (id, account_id, status, points, remaining, earned_at, available_at, expires_at)
						  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						), moved AS (
						  INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
						    source_id, idempotency_key, occurred_at, recorded_at, lot_id, explanation)
						  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
						)""");
		if (purchase != null) {
			sql.append(", ");
			purchaseParts(sql, params, e.accountId(), lot, purchase);
		}
		sql.append("""

				UPDATE loyalty_balance SET available = available + ?, pending = pending + ?, updated_at = ?
				WHERE account_id = ?
				""");
		params.addAll(Arrays.asList(e.available(), e.pending(), utc(now), e.accountId()));
		found(this.jdbc.sql(sql.toString()).params(params).update(), 1, e.accountId());
		return lot;
	}

	/**
	 * Records a purchase that earned no points, in one statement: its row, the first
	 * purchase time when it is the first, and a touch of the balance row, so that every
	 * earning leaves a new version of the row it locked (what
	 * {@link AccountStore#lockForEarning} relies on).
	 */
	void recordPurchase(UUID accountId, PurchaseRow purchase) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder("WITH ");
		purchaseParts(sql, params, accountId, null, purchase);
		sql.append("""

				UPDATE loyalty_balance SET updated_at = ? WHERE account_id = ?
				""");
		params.add(utc(this.clock.instant()));
		params.add(accountId);
		found(this.jdbc.sql(sql.toString()).params(params).update(), 1, accountId);
	}

	private static void purchaseParts(StringBuilder sql, List<Object> params, UUID accountId, UUID lot, PurchaseRow p) {
		sql.append("""
				bought AS (
				  INSERT INTO loyalty_purchase (account_id, interaction_id, lot_id, total, points_earned, occurred_at)
				  VALUES (?, ?, ?, ?, ?, ?)
				)""");
		params.addAll(Arrays.asList(accountId, p.interactionId(), lot, p.total(), p.points(), utc(p.occurredAt())));
		if (p.first()) {
			sql.append("""
					, first AS (
					  UPDATE loyalty_account SET first_purchase_at = ? WHERE id = ? AND first_purchase_at IS NULL
					)""");
			params.add(utc(p.occurredAt()));
			params.add(accountId);
		}
	}

	/**
	 * What one purchase or event of a group earning writes (ADR 0038): a lot with the
	 * movement that credits it (when {@code kind} is not null: PENDING or EARN), the
	 * purchase row (when {@code purchase} is not null) and, on the member's first
	 * purchase, the account's first purchase time; the account's balance row is touched
	 * in any case.
	 */
	record Earned(UUID accountId, MovementKind kind, long points, String reason, String sourceId, String key,
			Instant occurredAt, Instant availableAt, Instant expiresAt, String explanation, PurchaseRow purchase) {
	}

	/**
	 * Writes what a group of purchases and events earned, in one statement whatever its
	 * size: the lots, the movements and the purchase rows each with one insert, the first
	 * purchase times with one update, and every account's balance row with one update by
	 * the sums of its rows (touched even when they earned nothing, as
	 * {@link #recordPurchase} does: what {@link AccountStore#lockForEarning} relies on).
	 * The accounts must be locked. Movements are source {@code INTERACTION}. The balance
	 * rows are named by their accounts a second time ({@code = ANY}, no change to what is
	 * updated) so that the plan kept for the statement looks them up by key instead of
	 * reading the whole table into a hash join (ADR 0056).
	 */
	void appendAll(List<Earned> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int n = rows.size();
		UUID[] account = new UUID[n];
		UUID[] lot = new UUID[n];
		UUID[] movement = new UUID[n];
		String[] kind = new String[n];
		long[] available = new long[n];
		long[] pending = new long[n];
		String[] reason = new String[n];
		String[] source = new String[n];
		String[] key = new String[n];
		String[] occurred = new String[n];
		String[] availableAt = new String[n];
		String[] expiresAt = new String[n];
		String[] explanation = new String[n];
		UUID[] interaction = new UUID[n];
		String[] total = new String[n];
		long[] points = new long[n];
		boolean[] first = new boolean[n];
		for (int i = 0; i < n; i++) {
			Earned e = rows.get(i);
			account[i] = e.accountId();
			if (e.kind() != null) {
				lot[i] = Ids.next(this.clock);
				movement[i] = Ids.next(this.clock);
				kind[i] = e.kind().name();
				available[i] = (e.kind() == MovementKind.PENDING) ? 0 : e.points();
				pending[i] = (e.kind() == MovementKind.PENDING) ? e.points() : 0;
				reason[i] = e.reason();
				source[i] = e.sourceId();
				key[i] = e.key();
				availableAt[i] = text(e.availableAt());
				expiresAt[i] = text(e.expiresAt());
				explanation[i] = e.explanation();
			}
			occurred[i] = text(e.occurredAt());
			points[i] = e.points();
			if (e.purchase() != null) {
				interaction[i] = e.purchase().interactionId();
				total[i] = e.purchase().total().toPlainString();
				first[i] = e.purchase().first();
			}
		}
		int updated = this.jdbc.sql(APPEND_ALL)
			.param("account", account)
			.param("lot", lot)
			.param("movement", movement)
			.param("kind", kind)
			.param("available", available)
			.param("pending", pending)
			.param("reason", reason)
			.param("source", source)
			.param("key", key)
			.param("occurred", occurred)
			.param("availableAt", availableAt)
			.param("expiresAt", expiresAt)
			.param("explanation", explanation)
			.param("interaction", interaction)
			.param("total", total)
			.param("points", points)
			.param("first", first)
			.param("now", utc(this.clock.instant()))
			.update();
		Set<UUID> accounts = new HashSet<>(Arrays.asList(account));
		found(updated, accounts.size(), accounts);
	}

	/**
	 * Refuses a write whose balance update found fewer balance rows than the accounts it
	 * names (ADR 0065). The movements carry no per-row key check to the account (ADR
	 * 0017), so this is what stops a movement for an account that does not exist; the
	 * balance row keeps its key to the account. Thrown inside the writer's transaction,
	 * it rolls the statement's rows back with it.
	 */
	private static void found(int updated, int expected, Object accounts) {
		if (updated != expected) {
			throw new IllegalStateException("No balance row for " + (expected - updated) + " of the accounts "
					+ accounts + ": nothing is written for an account that does not exist");
		}
	}

	private static String text(Instant at) {
		return (at == null) ? null : at.toString();
	}

	private static final String APPEND_ALL = """
			WITH i AS (
			  SELECT * FROM unnest(CAST(:account AS uuid[]), CAST(:lot AS uuid[]), CAST(:movement AS uuid[]),
			    CAST(:kind AS text[]), CAST(:available AS int8[]), CAST(:pending AS int8[]), CAST(:reason AS text[]),
			    CAST(:source AS text[]), CAST(:key AS text[]), CAST(:occurred AS timestamptz[]),
			    CAST(:availableAt AS timestamptz[]), CAST(:expiresAt AS timestamptz[]), CAST(:explanation AS text[]),
			    CAST(:interaction AS uuid[]), CAST(:total AS numeric[]), CAST(:points AS int8[]), CAST(:first AS boolean[]))
			    AS i(account_id, lot_id, movement_id, kind, available, pending, reason, source_id, idempotency_key,
			         occurred_at, available_at, expires_at, explanation, interaction_id, total, points, first)
			), lot AS (
			  INSERT INTO loyalty_lot (id, account_id, status, points, remaining, earned_at, available_at, expires_at)
			  SELECT lot_id, account_id, CASE kind WHEN 'PENDING' THEN 'PENDING' ELSE 'AVAILABLE' END, points, points,
			         occurred_at, available_at, expires_at
			  FROM i WHERE lot_id IS NOT NULL
			), moved AS (
			  INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
			    source_id, idempotency_key, occurred_at, recorded_at, lot_id, explanation)
			  SELECT movement_id, account_id, kind, available, pending, reason, 'INTERACTION', source_id, idempotency_key,
			         occurred_at, :now, lot_id, explanation::jsonb
			  FROM i WHERE lot_id IS NOT NULL
			), bought AS (
			  INSERT INTO loyalty_purchase (account_id, interaction_id, lot_id, total, points_earned, occurred_at)
			  SELECT account_id, interaction_id, lot_id, total, points, occurred_at FROM i WHERE interaction_id IS NOT NULL
			), first AS (
			  UPDATE loyalty_account a SET first_purchase_at = i.occurred_at FROM i
			  WHERE i.first AND a.id = i.account_id AND a.first_purchase_at IS NULL
			)
			UPDATE loyalty_balance b SET available = b.available + s.available, pending = b.pending + s.pending,
			  updated_at = :now
			FROM (SELECT account_id, SUM(available)::bigint AS available, SUM(pending)::bigint AS pending
			      FROM i GROUP BY account_id) s
			WHERE b.account_id = s.account_id AND b.account_id = ANY(CAST(:account AS uuid[]))
			""";

	/**
	 * {@link #consumeOldestFirst} for several accounts in one statement.
	 */
	void consumeOldestFirst(java.util.Collection<UUID> accountIds) {
		if (accountIds.isEmpty()) {
			return;
		}
		this.jdbc.sql(CONSUME.formatted("l.account_id = ANY(CAST(:accounts AS uuid[]))"))
			.param("accounts", accountIds.toArray(UUID[]::new))
			.update();
	}

	/** Opens a lot of points; PENDING until {@code availableAt}, or AVAILABLE at once. */
	UUID openLot(UUID accountId, boolean pending, long points, Instant earnedAt, Instant availableAt,
			Instant expiresAt) {
		UUID id = Ids.next(this.clock);
		// only for an account with its balance row (ADR 0065)
		found(this.jdbc
			.sql("INSERT INTO loyalty_lot (id, account_id, status, points, remaining, earned_at, available_at, "
					+ "expires_at) SELECT ?, account_id, ?, ?, ?, ?, ?, ? FROM loyalty_balance WHERE account_id = ?")
			.params(id, pending ? "PENDING" : "AVAILABLE", points, points, utc(earnedAt), utc(availableAt),
					utc(expiresAt), accountId)
			.update(), 1, accountId);
		return id;
	}

	record Lot(UUID id, String status, long points, long remaining) {
	}

	Optional<Lot> lot(UUID lotId) {
		return this.jdbc.sql("SELECT id, status, points, remaining FROM loyalty_lot WHERE id = ?")
			.param(lotId)
			.query((rs, n) -> new Lot(rs.getObject("id", UUID.class), rs.getString("status"), rs.getLong("points"),
					rs.getLong("remaining")))
			.optional();
	}

	void reduceLot(UUID lotId, long by) {
		this.jdbc.sql("UPDATE loyalty_lot SET remaining = remaining - ? WHERE id = ?").params(by, lotId).update();
	}

	/**
	 * Takes points off the available lots of the account, oldest first, until what
	 * remains in them equals the available balance (or zero when the balance is
	 * negative).
	 */
	void consumeOldestFirst(UUID accountId) {
		this.jdbc.sql(CONSUME.formatted("l.account_id = :account")).param("account", accountId).update();
	}

	/**
	 * The oldest-first consumption as one statement over the accounts the condition
	 * selects (used by the jobs for all touched accounts at once).
	 */
	static final String CONSUME = """
			WITH over AS (
			  SELECT l.account_id, SUM(l.remaining) - GREATEST(b.available, 0) AS excess
			  FROM loyalty_lot l JOIN loyalty_balance b ON b.account_id = l.account_id
			  WHERE l.status = 'AVAILABLE' AND l.remaining > 0 AND %s
			  GROUP BY l.account_id, b.available
			  HAVING SUM(l.remaining) > GREATEST(b.available, 0)
			), ranked AS (
			  SELECT l.id, l.remaining, o.excess,
			         SUM(l.remaining) OVER (PARTITION BY l.account_id ORDER BY l.earned_at, l.id) AS running
			  FROM loyalty_lot l JOIN over o ON o.account_id = l.account_id
			  WHERE l.status = 'AVAILABLE' AND l.remaining > 0
			)
			UPDATE loyalty_lot l SET remaining = LEAST(r.remaining, GREATEST(r.running - r.excess, 0))
			FROM ranked r WHERE l.id = r.id AND r.running - r.remaining < r.excess
			""";

	@Transactional(propagation = Propagation.SUPPORTS)
	List<Movement> page(UUID accountId, int page, int size) {
		return this.jdbc
			.sql("SELECT " + MOVEMENT_COLUMNS + " FROM loyalty_movement WHERE account_id = ? "
					+ "ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(accountId, size, (long) page * size)
			.query(Ledger::movement)
			.list();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	long count(UUID accountId) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_movement WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	/**
	 * The member's statement of a period (ADR 0087): the sum of the movements dated
	 * before {@code from}, the period's totals by kind and its first
	 * {@link Statement#LISTED} movements, oldest first. The caller gives the snapshot.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Statement statement(Account account, LoyaltyProgramme programme, Instant from, Instant to) {
		OffsetDateTime start = (from == null) ? null : from.atOffset(ZoneOffset.UTC);
		OffsetDateTime end = (to == null) ? null : to.atOffset(ZoneOffset.UTC);
		Balance opening = (start == null) ? new Balance(0, 0)
				: this.jdbc
					.sql("SELECT COALESCE(SUM(available_delta), 0) AS a, COALESCE(SUM(pending_delta), 0) AS p "
							+ "FROM loyalty_movement WHERE account_id = ? AND occurred_at < ?")
					.params(account.id(), start)
					.query((rs, n) -> new Balance(rs.getLong("a"), rs.getLong("p")))
					.single();
		String period = " WHERE account_id = :account AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)"
				+ " AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)";
		List<Statement.KindTotal> totals = this.jdbc
			.sql("SELECT kind, count(*) AS n, SUM(available_delta) AS a, SUM(pending_delta) AS p FROM loyalty_movement"
					+ period + " GROUP BY kind ORDER BY kind")
			.param("account", account.id())
			.param("from", start)
			.param("to", end)
			.query((rs, n) -> new Statement.KindTotal(MovementKind.valueOf(rs.getString("kind")), rs.getLong("n"),
					rs.getLong("a"), rs.getLong("p")))
			.list();
		List<Movement> movements = this.jdbc
			.sql("SELECT " + MOVEMENT_COLUMNS + " FROM loyalty_movement" + period + " ORDER BY occurred_at, id LIMIT "
					+ (Statement.LISTED + 1))
			.param("account", account.id())
			.param("from", start)
			.param("to", end)
			.query(Ledger::movement)
			.list();
		boolean complete = movements.size() <= Statement.LISTED;
		long available = opening.available();
		long pending = opening.pending();
		for (Statement.KindTotal t : totals) {
			available += t.available();
			pending += t.pending();
		}
		return new Statement(account.id(), programme.code(), programme.pointName(), from, to, opening, totals,
				complete ? movements : movements.subList(0, Statement.LISTED), complete,
				new Balance(available, pending));
	}

	/** The balance recomputed from the ledger alone (what the balance row must equal). */
	@Transactional(propagation = Propagation.SUPPORTS)
	Balance sumOfLedger(UUID accountId) {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(available_delta), 0) AS a, COALESCE(SUM(pending_delta), 0) AS p "
					+ "FROM loyalty_movement WHERE account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Balance(rs.getLong("a"), rs.getLong("p")))
			.single();
	}

	static Movement movement(ResultSet rs, int n) throws SQLException {
		return new Movement(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				MovementKind.valueOf(rs.getString("kind")), rs.getLong("available_delta"), rs.getLong("pending_delta"),
				rs.getString("reason"), rs.getString("source_type"), rs.getString("source_id"),
				rs.getString("idempotency_key"), ProgrammeStore.instant(rs, "occurred_at"),
				ProgrammeStore.instant(rs, "recorded_at"), rs.getString("explanation"));
	}

}
