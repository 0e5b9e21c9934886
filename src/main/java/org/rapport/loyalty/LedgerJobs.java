package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Activation and expiry as set-based SQL, range by range of accounts (ADR 0017): one
 * transaction per {@link AccountRanges range}, so a run progresses, can be stopped and
 * resumed, and never holds one giant transaction. Consecutive ranges are read together
 * (ADR 0037): one read-only statement per scan of {@code rapport.loyalty.jobs-scan-size}
 * accounts lists the due lots of each of its ranges, because the lots of any range lie on
 * most of the lot table's pages and reading them range by range was most of the jobs'
 * cost. In each range's transaction two statements: the first locks the balance rows of
 * the accounts with listed lots, in account order (the order every other writer respects,
 * so no deadlock); the second, with a fresh snapshot taken under those locks, takes each
 * listed lot still due through the primary key, changes it, appends one movement per lot
 * and applies the sums to the balances, all in one pass. A lot changes status exactly
 * once (the update only takes lots still due, under the account lock) and its one
 * movement ({@code activate:<lot>}, {@code expire:<lot>}) is written by the same
 * statement, so nothing is counted twice without an idempotency-index check per movement
 * (ADR 0022); a lot that became due after its scan read is taken by the next run. Each
 * run (a job as of a moment) records its ranges in {@code loyalty_job_range}; a range is
 * marked done in the transaction that did its work, so a rerun or a run resumed after a
 * crash skips the ranges done, and two runs at once wait on the range's row. Ranges are
 * disjoint, so {@code rapport.loyalty.jobs-workers} (default 2) of them run at once on
 * their own connections without waiting for each other, while the next scan is read.
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	static final String DUE_TO_ACTIVATE = "l.status = 'PENDING' AND l.available_at <= :asOf";

	static final String DUE_TO_EXPIRE = "l.status = 'AVAILABLE' AND l.expires_at <= :asOf";

	/**
	 * One read of the lot table for several ranges at once (a scan, ADR 0037): the due
	 * lots of the scan's accounts, found through the account index, grouped by the range
	 * of the run they fall in. A range then takes its listed lots through the primary key
	 * instead of reading every open lot of its accounts again; each range reading the lot
	 * pages of its own accounts was most of the jobs' cost, since the lots of any few
	 * thousand accounts lie on most of the table's pages. Listed in the order of their
	 * ids, which is the order they were written in (UUID v7), so that a range takes them
	 * page after page.
	 */
	private static final String SCAN = """
			SELECT r.after_id, array_agg(l.id ORDER BY l.id) AS lots, array_agg(l.account_id ORDER BY l.id) AS accounts
			FROM loyalty_lot l
			JOIN unnest(CAST(:afters AS uuid[]), CAST(:upTos AS uuid[])) AS r(after_id, up_to)
			  ON l.account_id > r.after_id AND l.account_id <= r.up_to
			WHERE l.account_id > :after AND l.account_id <= :upTo AND l.remaining > 0 AND %s
			GROUP BY r.after_id
			""";

	/**
	 * A range's first statement: the balance rows of the accounts its listed lots belong
	 * to, locked in account order (the order every other writer respects, so no
	 * deadlock).
	 */
	private static final String LOCK = """
			SELECT count(*) AS accounts, COALESCE(array_agg(account_id), '{}') AS locked FROM (
			  SELECT b.account_id FROM loyalty_balance b
			  WHERE b.account_id = ANY(CAST(:accounts AS uuid[])) AND b.account_id > :after AND b.account_id <= :upTo
			  ORDER BY b.account_id FOR UPDATE) locked
			""";

	/**
	 * The lots' new state ({@code changed}), their movements and the balances, with a
	 * snapshot taken under the account locks. Each listed lot is taken again, in its
	 * current version, only if it is still due and still of the account that was locked
	 * for it; a lot that became due or moved to an account of the range after the scan
	 * read is left to the next run (later, never twice). The movements' ids are one
	 * version 7 id drawn for the statement with each row's number in its last bits (V6_7,
	 * ADR 0058), in account order.
	 */
	private static final String APPLY = """
			WITH listed AS (
			  SELECT * FROM unnest(CAST(:lots AS uuid[]), CAST(:accounts AS uuid[])) AS d(id, account_id)
			), changed AS (
			  %1$s
			), moved AS (
			  INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
			    source_id, idempotency_key, occurred_at, recorded_at, lot_id)
			  SELECT loyalty_uuid_v7_of((SELECT loyalty_uuid_v7_base()), row_number() OVER (ORDER BY c.account_id, c.id)),
			    c.account_id, %2$s, c.id
			  FROM changed c ORDER BY c.account_id
			  RETURNING account_id, available_delta, pending_delta
			), applied AS (
			  UPDATE loyalty_balance b SET available = b.available + s.available, pending = b.pending + s.pending,
			    updated_at = :now
			  FROM (SELECT account_id, SUM(available_delta) AS available, SUM(pending_delta) AS pending, count(*) AS n
			        FROM moved GROUP BY account_id) s
			  WHERE b.account_id = s.account_id AND b.account_id > :after AND b.account_id <= :upTo
			  RETURNING b.available AS after, s.available AS delta, s.n
			)
			SELECT (SELECT count(*) FROM changed) AS lots, COALESCE(SUM(n), 0) AS movements,
			       COALESCE(SUM(ABS(delta)), 0) AS points, count(*) FILTER (WHERE after - delta < 0) AS negative
			FROM applied
			""";

	/**
	 * Activation changes the status only, so the update itself returns what it moved. The
	 * lot is found through the primary key, not at the address the scan read it at: the
	 * index visit also prunes the page of the versions earlier ranges left dead, which
	 * keeps room on the page for the new version, so the update stays HOT. Taking the
	 * lots by address instead read half the buffers but left a sixth of the updates
	 * without room on their page and wrote half as much WAL again (ADR 0052).
	 */
	static final String ACTIVATE = APPLY.formatted("""
			UPDATE loyalty_lot l SET status = 'AVAILABLE' FROM listed d
			  WHERE l.id = d.id AND l.account_id = d.account_id AND l.remaining > 0 AND %s
			  RETURNING l.id, l.account_id, l.remaining, l.earned_at, l.available_at""".formatted(DUE_TO_ACTIVATE), """
			'ACTIVATE', c.remaining, -c.remaining, 'Return window over: points available', 'SYSTEM',
			    'activation', 'activate:' || c.id, GREATEST(c.available_at, c.earned_at), :now""");

	/**
	 * Expiry empties the lot; what it held is read in the same statement, under the
	 * account locks taken before it started. The row read is updated through its physical
	 * address ({@code ctid}, a TID scan), not looked up again in the primary key (ADR
	 * 0027). Reading it at the address the scan listed, without the primary key, was
	 * measured and gained nothing measurable (ADR 0052).
	 */
	static final String EXPIRE = APPLY.formatted("""
			UPDATE loyalty_lot l SET status = 'EXPIRED', remaining = 0
			  FROM (SELECT o.ctid AS tid, o.id, o.account_id, o.remaining, o.earned_at, o.expires_at
			        FROM loyalty_lot o JOIN listed k ON k.id = o.id AND k.account_id = o.account_id
			        WHERE o.remaining > 0 AND o.status = 'AVAILABLE' AND o.expires_at <= :asOf) d
			  WHERE l.ctid = d.tid
			  RETURNING d.id, d.account_id, d.remaining, d.earned_at, d.expires_at""", """
			'EXPIRE', -c.remaining, 0,
			    'Expired: earned ' || to_char(c.earned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'SYSTEM', 'expiry',
			    'expire:' || c.id, c.expires_at, :now""");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int rangeSize;

	private final int workers;

	private final int runsKept;

	private final int scanSize;

	LedgerJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, int rangeSize, int workers) {
		this(jdbc, transactions, clock, rangeSize, workers, DEFAULT_RUNS_KEPT, rangeSize * 4);
	}

	@Autowired
	LedgerJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			@Value("${rapport.loyalty.jobs-range-size:20000}") int rangeSize,
			@Value("${rapport.loyalty.jobs-workers:2}") int workers,
			@Value("${rapport.loyalty.jobs-runs-kept:" + DEFAULT_RUNS_KEPT + "}") int runsKept,
			@Value("${rapport.loyalty.jobs-scan-size:" + DEFAULT_SCAN_SIZE + "}") int scanSize) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.rangeSize = rangeSize;
		this.workers = Math.max(1, workers);
		this.runsKept = Math.max(1, runsKept);
		this.scanSize = Math.max(rangeSize, scanSize);
	}

	/**
	 * Accounts whose due lots one read of the lot table lists (ADR 0037): ranges of
	 * {@code jobs-range-size} accounts are done one transaction each, but read together
	 * by this many accounts.
	 */
	static final int DEFAULT_SCAN_SIZE = 250_000;

	/** Runs of each job whose ranges the run ledger keeps: a month of nights. */
	static final int DEFAULT_RUNS_KEPT = 31;

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
		List<Planned> plan = plan(job, at);
		List<List<AccountRanges.Range>> scans = scans(plan, Math.max(1, this.scanSize / Math.max(1, this.rangeSize)));
		int todo = scans.stream().mapToInt(List::size).sum();
		List<long[]> results = RangeWork.inScans(job, scans, this.workers, this.transactions,
				(ranges) -> scan(ranges, at, due), (range, listed) -> range(job, range, at, listed, apply),
				Listed.NONE);
		long[] total = new long[3];
		for (long[] done : results) {
			for (int i = 0; i < total.length; i++) {
				total[i] += done[i];
			}
		}
		log.info("{} as of {}: {} lots, {} movements, {} points in {} account ranges ({} done before), {} scans", job,
				asOf, total[0], total[1], total[2], todo, plan.size() - todo, scans.size());
		return new JobRun(job, asOf, Math.toIntExact(total[0]), Math.toIntExact(total[1]), total[2]);
	}

	/**
	 * The ranges still to do, in account order, cut into scans of at most {@code per}
	 * consecutive ranges (a range done before ends a scan, so that a scan never reads the
	 * accounts of a range that is done).
	 */
	static List<List<AccountRanges.Range>> scans(List<Planned> plan, int per) {
		List<List<AccountRanges.Range>> scans = new ArrayList<>();
		List<AccountRanges.Range> current = new ArrayList<>();
		for (Planned p : plan) {
			if (p.done() || current.size() == per) {
				if (!current.isEmpty()) {
					scans.add(List.copyOf(current));
				}
				current.clear();
			}
			if (!p.done()) {
				current.add(p.range());
			}
		}
		if (!current.isEmpty()) {
			scans.add(List.copyOf(current));
		}
		return scans;
	}

	/** The due lots of a range, each with the account it belongs to. */
	record Listed(UUID[] lots, UUID[] accounts) {

		static final Listed NONE = new Listed(new UUID[0], new UUID[0]);

		/**
		 * The lots of the accounts locked only (every account has its balance row, but a
		 * lot of an account without one is never taken).
		 */
		Listed of(UUID[] locked) {
			Set<UUID> accounts = new HashSet<>(Arrays.asList(locked));
			if (accounts.containsAll(Arrays.asList(this.accounts))) {
				return this;
			}
			List<UUID> lots = new ArrayList<>();
			List<UUID> owners = new ArrayList<>();
			for (int i = 0; i < this.lots.length; i++) {
				if (accounts.contains(this.accounts[i])) {
					lots.add(this.lots[i]);
					owners.add(this.accounts[i]);
				}
			}
			return new Listed(lots.toArray(UUID[]::new), owners.toArray(UUID[]::new));
		}

	}

	/**
	 * One read of the lot table for consecutive ranges, in a read-only transaction of its
	 * own: the due lots listed by range (keyed by the range's lower bound).
	 */
	Map<UUID, Listed> scan(List<AccountRanges.Range> ranges, OffsetDateTime asOf, String due) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
			Map<UUID, Listed> listed = new HashMap<>();
			this.jdbc.sql(SCAN.formatted(due))
				.param("afters", ranges.stream().map(AccountRanges.Range::after).toArray(UUID[]::new))
				.param("upTos", ranges.stream().map(AccountRanges.Range::upTo).toArray(UUID[]::new))
				.param("after", ranges.get(0).after())
				.param("upTo", ranges.get(ranges.size() - 1).upTo())
				.param("asOf", asOf)
				.query((rs) -> {
					listed.put(rs.getObject("after_id", UUID.class), new Listed((UUID[]) rs.getArray("lots").getArray(),
							(UUID[]) rs.getArray("accounts").getArray()));
				});
			return listed;
		});
	}

	/** A range of a run and whether it was done before. */
	record Planned(AccountRanges.Range range, boolean done) {
	}

	/**
	 * The ranges of the run of {@code job} as of {@code asOf}: those written when it
	 * first started (a rerun or a resumed run reuses them, with what is done), or new
	 * ones, written now. Planning runs of the same job one at a time keeps two of them
	 * from writing different ranges.
	 */
	List<Planned> plan(String job, OffsetDateTime asOf) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))::text")
				.param("loyalty-job:" + job)
				.query()
				.listOfRows();
			List<Planned> known = this.jdbc
				.sql("SELECT after_id, up_to, done_at IS NOT NULL AS done FROM loyalty_job_range "
						+ "WHERE job = ? AND as_of = ? ORDER BY after_id")
				.params(job, asOf)
				.query((rs,
						n) -> new Planned(new AccountRanges.Range(rs.getObject("after_id", UUID.class),
								rs.getObject("up_to", UUID.class)), rs.getBoolean("done")))
				.list();
			if (!known.isEmpty()) {
				return known;
			}
			List<AccountRanges.Range> ranges = AccountRanges.of(this.jdbc, this.rangeSize).ranges();
			this.jdbc
				.sql("INSERT INTO loyalty_job_range (job, as_of, after_id, up_to) "
						+ "SELECT ?, ?, r.after_id, r.up_to FROM unnest(?::uuid[], ?::uuid[]) AS r(after_id, up_to)")
				.params(job, asOf, ranges.stream().map(AccountRanges.Range::after).toArray(UUID[]::new),
						ranges.stream().map(AccountRanges.Range::upTo).toArray(UUID[]::new))
				.update();
			// the run ledger keeps the last runs of each job (enough to resume any recent
			// run) and the one being planned; an older run started again is planned anew,
			// and its lots still decide what is due
			this.jdbc
				.sql("DELETE FROM loyalty_job_range WHERE job = :job AND as_of <> :asOf AND as_of < (SELECT min(as_of) "
						+ "FROM (SELECT DISTINCT as_of FROM loyalty_job_range WHERE job = :job ORDER BY as_of DESC "
						+ "LIMIT :kept) k)")
				.param("job", job)
				.param("asOf", asOf)
				.param("kept", this.runsKept)
				.update();
			return ranges.stream().map((r) -> new Planned(r, false)).toList();
		});
	}

	long[] range(String job, AccountRanges.Range range, OffsetDateTime asOf, Listed listed, String apply) {
		// the range's row in the run ledger, locked: a run doing the same range at the
		// same time waits here, then finds it done
		boolean doneBefore = this.jdbc
			.sql("SELECT done_at IS NOT NULL FROM loyalty_job_range WHERE job = ? AND as_of = ? AND after_id = ? "
					+ "FOR UPDATE")
			.params(job, asOf, range.after())
			.query(Boolean.class)
			.single();
		if (doneBefore) {
			return new long[4];
		}
		long[] done = new long[4];
		if (listed.lots().length > 0) {
			this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
			UUID[] locked = this.jdbc.sql(LOCK)
				.param("accounts", listed.accounts())
				.param("after", range.after())
				.param("upTo", range.upTo())
				.query((rs, n) -> (UUID[]) rs.getArray("locked").getArray())
				.single();
			listed = listed.of(locked);
		}
		if (listed.lots().length > 0) {
			// the listed lots are taken one by one through the primary key (a few
			// buffers each); the planner's costs would turn a long list into a hash
			// join over the whole lot table, so the second statement is told to loop
			this.jdbc.sql("SET LOCAL enable_hashjoin = off").update();
			this.jdbc.sql("SET LOCAL enable_mergejoin = off").update();
			done = this.jdbc.sql(apply)
				.param("after", range.after())
				.param("upTo", range.upTo())
				.param("asOf", asOf)
				.param("lots", listed.lots())
				.param("accounts", listed.accounts())
				.param("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
				.query((rs,
						n) -> new long[] { rs.getLong("lots"), rs.getLong("movements"), rs.getLong("points"),
								rs.getLong("negative") })
				.single();
		}
		if (done[3] > 0) {
			// an account below zero (allowed by its programme) had no lots to hold: its
			// new points first cover the debt, taken from its oldest lots
			this.jdbc.sql("SET LOCAL enable_hashjoin = on").update();
			this.jdbc.sql("SET LOCAL enable_mergejoin = on").update();
			this.jdbc.sql(Ledger.CONSUME.formatted("l.account_id > :after AND l.account_id <= :upTo"))
				.param("after", range.after())
				.param("upTo", range.upTo())
				.update();
		}
		this.jdbc
			.sql("UPDATE loyalty_job_range SET done_at = ?, lots = ?, movements = ?, points = ? "
					+ "WHERE job = ? AND as_of = ? AND after_id = ?")
			.params(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC), done[0], done[1], done[2],
					job, asOf, range.after())
			.update();
		return done;
	}

}
