package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * The members of a programme who will lose points to expiry within a number of days, most
 * points first: the points of their open lots (not expired, something left) whose expiry
 * date is on or before the horizon, so staff can remind them before the points go. One
 * aggregate over the programme's open lots; no index names the lots' expiry (the nightly
 * jobs keep their lot updates on the page, ADR 0062), so at a million members it reads
 * the lots table once.
 */
@Component
@Transactional(readOnly = true)
class PointsAboutToExpire {

	/** The farthest horizon, in days. */
	static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	PointsAboutToExpire(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many members lose how many points by the horizon, over the same lots as the
	 * list.
	 */
	ExpiringTotal total(LoyaltyProgramme programme, Instant asOf, int withinDays) {
		return this.jdbc
			.sql("SELECT count(DISTINCT l.account_id) AS members, COALESCE(sum(l.remaining), 0) AS points " + DUE)
			.param("p", programme.id())
			.param("horizon", utc(horizon(asOf, withinDays)))
			.query((rs, n) -> new ExpiringTotal(Math.max(0, Math.min(withinDays, MAX_DAYS)), rs.getLong("members"),
					rs.getLong("points"), programme.valueOf(rs.getLong("points")), programme.currency()))
			.single();
	}

	/** The open lots of the programme's active members that expire by the horizon. */
	private static final String DUE = """
			FROM loyalty_lot l JOIN loyalty_account a ON a.id = l.account_id
			WHERE a.programme_id = :p AND a.status = 'ACTIVE' AND l.remaining > 0
			  AND l.status <> 'EXPIRED' AND l.expires_at <= :horizon
			""";

	private static final String LIST = """
			SELECT e.account_id, a.customer_id, e.points, e.first_at, COALESCE(b.available, 0) AS available,
			       COALESCE(f.revenue, 0) AS revenue
			FROM (SELECT l.account_id, sum(l.remaining) AS points, min(l.expires_at) AS first_at
			      %s
			      GROUP BY l.account_id) e
			JOIN loyalty_account a ON a.id = e.account_id
			LEFT JOIN loyalty_balance b ON b.account_id = e.account_id
			LEFT JOIN customer_figures f ON f.customer_id = a.customer_id
			ORDER BY e.points DESC, revenue DESC, e.account_id
			""".formatted(DUE);

	List<ExpiringPoints> list(LoyaltyProgramme programme, Instant asOf, int withinDays, int limit) {
		return this.jdbc.sql(LIST + "LIMIT :limit")
			.param("p", programme.id())
			.param("horizon", utc(horizon(asOf, withinDays)))
			.param("limit", Math.max(1, Math.min(limit, 1000)))
			.query((rs, n) -> row(programme, rs))
			.list();
	}

	/** Every member of the list, in its order, one at a time (the export). */
	void each(LoyaltyProgramme programme, Instant asOf, int withinDays, Consumer<ExpiringPoints> sink) {
		this.jdbc.sql(LIST)
			.param("p", programme.id())
			.param("horizon", utc(horizon(asOf, withinDays)))
			.query((RowCallbackHandler) (rs) -> sink.accept(row(programme, rs)));
	}

	private static Instant horizon(Instant asOf, int withinDays) {
		return asOf.plus(Duration.ofDays(Math.max(0, Math.min(withinDays, MAX_DAYS))));
	}

	private static ExpiringPoints row(LoyaltyProgramme programme, ResultSet rs) throws SQLException {
		long points = rs.getLong("points");
		return new ExpiringPoints(rs.getObject("account_id", UUID.class), rs.getObject("customer_id", UUID.class),
				points, ProgrammeStore.instant(rs, "first_at"), programme.valueOf(points), rs.getLong("available"),
				rs.getBigDecimal("revenue"));
	}

}
