package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * The "next best offer" lists for staff, one statement each over all members: those
 * within a percentage of their next tier's threshold, those who already qualify for a
 * better tier than they hold (an override below their qualification, or not yet
 * re-qualified), and those about to lose the tier they qualified for (below its threshold
 * now, its protection ending within a number of days). Highest revenue first.
 */
@Component
@Transactional(readOnly = true)
class TierOffers {

	/**
	 * Every active member's qualifying value, held tier and the tier that value reaches;
	 * each list is a select over it (ADR 0067: both lists from one pass over the window's
	 * rows, which is all of a list's cost).
	 */
	private static final String MEMBERS = """
			WITH val AS (%s
			), ladder AS (
			  SELECT code, rank, threshold FROM loyalty_tier WHERE programme_id = :p
			), cur AS (
			  SELECT v.*, mt.tier_code, mt.source, mt.qualified_until, COALESCE(ct.rank, 0) AS c_rank,
			         (SELECT max(l.rank) FROM ladder l WHERE l.threshold <= v.value) AS q_rank
			  FROM val v LEFT JOIN loyalty_member_tier mt ON mt.account_id = v.account_id
			  LEFT JOIN ladder ct ON ct.code = mt.tier_code
			)
			""";

	private static final String LIST = """
			SELECT %s AS list, c.account_id, c.customer_id, c.tier_code, c.source, l.code AS towards, c.value,
			       l.threshold, GREATEST(l.threshold - c.value, 0) AS missing, COALESCE(f.revenue, 0) AS revenue,
			       CAST(NULL AS timestamptz) AS protected_until
			FROM cur c JOIN ladder l ON %s
			LEFT JOIN customer_figures f ON f.customer_id = c.customer_id
			WHERE %s
			ORDER BY revenue DESC, c.account_id LIMIT :limit
			""";

	private static final String NEAR = LIST.formatted("'near'", "l.rank = c.c_rank + 1",
			"c.value < l.threshold AND c.value >= l.threshold * (100 - :pct) / 100.0");

	private static final String BETTER = LIST.formatted("'better'", "l.rank = c.q_rank", "c.q_rank > c.c_rank");

	/**
	 * Held by qualification, below the held tier's threshold now, and kept only until the
	 * period and grace end (the re-qualification lowers it then) on or before the
	 * horizon; {@code towards} is the tier the value reaches (null: none),
	 * {@code missing} what keeps the held one.
	 */
	private static final String AT_RISK = """
			SELECT 'risk' AS list, c.account_id, c.customer_id, c.tier_code, c.source, q.code AS towards, c.value,
			       l.threshold, GREATEST(l.threshold - c.value, 0) AS missing, COALESCE(f.revenue, 0) AS revenue,
			       c.qualified_until + make_interval(months => :grace) AS protected_until
			FROM cur c JOIN ladder l ON l.rank = c.c_rank
			LEFT JOIN ladder q ON q.rank = c.q_rank
			LEFT JOIN customer_figures f ON f.customer_id = c.customer_id
			WHERE c.source = 'QUALIFIED' AND c.c_rank > 0 AND c.value < l.threshold
			  AND c.qualified_until + make_interval(months => :grace) <= :horizon
			ORDER BY revenue DESC, c.account_id
			""";

	/** The farthest horizon of the at-risk list, in days. */
	static final int MAX_DAYS = 731;

	private final JdbcClient jdbc;

	/** Members from which the three lists are read in two halves at once. */
	static final int DEFAULT_SPLIT_FROM = 50_000;

	private final TransactionTemplate halfTransaction;

	private final int splitFrom;

	TierOffers(JdbcClient jdbc, PlatformTransactionManager transactions,
			@Value("${rapport.loyalty.tier-offers-split-from:" + DEFAULT_SPLIT_FROM + "}") int splitFrom) {
		this.jdbc = jdbc;
		this.splitFrom = splitFrom;
		this.halfTransaction = new TransactionTemplate(transactions);
		this.halfTransaction.setReadOnly(true);
		this.halfTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	List<TierCandidate> nearNext(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinPercent,
			int limit) {
		return read(NEAR, programme, ladder, asOf, withinPercent, 0, limit).near();
	}

	List<TierCandidate> qualifyForBetter(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int limit) {
		return read(BETTER, programme, ladder, asOf, 0, 0, limit).better();
	}

	List<TierAtRisk> atRisk(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinDays, int limit) {
		return read(AT_RISK + " LIMIT :limit", programme, ladder, asOf, 0, withinDays, limit).atRisk();
	}

	/** Every member of the at-risk list, in its order, one at a time (the export). */
	void eachAtRisk(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinDays,
			Consumer<TierAtRisk> sink) {
		onePass();
		this.jdbc.sql(MEMBERS.formatted(TierJobs.values(ladder.measure(), false)) + AT_RISK)
			.param("p", programme.id())
			.param("ws", utc(ladder.windowStart(asOf)))
			.param("asOf", utc(asOf))
			.param("grace", ladder.graceMonths())
			.param("horizon", utc(horizon(asOf, withinDays)))
			.query((RowCallbackHandler) (rs) -> sink.accept(atRisk(rs)));
	}

	/**
	 * The transaction's settings for a pass over every member (ADR 0082): the members'
	 * values are kept in memory rather than on disk, and the pass runs in one process.
	 * With parallel workers the planner put the values' aggregate under the inner side of
	 * a parallel join, so the leader and each worker built the whole hash table, each
	 * reading all of the window's rows: three times the work of the one pass, 15.6 s
	 * against 6.4 s at a million members.
	 */
	private void onePass() {
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		this.jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
	}

	private static Instant horizon(Instant asOf, int days) {
		return asOf.plus(Duration.ofDays(Math.max(0, Math.min(days, MAX_DAYS))));
	}

	private static TierAtRisk atRisk(ResultSet rs) throws SQLException {
		return new TierAtRisk(rs.getObject("account_id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("tier_code"), rs.getString("towards"), rs.getBigDecimal("value"),
				rs.getBigDecimal("threshold"), rs.getBigDecimal("missing"),
				ProgrammeStore.instant(rs, "protected_until"), rs.getBigDecimal("revenue"));
	}

	/** The three lists from one pass over the window's rows. */
	TierOfferLists all(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int withinPercent, int withinDays,
			int limit) {
		return read("(" + NEAR + ") UNION ALL (" + BETTER + ") UNION ALL (" + AT_RISK + " LIMIT :limit)", programme,
				ladder, asOf, withinPercent, withinDays, limit);
	}

	/**
	 * A pass over the members' values for {@code lists}. A programme of at least
	 * {@code rapport.loyalty.tier-offers-split-from} members is read in two halves of its
	 * accounts at once, each on its own connection and in its own read-only transaction,
	 * and the halves' lists merged in the lists' order (ADR 0082): the pass is processor
	 * work in one process, and a statement's own parallel workers only repeated it.
	 */
	private TierOfferLists read(String lists, LoyaltyProgramme programme, TierLadder ladder, Instant asOf,
			int withinPercent, int withinDays, int limit) {
		String sql = MEMBERS.formatted(TierJobs.valuesInRange(ladder.measure())) + lists;
		UUID middle = middle(programme);
		Function<AccountRanges.Range, TierOfferLists> half = (range) -> run(sql, programme, ladder, asOf, withinPercent,
				withinDays, limit, range);
		if (middle == null) {
			return half.apply(new AccountRanges.Range(AccountRanges.FIRST, AccountRanges.LAST));
		}
		ExecutorService other = Executors.newSingleThreadExecutor((r) -> {
			Thread thread = new Thread(r, "tier-offers-half");
			thread.setDaemon(true);
			return thread;
		});
		try {
			CompletableFuture<TierOfferLists> upper = CompletableFuture
				.supplyAsync(
						() -> this.halfTransaction
							.execute((status) -> half.apply(new AccountRanges.Range(middle, AccountRanges.LAST))),
						other);
			TierOfferLists lower = half.apply(new AccountRanges.Range(AccountRanges.FIRST, middle));
			return merge(lower, upper.join(), limit);
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		finally {
			other.shutdown();
		}
	}

	/**
	 * The account id that halves a programme's active members (the lower half ends with
	 * it), or null when the programme has fewer members than are worth splitting.
	 */
	private UUID middle(LoyaltyProgramme programme) {
		long members = this.jdbc
			.sql("SELECT count(*) FROM loyalty_account WHERE programme_id = :p AND status = 'ACTIVE'")
			.param("p", programme.id())
			.query(Long.class)
			.single();
		if (members < Math.max(2, this.splitFrom)) {
			return null;
		}
		return this.jdbc
			.sql("SELECT id FROM loyalty_account WHERE programme_id = :p AND status = 'ACTIVE' ORDER BY id "
					+ "OFFSET :half LIMIT 1")
			.param("p", programme.id())
			.param("half", members / 2 - 1)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Both halves' lists as one, in the lists' order, each list at most {@code limit}.
	 */
	static TierOfferLists merge(TierOfferLists a, TierOfferLists b, int limit) {
		int max = Math.max(1, Math.min(limit, 1000));
		return new TierOfferLists(merged(a.near(), b.near(), TierCandidate::revenue, TierCandidate::accountId, max),
				merged(a.better(), b.better(), TierCandidate::revenue, TierCandidate::accountId, max),
				merged(a.atRisk(), b.atRisk(), TierAtRisk::revenue, TierAtRisk::accountId, max));
	}

	/**
	 * Highest revenue first, then account ids in PostgreSQL's order (bytes, unsigned), as
	 * the statement orders them.
	 */
	private static <T> List<T> merged(List<T> a, List<T> b, Function<T, java.math.BigDecimal> revenue,
			Function<T, UUID> account, int limit) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		all.sort(Comparator.comparing(revenue, Comparator.reverseOrder())
			.thenComparing(account, TierOffers::compareAsPostgres));
		return List.copyOf(all.subList(0, Math.min(limit, all.size())));
	}

	static int compareAsPostgres(UUID x, UUID y) {
		int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
	}

	private TierOfferLists run(String sql, LoyaltyProgramme programme, TierLadder ladder, Instant asOf, int pct,
			int days, int limit, AccountRanges.Range range) {
		onePass();
		var statement = this.jdbc.sql(sql)
			.param("p", programme.id())
			.param("ws", utc(ladder.windowStart(asOf)))
			.param("asOf", utc(asOf))
			.param("limit", Math.max(1, Math.min(limit, 1000)));
		if (sql.contains(":pct")) {
			statement = statement.param("pct", Math.max(0, Math.min(pct, 100)));
		}
		statement = statement.param("after", range.after()).param("upTo", range.upTo());
		if (sql.contains(":horizon")) {
			statement = statement.param("grace", ladder.graceMonths()).param("horizon", utc(horizon(asOf, days)));
		}
		List<TierCandidate> near = new ArrayList<>();
		List<TierCandidate> better = new ArrayList<>();
		List<TierAtRisk> atRisk = new ArrayList<>();
		statement.query((rs) -> {
			String list = rs.getString("list");
			if ("risk".equals(list)) {
				atRisk.add(atRisk(rs));
				return;
			}
			TierCandidate c = new TierCandidate(rs.getObject("account_id", UUID.class),
					rs.getObject("customer_id", UUID.class), rs.getString("tier_code"), rs.getString("source"),
					rs.getString("towards"), rs.getBigDecimal("value"), rs.getBigDecimal("threshold"),
					rs.getBigDecimal("missing"), rs.getBigDecimal("revenue"));
			("near".equals(list) ? near : better).add(c);
		});
		return new TierOfferLists(List.copyOf(near), List.copyOf(better), List.copyOf(atRisk));
	}

}
