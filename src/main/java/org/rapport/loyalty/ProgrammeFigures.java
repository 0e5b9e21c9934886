package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.rapport.platform.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Programme figures per month, in one query over a generated series of months. Members
 * who merged into another account are not counted; customers are those of the customer
 * module not merged into another one, read from its table (a read-only reporting join).
 */
@Service
public class ProgrammeFigures {

	static final int MAX_MONTHS = 120;

	private static final String SQL = """
			WITH months AS (
			  SELECT gs AS month, gs AT TIME ZONE 'UTC' AS s, (gs + interval '1 month') AT TIME ZONE 'UTC' AS e
			  FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 month') gs
			), acc AS (
			  SELECT id, enrolled_at, status FROM loyalty_account WHERE programme_id = :programme
			), mv AS (
			  SELECT date_trunc('month', m.occurred_at AT TIME ZONE 'UTC') AS month,
			         COALESCE(SUM(m.available_delta + m.pending_delta) FILTER (
			           WHERE m.kind IN ('EARN', 'PENDING', 'REVERSE') OR (m.kind = 'ADJUST' AND m.available_delta > 0)), 0)
			           AS issued,
			         COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind IN ('REDEEM', 'CANCEL')), 0) AS redeemed,
			         COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind = 'EXPIRE'), 0) AS expired,
			         SUM(m.available_delta + m.pending_delta) AS net
			  FROM loyalty_movement m JOIN acc ON acc.id = m.account_id
			  WHERE m.occurred_at < (SELECT max(e) FROM months)
			  GROUP BY 1
			)
			SELECT to_char(mo.month, 'YYYY-MM') AS month,
			  (SELECT count(*) FROM acc WHERE acc.enrolled_at < mo.e AND acc.status <> 'MERGED') AS members,
			  (SELECT count(*) FROM customer c WHERE c.created_at < mo.e AND c.status <> 'MERGED') AS customers,
			  (SELECT count(*) FROM acc WHERE acc.status <> 'MERGED' AND (
			     EXISTS (SELECT 1 FROM loyalty_movement m WHERE m.account_id = acc.id
			             AND m.kind NOT IN ('ACTIVATE', 'EXPIRE') AND m.occurred_at >= mo.s AND m.occurred_at < mo.e)
			     OR EXISTS (SELECT 1 FROM loyalty_purchase lp WHERE lp.account_id = acc.id
			             AND lp.occurred_at >= mo.s AND lp.occurred_at < mo.e))) AS active,
			  COALESCE((SELECT issued FROM mv WHERE mv.month = mo.month), 0) AS issued,
			  COALESCE((SELECT redeemed FROM mv WHERE mv.month = mo.month), 0) AS redeemed,
			  COALESCE((SELECT expired FROM mv WHERE mv.month = mo.month), 0) AS expired,
			  COALESCE((SELECT SUM(net) FROM mv WHERE mv.month <= mo.month), 0) AS outstanding,
			  COALESCE((SELECT SUM(issued) FROM mv WHERE mv.month <= mo.month), 0) AS issued_to_date,
			  COALESCE((SELECT SUM(redeemed) FROM mv WHERE mv.month <= mo.month), 0) AS redeemed_to_date
			FROM months mo ORDER BY mo.month
			""";

	private final JdbcClient jdbc;

	private final ProgrammeStore programmes;

	private final Clock clock;

	ProgrammeFigures(JdbcClient jdbc, ProgrammeStore programmes, Clock clock) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.clock = clock;
	}

	/**
	 * The months from {@code from} to {@code to} (both included; defaults: the last
	 * twelve months up to the current one).
	 */
	@Transactional(readOnly = true)
	public List<MonthFigures> monthly(String programmeCode, YearMonth from, YearMonth to) {
		LoyaltyProgramme programme = this.programmes.byCode(programmeCode)
			.orElseThrow(() -> ApiException.notFound("Programme", programmeCode));
		YearMonth last = (to != null) ? to : YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		YearMonth first = (from != null) ? from : last.minusMonths(11);
		if (first.isAfter(last)) {
			throw ApiException.invalid("from", "must not be after to");
		}
		if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
			throw ApiException.invalid("to", "at most " + MAX_MONTHS + " months at once");
		}
		return this.jdbc.sql(SQL)
			.param("from", first.atDay(1).atStartOfDay())
			.param("to", last.atDay(1).atStartOfDay())
			.param("programme", programme.id())
			.query((rs, n) -> {
				long members = rs.getLong("members");
				long customers = rs.getLong("customers");
				long outstanding = rs.getLong("outstanding");
				long issuedToDate = rs.getLong("issued_to_date");
				return new MonthFigures(rs.getString("month"), members, customers, ratio(members, customers),
						rs.getLong("active"), rs.getLong("issued"), rs.getLong("redeemed"), rs.getLong("expired"),
						outstanding, programme.valueOf(outstanding), programme.currency(),
						ratio(rs.getLong("redeemed_to_date"), issuedToDate));
			})
			.list();
	}

	static BigDecimal ratio(long part, long whole) {
		return (whole <= 0) ? null
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

}
