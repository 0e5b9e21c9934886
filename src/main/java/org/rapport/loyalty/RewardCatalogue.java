package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * The reward catalogue of the programmes, and the stock, which is taken and given back
 * with one conditional statement each so that concurrent redemptions never take more than
 * there is.
 */
@Repository
class RewardCatalogue {

	private static final String COLUMNS = "r.id, p.code AS programme_code, r.name, r.description, r.cost_points, "
			+ "r.stock, r.valid_from, r.valid_to, r.limit_count, r.limit_period, r.voucher_valid_days, r.active, "
			+ "r.updated_at";

	private static final String FROM = " FROM loyalty_reward r JOIN loyalty_programme p ON p.id = r.programme_id ";

	private final JdbcClient jdbc;

	private final Clock clock;

	RewardCatalogue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Reward create(LoyaltyProgramme programme, NewReward r) {
		UUID id = Ids.next(this.clock);
		Instant now = this.clock.instant();
		try {
			this.jdbc.sql("""
					INSERT INTO loyalty_reward (id, programme_id, name, description, cost_points, stock, valid_from,
					  valid_to, limit_count, limit_period, voucher_valid_days, active, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(id, programme.id(), r.name().strip(), description(r), r.costPoints(), r.stock(),
						utc(r.validFrom()), utc(r.validTo()), r.limitCount(), r.period().name(), r.voucherDays(),
						r.isActive(), utc(now), utc(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("reward-exists",
					Text.of("loyalty.reward.exists", "The programme already has a reward named {0}", r.name()));
		}
		return byId(id).orElseThrow();
	}

	Reward change(Reward existing, NewReward r) {
		try {
			this.jdbc
				.sql("""
						UPDATE loyalty_reward SET name = ?, description = ?, cost_points = ?, stock = ?, valid_from = ?,
						  valid_to = ?, limit_count = ?, limit_period = ?, voucher_valid_days = ?, active = ?, updated_at = ?
						WHERE id = ?
						""")
				.params(r.name().strip(), description(r), r.costPoints(), r.stock(), utc(r.validFrom()),
						utc(r.validTo()), r.limitCount(), r.period().name(), r.voucherDays(), r.isActive(),
						utc(this.clock.instant()), existing.id())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("reward-exists",
					Text.of("loyalty.reward.exists", "The programme already has a reward named {0}", r.name()));
		}
		return byId(existing.id()).orElseThrow();
	}

	Optional<Reward> byId(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE r.id = ?")
			.param(id)
			.query(RewardCatalogue::reward)
			.optional();
	}

	/** The programme's rewards by name; only those offered at {@code at} when given. */
	List<Reward> of(UUID programmeId, Instant at) {
		String offered = (at == null) ? "" : "AND r.active AND (r.valid_from IS NULL OR r.valid_from <= :at) "
				+ "AND (r.valid_to IS NULL OR r.valid_to > :at) ";
		var sql = this.jdbc
			.sql("SELECT " + COLUMNS + FROM + "WHERE r.programme_id = :programme " + offered
					+ "ORDER BY r.cost_points, r.name")
			.param("programme", programmeId);
		if (at != null) {
			sql = sql.param("at", utc(at));
		}
		return sql.query(RewardCatalogue::reward).list();
	}

	/**
	 * Takes one from a limited stock; false when none is left. The row stays locked until
	 * the transaction ends, so a concurrent redemption waits and sees the new stock.
	 */
	boolean takeOne(UUID rewardId) {
		return this.jdbc.sql("UPDATE loyalty_reward SET stock = stock - 1 WHERE id = ? AND stock > 0 RETURNING stock")
			.param(rewardId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** Gives one back to a limited stock (a cancelled redemption). */
	void giveBack(UUID rewardId) {
		this.jdbc.sql("UPDATE loyalty_reward SET stock = stock + 1 WHERE id = ? AND stock IS NOT NULL")
			.param(rewardId)
			.update();
	}

	private static String description(NewReward r) {
		return (r.description() == null) ? "" : r.description().strip();
	}

	static Reward reward(ResultSet rs, int n) throws SQLException {
		return new Reward(rs.getObject("id", UUID.class), rs.getString("programme_code"), rs.getString("name"),
				rs.getString("description"), rs.getLong("cost_points"), rs.getObject("stock", Integer.class),
				instant(rs, "valid_from"), instant(rs, "valid_to"), rs.getObject("limit_count", Integer.class),
				Reward.LimitPeriod.valueOf(rs.getString("limit_period")), rs.getInt("voucher_valid_days"),
				rs.getBoolean("active"), instant(rs, "updated_at"));
	}

}
