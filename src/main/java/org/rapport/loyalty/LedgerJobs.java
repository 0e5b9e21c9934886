package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * resumed, and never holds one giant transaction. In each range two statements: the first
 * locks the balance rows of the accounts with due lots, in account order (the order every
 * other writer respects, so no deadlock); the second, with a fresh snapshot taken under
 * those locks, changes the due lots, appends one movement per lot and applies the sums to
 * the balances, all in one pass. A lot changes status exactly once (the update only takes
 * lots still due, under the account lock) and its one movement ({@code activate:<lot>},
 * {@code expire:<lot>}) is written by the same statement, so nothing is counted twice
 * without an idempotency-index check per movement (ADR 0022). Each run (a job as of a
 * moment) records its ranges in {@code loyalty_job_range}; a range is marked done in the
 * transaction that did its work, so a rerun or a run resumed after a crash skips the
 * ranges done, and two runs at once wait on the range's row. Ranges are disjoint, so
 * {@code rapport.loyalty.jobs-workers} (default 2) of them run at once on their own
 * connections without waiting for each other.
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	private static final String DUE_TO_ACTIVATE = "l.status = 'PENDING' AND l.available_at <= :asOf";

	private static final String DUE_TO_EXPIRE = "l.status = 'AVAILABLE' AND l.expires_at <= :asOf";

	/**
	 * The range's one read of the lot table (ADR 0037): its due lots, found through the
	 * account index, and the balance rows of their accounts locked in account order. The
	 * due lots' ids (with the account each belongs to) are returned, so that the second
	 * statement finds them through the primary key instead of reading every open lot of
	 * the range again.
	 */
	private static final String LOCK = """
			WITH due AS MATERIALIZED (
			  SELECT l.id, l.account_id FROM loyalty_lot l
			  WHERE l.account_id > :after AND l.account_id <= :upTo AND l.remaining > 0 AND %s
			), locked AS MATERIALIZED (
			  SELECT b.account_id FROM loyalty_balance b
			  WHERE b.account_id > :after AND b.account_id <= :upTo AND b.account_id IN (SELECT account_id FROM due)
			  ORDER BY b.account_id FOR UPDATE
			)
			SELECT COALESCE(array_agg(d.id ORDER BY d.account_id, d.id), '{}') AS lots,
			       COALESCE(array_agg(d.account_id ORDER BY d.account_id, d.id), '{}') AS accounts
			FROM due d JOIN locked k ON k.account_id = d.account_id
			""";

	/**
	 * The lots' new state ({@code changed}), their movements and the balances, with a
	 * snapshot taken under the account locks. Each lot listed by the first statement is
	 * taken again only if it is still due and still of the account that was locked for it
	 * (a lot moved to another account by a merge in between is left to the next run).
	 */
	private static final String APPLY = """
			WITH listed AS (
			  SELECT * FROM unnest(CAST(:lots AS uuid[]), CAST(:accounts AS uuid[])) AS d(id, account_id)
			), changed AS (
			  %1$s
			), moved AS (
			  INSERT INTO loyalty_movement (id, account_id, kind, available_delta, pending_delta, reason, source_type,
			    source_id, idempotency_key, occurred_at, recorded_at, lot_id)
			  SELECT loyalty_uuid_v7(), c.account_id, %2$s, c.id
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

	/** Activation changes the status only, so the update itself returns what it moved. */
	private static final String ACTIVATE = APPLY.formatted("""
			UPDATE loyalty_lot l SET status = 'AVAILABLE' FROM listed d
			  WHERE l.id = d.id AND l.account_id = d.account_id AND l.remaining > 0 AND %s
			  RETURNING l.id, l.account_id, l.remaining, l.earned_at, l.available_at""".formatted(DUE_TO_ACTIVATE), """
			'ACTIVATE', c.remaining, -c.remaining, 'Return window over: points available', 'SYSTEM',
			    'activation', 'activate:' || c.id, GREATEST(c.available_at, c.earned_at), :now""");

	/**
	 * Expiry empties the lot; what it held is read in the same statement, under the
	 * account locks taken before it started. The row read is updated through its physical
	 * address ({@code ctid}, a TID scan), not looked up again in the primary key (ADR
	 * 0027).
	 */
	private static final String EXPIRE = APPLY.formatted("""
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

	LedgerJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, int rangeSize, int workers) {
		this(jdbc, transactions, clock, rangeSize, workers, DEFAULT_RUNS_KEPT);
	}

	@Autowired
	LedgerJobs(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			@Value("${rapport.loyalty.jobs-range-size:20000}") int rangeSize,
			@Value("${rapport.loyalty.jobs-workers:2}") int workers,
			@Value("${rapport.loyalty.jobs-runs-kept:" + DEFAULT_RUNS_KEPT + "}") int runsKept) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.rangeSize = rangeSize;
		this.workers = Math.max(1, workers);
		this.runsKept = Math.max(1, runsKept);
	}

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
		List<AccountRanges.Range> todo = plan.stream().filter((p) -> !p.done()).map(Planned::range).toList();
		List<long[]> results = RangeWork.inRanges(job, todo, this.workers, this.transactions,
				(range) -> range(job, range, at, due, apply));
		long[] total = new long[3];
		for (long[] done : results) {
			for (int i = 0; i < total.length; i++) {
				total[i] += done[i];
			}
		}
		log.info("{} as of {}: {} lots, {} movements, {} points in {} account ranges ({} done before)", job, asOf,
				total[0], total[1], total[2], todo.size(), plan.size() - todo.size());
		return new JobRun(job, asOf, Math.toIntExact(total[0]), Math.toIntExact(total[1]), total[2]);
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
	private List<Planned> plan(String job, OffsetDateTime asOf) {
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
			// run); an older run started again is simply planned anew, and its lots still
			// decide what is due
			this.jdbc
				.sql("DELETE FROM loyalty_job_range WHERE job = :job AND as_of < (SELECT min(as_of) FROM "
						+ "(SELECT DISTINCT as_of FROM loyalty_job_range WHERE job = :job ORDER BY as_of DESC "
						+ "LIMIT :kept) k)")
				.param("job", job)
				.param("kept", this.runsKept)
				.update();
			return ranges.stream().map((r) -> new Planned(r, false)).toList();
		});
	}

	private long[] range(String job, AccountRanges.Range range, OffsetDateTime asOf, String dueCondition,
			String apply) {
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
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		UUID[][] due = this.jdbc.sql(LOCK.formatted(dueCondition))
			.param("after", range.after())
			.param("upTo", range.upTo())
			.param("asOf", asOf)
			.query((rs,
					n) -> new UUID[][] { (UUID[]) rs.getArray("lots").getArray(),
							(UUID[]) rs.getArray("accounts").getArray() })
			.single();
		if (due[0].length > 0) {
			// the listed lots are taken one by one through the primary key (a few
			// buffers each); the planner's costs would turn a long list into a hash
			// join over the whole lot table, so the second statement is told to loop
			this.jdbc.sql("SET LOCAL enable_hashjoin = off").update();
			this.jdbc.sql("SET LOCAL enable_mergejoin = off").update();
		}
		long[] done = (due[0].length == 0) ? new long[4]
				: this.jdbc.sql(apply)
					.param("after", range.after())
					.param("upTo", range.upTo())
					.param("asOf", asOf)
					.param("lots", due[0])
					.param("accounts", due[1])
					.param("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
					.query((rs,
							n) -> new long[] { rs.getLong("lots"), rs.getLong("movements"), rs.getLong("points"),
									rs.getLong("negative") })
					.single();
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
