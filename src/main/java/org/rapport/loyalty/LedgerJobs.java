package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Activation and expiry as set-based SQL, range by range of the lot table's pages (ADR
 * 0034; before, range by range of accounts, ADR 0017/0022). A run first reads which pages
 * hold lots due as of its moment (one sequential read of the lot table, no writes) and
 * cuts them into ranges of about {@code rapport.loyalty.jobs-lots-per-range} due lots, so
 * every page is changed by one transaction only, once per run, instead of once by every
 * range of accounts with a lot on it. One transaction per range: the first statement
 * locks the balance rows of the accounts with due lots on the range's pages, in account
 * order (the order every other writer respects, so no deadlock); the second, with a fresh
 * snapshot taken under those locks, changes the due lots, appends one movement per lot
 * and applies the sums to the balances, all in one pass. A lot changes status exactly
 * once (the update only takes lots still due, under the account lock) and its one
 * movement ({@code activate:<lot>}, {@code expire:<lot>}) is written by the same
 * statement, so nothing is counted twice without an idempotency-index check per movement
 * (ADR 0022). A rerun or a run resumed after a crash plans again from what is still due,
 * so it finds only the lots left; two runs at once wait on each other's balance locks and
 * the second finds the lots changed. A lot that another writer moved to a page already
 * done (an update that is not HOT) is found by a further pass: a run plans again as long
 * as a range changed fewer lots than it planned. {@code rapport.loyalty.jobs-workers}
 * (default 2) ranges run at once on their own connections.
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	/**
	 * The lots of a range: those on its pages, by their row address (a TID range scan).
	 */
	private static final String ON_PAGES = "l.ctid >= CAST(:first AS tid) AND l.ctid < CAST(:end AS tid)";

	private static final String LOCK = """
			SELECT count(*) FROM (
			  SELECT 1 FROM loyalty_balance b WHERE b.account_id IN (
			    SELECT l.account_id FROM loyalty_lot l WHERE %s AND l.remaining > 0 AND %s)
			  ORDER BY b.account_id FOR UPDATE) locked
			""";

	/** The pages holding due lots, and how many each holds. */
	private static final String PAGES = """
			SELECT (l.ctid::text::point)[0]::bigint AS page, count(*) AS lots FROM loyalty_lot l
			WHERE l.remaining > 0 AND %s GROUP BY 1 ORDER BY 1
			""";

	private static final String DUE_TO_ACTIVATE = "l.status = 'PENDING' AND l.available_at <= :asOf";

	private static final String DUE_TO_EXPIRE = "l.status = 'AVAILABLE' AND l.expires_at <= :asOf";

	/**
	 * The lots' new state ({@code changed}), their movements and the balances. Only lots
	 * of accounts locked by the first statement are taken (locking them again costs
	 * nothing). Each account's balance is updated once, with the sum of its movements.
	 */
	private static final String APPLY = """
			WITH locked AS MATERIALIZED (
			  SELECT b.account_id FROM loyalty_balance b WHERE b.account_id IN (
			    SELECT l.account_id FROM loyalty_lot l WHERE %4$s AND l.remaining > 0 AND %1$s)
			  ORDER BY b.account_id FOR UPDATE
			), changed AS (
			  %2$s
			), moved AS (
			  INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
			    source_id, idempotency_key, occurred_at, recorded_at, lot_id)
			  SELECT loyalty_uuid_v7(), c.account_id, %3$s, c.id
			  FROM changed c ORDER BY c.account_id
			  RETURNING account_id, available_delta, pending_delta
			), applied AS (
			  UPDATE loyalty_balance b SET available = b.available + s.available, pending = b.pending + s.pending,
			    updated_at = :now
			  FROM (SELECT account_id, SUM(available_delta) AS available, SUM(pending_delta) AS pending, count(*) AS n
			        FROM moved GROUP BY account_id) s
			  WHERE b.account_id = s.account_id
			  RETURNING b.account_id, b.available AS after, s.available AS delta, s.n
			)
			SELECT (SELECT count(*) FROM changed) AS lots, COALESCE(SUM(n), 0) AS movements,
			       COALESCE(SUM(ABS(delta)), 0) AS points,
			       COALESCE(array_agg(account_id) FILTER (WHERE after - delta < 0), '{}') AS negative
			FROM applied
			""";

	/** Activation changes the status only, so the update itself returns what it moved. */
	private static final String ACTIVATE = APPLY.formatted(DUE_TO_ACTIVATE,
			"""
					UPDATE loyalty_lot l SET status = 'AVAILABLE' FROM locked k
					  WHERE k.account_id = l.account_id AND %s AND l.remaining > 0 AND %s
					  RETURNING l.id, l.account_id, l.remaining, l.earned_at, l.available_at""".formatted(ON_PAGES,
					DUE_TO_ACTIVATE),
			"""
					'ACTIVATE', c.remaining, -c.remaining, 'Return window over: points available', 'SYSTEM',
					    'activation', 'activate:' || c.id, GREATEST(c.available_at, c.earned_at), :now""", ON_PAGES);

	/**
	 * Expiry empties the lot; what it held is read in the same statement, under the
	 * account locks taken before it started. The row read is updated through its physical
	 * address ({@code ctid}, a TID scan), not looked up again in the primary key (ADR
	 * 0027).
	 */
	private static final String EXPIRE = APPLY.formatted(DUE_TO_EXPIRE, """
			UPDATE loyalty_lot l SET status = 'EXPIRED', remaining = 0
			  FROM (SELECT o.ctid AS tid, o.id, o.account_id, o.remaining, o.earned_at, o.expires_at
			        FROM loyalty_lot o JOIN locked k ON k.account_id = o.account_id
			        WHERE o.ctid >= CAST(:first AS tid) AND o.ctid < CAST(:end AS tid) AND o.remaining > 0
			          AND o.status = 'AVAILABLE' AND o.expires_at <= :asOf) d
			  WHERE l.ctid = d.tid
			  RETURNING d.id, d.account_id, d.remaining, d.earned_at, d.expires_at""", """
			'EXPIRE', -c.remaining, 0,
			    'Expired: earned ' || to_char(c.earned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'SYSTEM', 'expiry',
			    'expire:' || c.id, c.expires_at, :now""", ON_PAGES);

	/** Passes over the due lots a run makes at most (ADR 0034). */
	private static final int PASSES = 3;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int lotsPerRange;

	private final int workers;

	LedgerJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			@Value("${rapport.loyalty.jobs-lots-per-range:40000}") int lotsPerRange,
			@Value("${rapport.loyalty.jobs-workers:2}") int workers) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.lotsPerRange = Math.max(1, lotsPerRange);
		this.workers = Math.max(1, workers);
	}

	/** Pending points whose return window is over become available. */
	JobRun activate(Instant asOf) {
		return run("activation", asOf, DUE_TO_ACTIVATE, ACTIVATE);
	}

	/**
	 * Available points whose lot has reached its expiry date expire. Debits always take
	 * the oldest lots first, so what expires is what is left of the oldest points.
	 */
	JobRun expire(Instant asOf) {
		return run("expiry", asOf, DUE_TO_EXPIRE, EXPIRE);
	}

	private JobRun run(String job, Instant asOf, String due, String apply) {
		OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
		long[] total = new long[3];
		int ranges = 0;
		int passes = 0;
		boolean again = true;
		while (again && passes < PASSES) {
			passes++;
			List<PageRange> plan = PageRange.of(pages(due, at), this.lotsPerRange);
			List<long[]> results = RangeWork.inRanges(job, plan, this.workers, this.transactions,
					(range) -> range(range, at, due, apply));
			again = false;
			for (int r = 0; r < results.size(); r++) {
				long[] done = results.get(r);
				for (int i = 0; i < total.length; i++) {
					total[i] += done[i];
				}
				// fewer lots than planned: one may have moved to a page done before
				again |= done[0] < plan.get(r).lots();
			}
			ranges += plan.size();
		}
		log.info("{} as of {}: {} lots, {} movements, {} points in {} page ranges, {} passes", job, asOf, total[0],
				total[1], total[2], ranges, passes);
		return new JobRun(job, asOf, Math.toIntExact(total[0]), Math.toIntExact(total[1]), total[2]);
	}

	/**
	 * The pages holding lots due as of {@code asOf}, in page order, with their counts.
	 */
	private List<long[]> pages(String due, OffsetDateTime asOf) {
		return this.jdbc.sql(PAGES.formatted(due))
			.param("asOf", asOf)
			.query((rs, n) -> new long[] { rs.getLong("page"), rs.getLong("lots") })
			.list();
	}

	/**
	 * Consecutive pages of the lot table, {@code first <= page < end}, holding
	 * {@code lots} due lots when the run planned it: the unit of work of activation and
	 * expiry (one transaction per range).
	 */
	record PageRange(long first, long end, long lots) {

		/** Cuts the pages (page, due lots) into ranges of about {@code size} lots. */
		static List<PageRange> of(List<long[]> pages, long size) {
			List<PageRange> ranges = new ArrayList<>();
			long first = -1;
			long last = -1;
			long lots = 0;
			for (long[] page : pages) {
				if (first >= 0 && lots + page[1] > size) {
					ranges.add(new PageRange(first, last + 1, lots));
					first = -1;
					lots = 0;
				}
				if (first < 0) {
					first = page[0];
				}
				last = page[0];
				lots += page[1];
			}
			if (first >= 0) {
				ranges.add(new PageRange(first, last + 1, lots));
			}
			return List.copyOf(ranges);
		}

		/** The first row address of the range, as PostgreSQL writes a {@code tid}. */
		String firstTid() {
			return "(" + this.first + ",0)";
		}

		/** The first row address after the range. */
		String endTid() {
			return "(" + this.end + ",0)";
		}

	}

	private long[] range(PageRange range, OffsetDateTime asOf, String due, String apply) {
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		this.jdbc.sql(LOCK.formatted(ON_PAGES, due))
			.param("first", range.firstTid())
			.param("end", range.endTid())
			.param("asOf", asOf)
			.query(Long.class)
			.single();
		Object[] done = this.jdbc.sql(apply)
			.param("first", range.firstTid())
			.param("end", range.endTid())
			.param("asOf", asOf)
			.param("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.query((rs,
					n) -> new Object[] {
							new long[] { rs.getLong("lots"), rs.getLong("movements"), rs.getLong("points") },
							rs.getArray("negative").getArray() })
			.single();
		UUID[] negative = (UUID[]) done[1];
		if (negative.length > 0) {
			// an account below zero (allowed by its programme) had no lots to hold: its
			// new points first cover the debt, taken from its oldest lots
			this.jdbc.sql(Ledger.CONSUME.formatted("l.account_id = ANY(CAST(:accounts AS uuid[]))"))
				.param("accounts", negative)
				.update();
		}
		return (long[]) done[0];
	}

}
