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

	/**
	 * What the movements and purchases dated within a filter on {@code occurred_at}
	 * ({@code %1$s}) came to per programme (or for one, {@code %2$s}) and month; active
	 * members had a movement of their own (not an activation, expiry or transfer) or a
	 * purchase in the month.
	 */
	private static final String SUMS = """
			WITH mv AS (
			  SELECT a.programme_id, CAST(date_trunc('month', m.occurred_at AT TIME ZONE 'UTC') AS date) AS month,
			    COALESCE(SUM(m.available_delta + m.pending_delta) FILTER (
			      WHERE m.kind IN ('EARN', 'PENDING', 'REVERSE') OR (m.kind = 'ADJUST' AND m.available_delta > 0)), 0)
			      AS issued,
			    COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind IN ('REDEEM', 'CANCEL')), 0) AS redeemed,
			    COALESCE(-SUM(m.available_delta) FILTER (WHERE m.kind = 'EXPIRE'), 0) AS expired,
			    SUM(m.available_delta + m.pending_delta) AS net
			  FROM (SELECT * FROM loyalty_movement WHERE %1$s) m JOIN loyalty_account a ON a.id = m.account_id
			  WHERE true%2$s
			  GROUP BY 1, 2
			), act AS (
			  SELECT a.programme_id, x.month, count(*) AS active
			  FROM (SELECT account_id, CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date) AS month
			        FROM loyalty_movement WHERE %1$s AND kind NOT IN ('ACTIVATE', 'EXPIRE', 'TRANSFER')
			        UNION
			        SELECT account_id, CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)
			        FROM loyalty_purchase WHERE %1$s) x
			  JOIN loyalty_account a ON a.id = x.account_id
			  WHERE true%2$s
			  GROUP BY 1, 2
			)
			SELECT COALESCE(mv.programme_id, act.programme_id) AS programme_id,
			  COALESCE(mv.month, act.month) AS month, COALESCE(mv.issued, 0) AS issued,
			  COALESCE(mv.redeemed, 0) AS redeemed, COALESCE(mv.expired, 0) AS expired,
			  COALESCE(mv.net, 0) AS net, COALESCE(act.active, 0) AS active
			FROM mv FULL JOIN act ON act.programme_id = mv.programme_id AND act.month = mv.month
			""";

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
			counted = fill(null, start(current), null);
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
				fill(months.first(), start(months.last().plusMonths(1)), dates);
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
	 * Counts the months of the movements and purchases dated before {@code until} (and
	 * from {@code from}, in the listed months only, when given) into the roll-up, in one
	 * statement: the months it wrote.
	 */
	private List<YearMonth> fill(YearMonth from, OffsetDateTime until, String[] months) {
		return statement("INSERT INTO loyalty_figures_month (programme_id, month, issued, redeemed, expired, net, "
				+ "active) " + SUMS.formatted(filter(from, months), "") + " RETURNING month", from, until, months)
			.query((rs, n) -> YearMonth.from(rs.getObject("month", LocalDate.class)))
			.list()
			.stream()
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * A programme's months from {@code from} to before {@code until}, from the ledger.
	 */
	Map<YearMonth, Sums> live(UUID programmeId, YearMonth from, YearMonth until) {
		Map<YearMonth, Sums> result = new HashMap<>();
		statement(SUMS.formatted(filter(from, null), " AND a.programme_id = :programme"), from, start(until), null)
			.param("programme", programmeId)
			.query((rs) -> {
				result.put(YearMonth.from(rs.getObject("month", LocalDate.class)), sums(rs));
			});
		return result;
	}

	private static String filter(YearMonth from, String[] months) {
		StringBuilder where = new StringBuilder("occurred_at < :until");
		if (from != null) {
			where.append(" AND occurred_at >= :from");
		}
		if (months != null) {
			where.append(" AND CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)"
					+ " = ANY (CAST(:months AS date[]))");
		}
		return where.toString();
	}

	private JdbcClient.StatementSpec statement(String sql, YearMonth from, OffsetDateTime until, String[] months) {
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param("until", until);
		if (from != null) {
			statement = statement.param("from", start(from));
		}
		if (months != null) {
			statement = statement.param("months", months);
		}
		return statement;
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
