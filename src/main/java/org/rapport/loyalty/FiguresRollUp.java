package org.rapport.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every programme's figures of the closed months (before the current UTC month), kept in
 * {@code loyalty_figures_month} so that a read of the figures no longer sums the whole
 * ledger (ADR 0061). A refresh, in its own transaction and one at a time, fills the
 * months that closed since the last one and counts again every closed month that a
 * movement or purchase recorded since then is dated in (a late purchase, an activation
 * dated at its lot's date, an imported history), found by their time-ordered ids. A month
 * is always counted whole from the ledger, so counting it twice changes nothing; that is
 * what lets a refresh look back to before the oldest transaction that was still writing
 * when the last one ran, less {@link #MARGIN}.
 */
@Component
class FiguresRollUp {

	/**
	 * How much earlier than the oldest transaction still writing at a refresh (or the
	 * refresh itself) the next one looks for rows: ids are drawn by the application's
	 * clock, some just before the transaction that writes them begins.
	 */
	static final Duration MARGIN = Duration.ofSeconds(30);

	/** The advisory lock that makes refreshes (and invalidations) one at a time. */
	private static final long LOCK = 0x526170706f727446L;

	private static final String ISSUED = "(m.kind IN ('EARN', 'PENDING', 'REVERSE') "
			+ "OR (m.kind = 'ADJUST' AND m.available_delta > 0))";

	/**
	 * Movements that are not the member's own doing: they do not make a member active.
	 */
	static final String NOT_ACTIVITY = "('ACTIVATE', 'EXPIRE', 'TRANSFER')";

	/** What the movements and purchases of a programme came to in a month. */
	record Sums(long issued, long redeemed, long expired, long net, long active) {

		static final Sums NONE = new Sums(0, 0, 0, 0, 0);

	}

	/** What a refresh did: the first month not in the roll-up, the months it counted. */
	record Refresh(YearMonth openFrom, List<YearMonth> counted, boolean full) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FiguresRollUp(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Brings the closed months up to date, in a transaction of its own. */
	Refresh refresh() {
		return this.transactions.execute((status) -> refreshInTransaction(false));
	}

	/**
	 * As {@link #refresh()}, and counts the last closed month again whatever was
	 * recorded: a purchase that earned nothing is found by its interaction's id, drawn
	 * when the interaction was recorded, and its earning may come later than the margin
	 * allows (an event delivered again after an outage).
	 */
	Refresh refreshNightly() {
		return this.transactions.execute((status) -> refreshInTransaction(true));
	}

	/** As {@link #refresh()}, in the caller's transaction. */
	Refresh refreshInTransaction(boolean lastClosedMonthToo) {
		lock();
		Instant through = this.jdbc.sql("""
				SELECT LEAST(statement_timestamp(), (SELECT min(xact_start) FROM pg_stat_activity
				  WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid())) AS through
				""").query(OffsetDateTime.class).single().toInstant().minus(MARGIN);
		Instant now = this.clock.instant();
		YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
		Optional<State> state = this.jdbc.sql("SELECT open_from, recorded_through FROM loyalty_figures_state")
			.query((rs, n) -> new State(YearMonth.from(rs.getObject("open_from", LocalDate.class)),
					rs.getObject("recorded_through", OffsetDateTime.class).toInstant()))
			.optional();
		List<YearMonth> counted;
		if (state.isEmpty()) {
			this.jdbc.sql("DELETE FROM loyalty_figures_month").update();
			counted = store(sums(null, null, start(current), null));
		}
		else {
			TreeSet<YearMonth> months = new TreeSet<>();
			for (YearMonth m = state.get().openFrom(); m.isBefore(current); m = m.plusMonths(1)) {
				months.add(m);
			}
			if (lastClosedMonthToo) {
				months.add(current.minusMonths(1));
			}
			UUID since = lowestIdAt(state.get().recordedThrough());
			months.addAll(monthsRecordedSince("loyalty_movement", "id", since, current));
			months.addAll(monthsRecordedSince("loyalty_purchase", "interaction_id", since, current));
			counted = new ArrayList<>(months);
			if (!months.isEmpty()) {
				String[] dates = months.stream().map((m) -> m.atDay(1).toString()).toArray(String[]::new);
				this.jdbc.sql("DELETE FROM loyalty_figures_month WHERE month = ANY (CAST(:months AS date[]))")
					.param("months", dates)
					.update();
				store(sums(null, months.first(), start(months.last().plusMonths(1)), dates));
			}
		}
		this.jdbc.sql("""
				INSERT INTO loyalty_figures_state (singleton, open_from, recorded_through, refreshed_at)
				VALUES (true, :open, :through, :at)
				ON CONFLICT (singleton) DO UPDATE SET open_from = EXCLUDED.open_from,
				  recorded_through = EXCLUDED.recorded_through, refreshed_at = EXCLUDED.refreshed_at
				""")
			.param("open", current.atDay(1))
			.param("through", start(through))
			.param("at", start(this.clock.instant()))
			.update();
		return new Refresh(current, counted, state.isEmpty());
	}

	/**
	 * Forgets the roll-up, in the caller's transaction, so that the next refresh counts
	 * every month again: for changes that move history between programmes (a migration).
	 */
	void invalidate() {
		lock();
		this.jdbc.sql("DELETE FROM loyalty_figures_state").update();
		this.jdbc.sql("DELETE FROM loyalty_figures_month").update();
	}

	/** A programme's closed months before {@code before}, from the roll-up. */
	Map<YearMonth, Sums> closed(UUID programmeId, YearMonth before) {
		Map<YearMonth, Sums> result = new HashMap<>();
		this.jdbc.sql("""
				SELECT month, issued, redeemed, expired, net, active FROM loyalty_figures_month
				WHERE programme_id = :programme AND month < :before
				""").param("programme", programmeId).param("before", before.atDay(1)).query((rs) -> {
			result.put(YearMonth.from(rs.getObject("month", LocalDate.class)), sums(rs));
		});
		return result;
	}

	/**
	 * A programme's months from {@code from} to before {@code until}, from the ledger.
	 */
	Map<YearMonth, Sums> live(UUID programmeId, YearMonth from, YearMonth until) {
		Map<YearMonth, Sums> result = new HashMap<>();
		for (Map.Entry<UUID, Map<YearMonth, Sums>> e : sums(programmeId, from, start(until), null).entrySet()) {
			result.putAll(e.getValue());
		}
		return result;
	}

	private void lock() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query((rs, n) -> 1).list();
	}

	private List<YearMonth> monthsRecordedSince(String table, String idColumn, UUID since, YearMonth current) {
		return this.jdbc
			.sql("SELECT DISTINCT CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date) AS month FROM "
					+ table + " WHERE " + idColumn + " >= :since AND occurred_at < :current")
			.param("since", since)
			.param("current", start(current))
			.query((rs, n) -> YearMonth.from(rs.getObject("month", LocalDate.class)))
			.list();
	}

	/**
	 * The sums per programme (or of one) and month of the movements and purchases dated
	 * from {@code from} (or the first) to before {@code until}, in the listed months only
	 * when {@code months} is given.
	 */
	private Map<UUID, Map<YearMonth, Sums>> sums(UUID programmeId, YearMonth from, OffsetDateTime until,
			String[] months) {
		StringBuilder where = new StringBuilder("occurred_at < :until");
		if (from != null) {
			where.append(" AND occurred_at >= :from");
		}
		if (months != null) {
			where.append(" AND CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)"
					+ " = ANY (CAST(:months AS date[]))");
		}
		String account = (programmeId != null) ? " AND a.programme_id = :programme" : "";
		String movements = where.toString().replace("occurred_at", "m.occurred_at");
		String sql = """
				WITH mv AS (
				  SELECT a.programme_id, CAST(date_trunc('month', m.occurred_at AT TIME ZONE 'UTC') AS date) AS month,
				    COALESCE(SUM(m.available_delta + m.pending_delta) FILTER (WHERE %1$s), 0) AS issued,
				    COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind IN ('REDEEM', 'CANCEL')), 0) AS redeemed,
				    COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind = 'EXPIRE'), 0) AS expired,
				    SUM(m.available_delta + m.pending_delta) AS net
				  FROM loyalty_movement m JOIN loyalty_account a ON a.id = m.account_id
				  WHERE %2$s%3$s
				  GROUP BY 1, 2
				), act AS (
				  SELECT a.programme_id, x.month, count(*) AS active
				  FROM (SELECT account_id, CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date) AS month
				        FROM loyalty_movement WHERE %4$s AND kind NOT IN %5$s
				        UNION
				        SELECT account_id, CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)
				        FROM loyalty_purchase WHERE %4$s) x
				  JOIN loyalty_account a ON a.id = x.account_id
				  WHERE true%3$s
				  GROUP BY 1, 2
				)
				SELECT COALESCE(mv.programme_id, act.programme_id) AS programme_id,
				  COALESCE(mv.month, act.month) AS month, COALESCE(mv.issued, 0) AS issued,
				  COALESCE(mv.redeemed, 0) AS redeemed, COALESCE(mv.expired, 0) AS expired,
				  COALESCE(mv.net, 0) AS net, COALESCE(act.active, 0) AS active
				FROM mv FULL JOIN act ON act.programme_id = mv.programme_id AND act.month = mv.month
				""".formatted(ISSUED, movements, account, where, NOT_ACTIVITY);
		var statement = this.jdbc.sql(sql).param("until", until);
		if (from != null) {
			statement = statement.param("from", start(from));
		}
		if (months != null) {
			statement = statement.param("months", months);
		}
		if (programmeId != null) {
			statement = statement.param("programme", programmeId);
		}
		Map<UUID, Map<YearMonth, Sums>> result = new HashMap<>();
		statement.query((rs) -> {
			result.computeIfAbsent(rs.getObject("programme_id", UUID.class), (p) -> new HashMap<>())
				.put(YearMonth.from(rs.getObject("month", LocalDate.class)), sums(rs));
		});
		return result;
	}

	private List<YearMonth> store(Map<UUID, Map<YearMonth, Sums>> sums) {
		List<Object[]> rows = new ArrayList<>();
		TreeSet<YearMonth> months = new TreeSet<>();
		sums.forEach((programme, byMonth) -> byMonth.forEach((month, s) -> {
			rows.add(new Object[] { programme, month.atDay(1), s.issued(), s.redeemed(), s.expired(), s.net(),
					s.active() });
			months.add(month);
		}));
		if (!rows.isEmpty()) {
			this.jdbc.sql("""
					INSERT INTO loyalty_figures_month (programme_id, month, issued, redeemed, expired, net, active)
					SELECT * FROM unnest(CAST(:p AS uuid[]), CAST(:m AS date[]), CAST(:i AS bigint[]),
					  CAST(:r AS bigint[]), CAST(:e AS bigint[]), CAST(:n AS bigint[]), CAST(:a AS bigint[]))
					""")
				.param("p", column(rows, 0, UUID[]::new))
				.param("m", rows.stream().map((r) -> r[1].toString()).toArray(String[]::new))
				.param("i", column(rows, 2, Long[]::new))
				.param("r", column(rows, 3, Long[]::new))
				.param("e", column(rows, 4, Long[]::new))
				.param("n", column(rows, 5, Long[]::new))
				.param("a", column(rows, 6, Long[]::new))
				.update();
		}
		return new ArrayList<>(months);
	}

	@SuppressWarnings("unchecked")
	private static <T> T[] column(List<Object[]> rows, int index, java.util.function.IntFunction<T[]> array) {
		return rows.stream().map((r) -> (T) r[index]).toArray(array);
	}

	private static Sums sums(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Sums(rs.getLong("issued"), rs.getLong("redeemed"), rs.getLong("expired"), rs.getLong("net"),
				rs.getLong("active"));
	}

	/**
	 * The smallest version 7 id of the instant's millisecond: every id drawn at that
	 * instant or later sorts at or after it (PostgreSQL compares uuids byte by byte).
	 */
	static UUID lowestIdAt(Instant instant) {
		return new UUID(instant.toEpochMilli() << 16, 0L);
	}

	private static OffsetDateTime start(YearMonth month) {
		return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	private static OffsetDateTime start(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record State(YearMonth openFrom, Instant recordedThrough) {
	}

}
