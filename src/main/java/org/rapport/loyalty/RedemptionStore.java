package org.rapport.loyalty;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * Redemptions with their vouchers (by the hash of the code). A voucher changes state with
 * one conditional UPDATE, so it is consumed or cancelled once, whatever runs
 * concurrently.
 */
@Repository
class RedemptionStore {

	private static final String SELECT = """
			SELECT d.id, d.account_id, p.code AS programme_code, d.reward_id, r.name AS reward_name, d.points, d.value,
			       d.currency, d.status, d.voucher_hint, d.redeemed_at, d.expires_at, d.consumed_at, d.cancelled_at,
			       d.consume_key, d.movement_id, d.cancel_reason, d.cancelled_by
			FROM loyalty_redemption d JOIN loyalty_programme p ON p.id = d.programme_id
			LEFT JOIN loyalty_reward r ON r.id = d.reward_id
			""";

	private final JdbcClient jdbc;

	RedemptionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored redemption, with what the store keeps beside the public view. */
	record Row(Redemption redemption, String consumeKey, UUID movementId) {
	}

	record NewRow(UUID id, Account account, UUID rewardId, long points, BigDecimal value, String currency,
			UUID movementId, String key, VoucherCode code, Instant at, Instant expiresAt) {
	}

	void insert(NewRow r) {
		this.jdbc.sql("""
				INSERT INTO loyalty_redemption (id, account_id, programme_id, reward_id, points, value, currency,
				  movement_id, idempotency_key, voucher_hash, voucher_hint, status, redeemed_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?)
				""")
			.params(r.id(), r.account().id(), r.account().programmeId(), r.rewardId(), r.points(), r.value(),
					r.currency(), r.movementId(), r.key(), r.code().hash(), r.code().hint(), utc(r.at()),
					utc(r.expiresAt()))
			.update();
	}

	Optional<Row> byId(UUID id) {
		return this.jdbc.sql(SELECT + "WHERE d.id = ?").param(id).query(RedemptionStore::row).optional();
	}

	Optional<Row> byKey(UUID accountId, String key) {
		return this.jdbc.sql(SELECT + "WHERE d.account_id = ? AND d.idempotency_key = ?")
			.params(accountId, key)
			.query(RedemptionStore::row)
			.optional();
	}

	Optional<Row> byCode(VoucherCode code) {
		return this.jdbc.sql(SELECT + "WHERE d.voucher_hash = ?")
			.param(code.hash())
			.query(RedemptionStore::row)
			.optional();
	}

	List<Redemption> ofAccount(UUID accountId, int limit) {
		return this.jdbc.sql(SELECT + "WHERE d.account_id = ? ORDER BY d.redeemed_at DESC, d.id DESC LIMIT ?")
			.params(accountId, limit)
			.query(RedemptionStore::row)
			.list()
			.stream()
			.map(Row::redemption)
			.toList();
	}

	/**
	 * The member's vouchers that can still be used at {@code at} (issued, not used, not
	 * cancelled, not past their end), soonest to expire first; read through the index of
	 * issued vouchers (V6_14), however many redemptions the member has.
	 */
	List<Redemption> openOf(UUID accountId, Instant at) {
		return this.jdbc
			.sql(SELECT + "WHERE d.account_id = ? AND d.status = 'ISSUED' AND d.expires_at > ? "
					+ "ORDER BY d.expires_at, d.id")
			.params(accountId, utc(at))
			.query(RedemptionStore::row)
			.list()
			.stream()
			.map(Row::redemption)
			.toList();
	}

	/**
	 * Redemptions of the reward by the member that count against its limit (not
	 * cancelled) since {@code since} (null: ever).
	 */
	long countSince(UUID rewardId, UUID accountId, Instant since) {
		return this.jdbc
			.sql("SELECT count(*) FROM loyalty_redemption WHERE reward_id = ? AND account_id = ? "
					+ "AND status <> 'CANCELLED' AND redeemed_at >= COALESCE(?, '-infinity'::timestamptz)")
			.params(rewardId, accountId, utc(since))
			.query(Long.class)
			.single();
	}

	/**
	 * The uptake of each reward of the programme that has redemptions, as of {@code at}
	 * (a voucher issued and past its end counts as expired unused).
	 */
	List<RewardUptake> uptake(UUID programmeId, Instant at) {
		return this.jdbc.sql("""
				SELECT d.reward_id,
				       count(*) FILTER (WHERE d.status <> 'CANCELLED') AS redeemed,
				       COALESCE(sum(d.points) FILTER (WHERE d.status <> 'CANCELLED'), 0) AS points,
				       count(DISTINCT d.account_id) FILTER (WHERE d.status <> 'CANCELLED') AS members,
				       count(*) FILTER (WHERE d.status = 'CONSUMED') AS used,
				       count(*) FILTER (WHERE d.status = 'ISSUED' AND d.expires_at > :at) AS open,
				       count(*) FILTER (WHERE d.status = 'ISSUED' AND d.expires_at <= :at) AS expired,
				       count(*) FILTER (WHERE d.status = 'CANCELLED') AS cancelled
				FROM loyalty_redemption d
				WHERE d.programme_id = :programme AND d.reward_id IS NOT NULL
				GROUP BY d.reward_id
				""")
			.param("programme", programmeId)
			.param("at", utc(at))
			.query((rs, n) -> new RewardUptake(rs.getObject("reward_id", UUID.class), rs.getLong("redeemed"),
					rs.getLong("points"), rs.getLong("members"), rs.getLong("used"), rs.getLong("open"),
					rs.getLong("expired"), rs.getLong("cancelled")))
			.list();
	}

	/** Consumes an issued, unexpired voucher; false when it was not in that state. */
	boolean consume(VoucherCode code, Instant at, String by, String key) {
		return this.jdbc
			.sql("UPDATE loyalty_redemption SET status = 'CONSUMED', consumed_at = ?, consumed_by = ?, consume_key = ? "
					+ "WHERE voucher_hash = ? AND status = 'ISSUED' AND expires_at > ?")
			.params(utc(at), by, key, code.hash(), utc(at))
			.update() == 1;
	}

	/**
	 * Consumes the issued, unexpired voucher of a redemption; false when it was not in
	 * that state.
	 */
	boolean consume(UUID id, Instant at, String by, String key) {
		return this.jdbc
			.sql("UPDATE loyalty_redemption SET status = 'CONSUMED', consumed_at = ?, consumed_by = ?, consume_key = ? "
					+ "WHERE id = ? AND status = 'ISSUED' AND expires_at > ?")
			.params(utc(at), by, key, id, utc(at))
			.update() == 1;
	}

	/**
	 * Cancels an issued voucher; false when it was not issued (consumed or cancelled).
	 */
	boolean cancel(UUID id, Instant at, String reason, String by) {
		return this.jdbc
			.sql("UPDATE loyalty_redemption SET status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?, "
					+ "cancelled_by = ? WHERE id = ? AND status = 'ISSUED'")
			.params(utc(at), reason, by, id)
			.update() == 1;
	}

	void cancelMovement(UUID id, UUID movementId) {
		this.jdbc.sql("UPDATE loyalty_redemption SET cancel_movement_id = ? WHERE id = ?")
			.params(movementId, id)
			.update();
	}

	/**
	 * A new code for an issued voucher that has not expired at {@code at}; the old one
	 * stops working.
	 */
	boolean replaceCode(UUID id, VoucherCode code, Instant at) {
		return this.jdbc
			.sql("UPDATE loyalty_redemption SET voucher_hash = ?, voucher_hint = ? "
					+ "WHERE id = ? AND status = 'ISSUED' AND expires_at > ?")
			.params(code.hash(), code.hint(), id, utc(at))
			.update() == 1;
	}

	/**
	 * Puts points back into the account's available lots as if the spending they undo had
	 * not happened: the most recently consumed points first, i.e. from the newest lot
	 * with room towards the oldest, each up to its points (less what returns took from
	 * it), so the lots stay consumed oldest first. Answers the points put back; what
	 * finds no room (its lots expired meanwhile) is for the caller. What returns took is
	 * read from the account's own purchase rows (a lot and its purchase row always share
	 * their account, also after a merge or a migration), through their key: asked by lot
	 * alone it was a scan of every purchase row of every member, once per lot.
	 */
	long refillLots(UUID accountId, long points) {
		return this.jdbc.sql("""
				WITH reversed AS (
				  SELECT lot_id, SUM(points_reversed) AS points FROM loyalty_purchase
				  WHERE account_id = :account AND lot_id IS NOT NULL GROUP BY lot_id
				), room AS (
				  SELECT l.id, l.earned_at, l.points - l.remaining - COALESCE(r.points, 0) AS room
				  FROM loyalty_lot l LEFT JOIN reversed r ON r.lot_id = l.id
				  WHERE l.account_id = :account AND l.status = 'AVAILABLE'
				), ranked AS (
				  SELECT id, room, SUM(room) OVER (ORDER BY earned_at DESC, id DESC) AS running
				  FROM room WHERE room > 0
				)
				UPDATE loyalty_lot l SET remaining = l.remaining + LEAST(r.room, :points - (r.running - r.room))
				FROM ranked r WHERE l.id = r.id AND r.running - r.room < :points
				RETURNING LEAST(r.room, :points - (r.running - r.room))
				""")
			.param("account", accountId)
			.param("points", points)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
	}

	static Row row(ResultSet rs, int n) throws SQLException {
		Redemption r = new Redemption(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("programme_code"), rs.getObject("reward_id", UUID.class), rs.getString("reward_name"),
				rs.getLong("points"), rs.getBigDecimal("value"), rs.getString("currency"), rs.getString("status"), null,
				rs.getString("voucher_hint"), instant(rs, "redeemed_at"), instant(rs, "expires_at"),
				instant(rs, "consumed_at"), instant(rs, "cancelled_at"), rs.getString("cancel_reason"),
				rs.getString("cancelled_by"));
		return new Row(r, rs.getString("consume_key"), rs.getObject("movement_id", UUID.class));
	}

}
