package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Programme figures per month (ADR 0061): the closed months from the roll-up that
 * {@link FiguresRollUp} keeps, brought up to date before each read, and the current month
 * (and any later one) from the ledger; the cumulative figures add the months up. Members
 * are counted at each month's end among the programme's accounts not merged into another
 * one; customers are those of the customer module not merged into another one, read from
 * its table (a read-only reporting join).
 */
@Service
public class ProgrammeFigures {

	static final int MAX_MONTHS = 120;

	private final JdbcClient jdbc;

	private final ProgrammeStore programmes;

	private final FiguresRollUp rollUp;

	private final TransactionTemplate readOnly;

	private final Clock clock;

	ProgrammeFigures(JdbcClient jdbc, ProgrammeStore programmes, FiguresRollUp rollUp,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.rollUp = rollUp;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.clock = clock;
	}

	/**
	 * The months from {@code from} to {@code to} (both included; defaults: the last
	 * twelve months up to the current one).
	 */
	public List<MonthFigures> monthly(String programmeCode, YearMonth from, YearMonth to) {
		LoyaltyProgramme programme = this.programmes.byCode(programmeCode)
			.orElseThrow(() -> NotFound
				.of(Text.of("loyalty.programme.not-found", "Programme {0} does not exist", programmeCode)));
		YearMonth last = (to != null) ? to : YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		YearMonth first = (from != null) ? from : last.minusMonths(11);
		if (first.isAfter(last)) {
			throw ApiException.invalid("from", Text.of("loyalty.figures.from-after-to", "must not be after to"));
		}
		if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
			throw ApiException.invalid("to",
					Text.of("loyalty.figures.months", "at most {0} months at once", String.valueOf(MAX_MONTHS)));
		}
		YearMonth open = this.rollUp.refresh().openFrom();
		return this.readOnly.execute((status) -> {
			YearMonth until = last.plusMonths(1);
			Map<YearMonth, FiguresRollUp.Sums> sums = new HashMap<>(
					this.rollUp.closed(programme.id(), open.isBefore(until) ? open : until));
			if (open.isBefore(until)) {
				sums.putAll(this.rollUp.live(programme.id(), open, until));
			}
			Map<YearMonth, Long> members = perMonth("""
					SELECT CAST(date_trunc('month', enrolled_at AT TIME ZONE 'UTC') AS date) AS month, count(*) AS n
					FROM loyalty_account WHERE programme_id = :programme AND status <> 'MERGED' AND enrolled_at < :until
					GROUP BY 1
					""", programme.id(), until);
			Map<YearMonth, Long> customers = perMonth("""
					SELECT CAST(date_trunc('month', created_at AT TIME ZONE 'UTC') AS date) AS month, count(*) AS n
					FROM customer WHERE status <> 'MERGED' AND created_at < :until GROUP BY 1
					""", null, until);
			return assemble(programme, first, last, sums, members, customers);
		});
	}

	/**
	 * Brings the roll-up of the closed months up to date (the nightly jobs do, so that
	 * the day's first read does not): what it counted.
	 */
	public String refresh() {
		FiguresRollUp.Refresh refresh = this.rollUp.refresh();
		return (refresh.full() ? "every closed month counted again" : "months counted " + refresh.counted())
				+ ", open from " + refresh.openFrom();
	}

	private Map<YearMonth, Long> perMonth(String sql, UUID programmeId, YearMonth until) {
		var statement = this.jdbc.sql(sql).param("until", until.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		if (programmeId != null) {
			statement = statement.param("programme", programmeId);
		}
		Map<YearMonth, Long> result = new HashMap<>();
		statement.query((rs) -> {
			result.put(YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getLong("n"));
		});
		return result;
	}

	/**
	 * The figures of the months from {@code first} to {@code last} out of the sums of
	 * every month up to {@code last} (earlier months too, for the cumulative figures),
	 * the members enrolled and the customers created per month.
	 */
	static List<MonthFigures> assemble(LoyaltyProgramme programme, YearMonth first, YearMonth last,
			Map<YearMonth, FiguresRollUp.Sums> sums, Map<YearMonth, Long> enrolled, Map<YearMonth, Long> created) {
		long members = before(enrolled, first);
		long customers = before(created, first);
		long outstanding = 0;
		long issuedToDate = 0;
		long redeemedToDate = 0;
		for (Map.Entry<YearMonth, FiguresRollUp.Sums> e : sums.entrySet()) {
			if (e.getKey().isBefore(first)) {
				outstanding += e.getValue().net();
				issuedToDate += e.getValue().issued();
				redeemedToDate += e.getValue().redeemed();
			}
		}
		List<MonthFigures> result = new ArrayList<>();
		for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
			FiguresRollUp.Sums s = sums.getOrDefault(m, FiguresRollUp.Sums.NONE);
			members += enrolled.getOrDefault(m, 0L);
			customers += created.getOrDefault(m, 0L);
			outstanding += s.net();
			issuedToDate += s.issued();
			redeemedToDate += s.redeemed();
			result.add(new MonthFigures(m.toString(), members, customers, ratio(members, customers), s.active(),
					s.issued(), s.redeemed(), s.expired(), outstanding, programme.valueOf(outstanding),
					programme.currency(), ratio(redeemedToDate, issuedToDate)));
		}
		return result;
	}

	private static long before(Map<YearMonth, Long> counts, YearMonth month) {
		return counts.entrySet()
			.stream()
			.filter((e) -> e.getKey().isBefore(month))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	static BigDecimal ratio(long part, long whole) {
		return (whole <= 0) ? null
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

}
