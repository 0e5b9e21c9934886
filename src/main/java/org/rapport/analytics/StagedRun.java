package org.rapport.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One full run's work in PostgreSQL on a connection of its own (docs/adr/0030): the base
 * rows of the population aggregated by one set-based statement, or part by part from two
 * connections (docs/adr/0053), into a staged table of the run (no indexes, not logged,
 * {@link StagedTables}); the buyers' months and purchase days read beside it (a cursor
 * with a fetch size, so the driver holds one fetch) and their values streamed out of it
 * once; the learned values copied in (both as binary {@code COPY}, docs/adr/0040); and
 * each customer's final row written once by a scoring {@code INSERT … SELECT} per range
 * of customer numbers into a table of the run's own, indexed once and attached as the
 * run's partition of {@code analytics_customer_score} (docs/adr/0032). The staged tables
 * and the empty table of the scores are committed before the scores are written, so that
 * a second connection writes every other range beside the run's own (PostgreSQL never
 * runs an {@code INSERT … SELECT} in parallel; docs/adr/0047); the attach, in the run's
 * last transaction, drops the staged tables. A failure before that commit rolls
 * everything back; after it the failure path drops the run's tables
 * ({@link RunStore#fail}), and the next full run drops those of a run that crashed.
 */
final class StagedRun implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(StagedRun.class);

	private static final int FETCH = 10_000;

	/** About the customers sampled for the bounds of the base rows' parts. */
	private static final int BOUNDS_SAMPLE = 30_000;

	/** The bytes of learned values handed to the server at a time. */
	private static final int COPY_BYTES = 1 << 20;

	private final DataSource dataSource;

	private final StagedTables tables;

	private final Connection connection;

	private final boolean autoCommit;

	private final JdbcClient jdbc;

	/**
	 * The numbers of the staged rows, [first, last + 1) by part: from 1 for the one
	 * statement, with gaps between the parts of
	 * {@link #base(ScoreWriter, Instant, int, int)}.
	 */
	private List<int[]> numbers;

	StagedRun(DataSource dataSource, UUID run) {
		this(dataSource, new StagedTables(run), true);
	}

	private StagedRun(DataSource dataSource, StagedTables tables, boolean stage) {
		this(dataSource, tables, stage, null);
	}

	/**
	 * A connection of the run; with a {@code snapshot} (exported by the run's
	 * connection), its transaction is a repeatable-read one that sees that snapshot.
	 */
	private StagedRun(DataSource dataSource, StagedTables tables, boolean stage, String snapshot) {
		this.dataSource = dataSource;
		this.tables = tables;
		try {
			this.connection = dataSource.getConnection();
			this.autoCommit = this.connection.getAutoCommit();
			this.connection.setAutoCommit(false);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("no connection for the analytics run", ex);
		}
		JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		template.setFetchSize(FETCH);
		this.jdbc = JdbcClient.create(template);
		try {
			if (snapshot != null) {
				this.jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
				this.jdbc.sql("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'").update();
			}
			begin();
			if (stage) {
				tables.create().forEach((statement) -> this.jdbc.sql(statement).update());
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * The settings of a transaction of the run: the aggregates and sorts of a whole
	 * population in memory where they fit; the indexes of the run's partition built in
	 * one sort each.
	 */
	private void begin() {
		this.jdbc.sql("SET LOCAL work_mem = '256MB'").update();
		this.jdbc.sql("SET LOCAL maintenance_work_mem = '256MB'").update();
	}

	/**
	 * Stages the base rows of the active customers (among {@code scope} when given) with
	 * the parameters of {@link ScoreWriter}; answers how many.
	 */
	int base(ScoreWriter scores, Instant asOf, UUID[] scope) {
		JdbcClient.StatementSpec spec = scores
			.baseParameters(this.jdbc.sql(ScoreSql.stagedBase(scope != null, this.tables.base())), asOf);
		if (scope != null) {
			spec = spec.param("ids", scope);
		}
		long started = System.nanoTime();
		int staged = spec.update();
		this.numbers = List.of(new int[] { 1, staged + 1 });
		long aggregated = System.nanoTime();
		this.jdbc.sql("CREATE INDEX ON " + this.tables.base() + " (n)").update();
		this.jdbc.sql("ANALYZE " + this.tables.base()).update();
		log.info("Analytics: {} base rows staged in {} ms, indexed and analysed in {} ms", staged,
				(aggregated - started) / 1_000_000, (System.nanoTime() - aggregated) / 1_000_000);
		return staged;
	}

	/**
	 * Stages the base rows of every active customer in up to {@code parts} parts by range
	 * of customer id, from {@code stagers} connections at once (docs/adr/0053):
	 * PostgreSQL runs the one aggregate of {@link #base} on one core, and the months read
	 * beside it finish well before it. The staged (empty) tables are committed first so
	 * that other connections can write into them; this connection then takes a snapshot
	 * in a repeatable-read transaction and exports it, the others import it, so that
	 * every part sees the same customers and interactions. The parts' bounds are
	 * quantiles of a sample of the active customers' ids (a bad sample makes the parts
	 * uneven, never a customer staged twice or missed). Part p numbers its rows in
	 * customer-id order from p × ⌊(2³¹ − 1) / parts⌋ + 1, so the numbers rise with the
	 * ids as those of the one statement do, with a gap between parts; {@link #write}
	 * walks the numbers part by part. Each connection takes the next part until none is
	 * left; the others commit their rows, then this one, and the rows are indexed and
	 * analysed. One part or one connection is the one statement. Answers how many.
	 */
	int base(ScoreWriter scores, Instant asOf, int parts, int stagers) {
		return base(scores, asOf, parts, stagers, CompletableFuture.completedFuture(null));
	}

	/**
	 * The same, the other stagers starting once {@code others} is done (however it ends):
	 * this connection stages parts from the start while the work beside it (the months
	 * read) keeps the other core busy, and the other stagers take the parts left when it
	 * is done, so that both cores work to the end of the phase.
	 */
	int base(ScoreWriter scores, Instant asOf, int parts, int stagers, CompletableFuture<?> others) {
		if (parts < 2 || stagers < 2) {
			return base(scores, asOf, null);
		}
		long started = System.nanoTime();
		commit();
		this.jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
		begin();
		String snapshot = this.jdbc.sql("SELECT pg_export_snapshot()").query(String.class).single();
		Parts work = new Parts(bounds(parts));
		long sampled = System.nanoTime();
		ExecutorService besides = Executors.newFixedThreadPool(stagers - 1, (task) -> {
			Thread thread = new Thread(task, "analytics-stager-" + this.tables.run().toString().substring(0, 8));
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> beside = new ArrayList<>();
			for (int s = 1; s < stagers; s++) {
				beside.add(besides.submit(() -> {
					try {
						others.join();
					}
					catch (RuntimeException ex) {
						// the work beside failed: it fails the run after this phase
					}
					if (work.done()) {
						return;
					}
					try (StagedRun stager = new StagedRun(this.dataSource, this.tables, false, snapshot)) {
						stager.stage(work, scores, asOf);
						stager.commit();
					}
					catch (RuntimeException ex) {
						work.stop();
						throw ex;
					}
				}));
			}
			try {
				stage(work, scores, asOf);
			}
			catch (RuntimeException ex) {
				work.stop();
				throw ex;
			}
			for (Future<?> stager : beside) {
				stager.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("staging the base rows failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			// no stager is left writing when the run goes on, or fails and drops the
			// tables
			besides.shutdown();
			try {
				besides.awaitTermination(1, TimeUnit.HOURS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// the snapshot does not see the other stagers' rows: the rows are indexed in a
		// transaction that does
		commit();
		begin();
		this.numbers = work.numbers();
		long aggregated = System.nanoTime();
		this.jdbc.sql("CREATE INDEX ON " + this.tables.base() + " (n)").update();
		this.jdbc.sql("ANALYZE " + this.tables.base()).update();
		log.info(
				"Analytics: {} base rows staged in {} parts by {} connections in {} ms (bounds sampled in {} ms), "
						+ "indexed and analysed in {} ms",
				work.total(), work.parts(), stagers, (aggregated - started) / 1_000_000,
				(sampled - started) / 1_000_000, (System.nanoTime() - aggregated) / 1_000_000);
		return work.total();
	}

	/**
	 * The lower bounds of parts 2 … {@code parts}: quantiles of the ids of a sample of
	 * about {@link #BOUNDS_SAMPLE} active customers (whole pages drawn at random; every
	 * customer when the table is smaller), each once.
	 */
	private List<UUID> bounds(int parts) {
		double rows = this.jdbc.sql("SELECT reltuples FROM pg_class WHERE oid = 'customer'::regclass")
			.query(Double.class)
			.single();
		double percent = (rows <= BOUNDS_SAMPLE) ? 100 : 100.0 * BOUNDS_SAMPLE / rows;
		List<UUID> sample = this.jdbc
			.sql("SELECT id FROM customer TABLESAMPLE SYSTEM (CAST(:percent AS real)) WHERE status = 'ACTIVE' "
					+ "ORDER BY id")
			.param("percent", percent)
			.query(UUID.class)
			.list();
		List<UUID> bounds = new ArrayList<>();
		for (int p = 1; p < parts; p++) {
			int at = (int) ((long) sample.size() * p / parts);
			if (at > 0 && at < sample.size()
					&& (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(sample.get(at)))) {
				bounds.add(sample.get(at));
			}
		}
		return bounds;
	}

	/** Stages the next part of the base rows until none is left. */
	private void stage(Parts work, ScoreWriter scores, Instant asOf) {
		for (int part = work.next(); part >= 0; part = work.next()) {
			UUID to = work.to(part);
			JdbcClient.StatementSpec spec = scores
				.baseParameters(this.jdbc.sql(ScoreSql.stagedBasePart(to == null, this.tables.base())), asOf)
				.param("from", work.from(part))
				.param("offset", work.offset(part));
			if (to != null) {
				spec = spec.param("to", to);
			}
			work.staged(part, spec.update());
		}
	}

	/**
	 * The parts of a population's base rows by range of customer id (the first from the
	 * smallest id, the last without an upper bound), each numbered from its offset;
	 * handed out to the stagers in order, with the rows each staged.
	 */
	static final class Parts {

		private static final UUID SMALLEST = new UUID(0L, 0L);

		private final List<UUID> bounds;

		private final int stride;

		private final int[] staged;

		private int next;

		private boolean stopped;

		/** The parts between {@code bounds}: ascending, distinct. */
		Parts(List<UUID> bounds) {
			this.bounds = List.copyOf(bounds);
			this.stride = Integer.MAX_VALUE / parts();
			this.staged = new int[parts()];
		}

		int parts() {
			return this.bounds.size() + 1;
		}

		/** The next part, −1 when none is left or a stager failed. */
		synchronized int next() {
			if (this.stopped || this.next >= parts()) {
				return -1;
			}
			return this.next++;
		}

		synchronized void stop() {
			this.stopped = true;
		}

		/** Whether every part is taken (or a stager failed). */
		synchronized boolean done() {
			return this.stopped || this.next >= parts();
		}

		/** The smallest id of the part. */
		UUID from(int part) {
			return (part == 0) ? SMALLEST : this.bounds.get(part - 1);
		}

		/** The id above the part's, null for the last. */
		UUID to(int part) {
			return (part == this.bounds.size()) ? null : this.bounds.get(part);
		}

		/** The number before the part's first row. */
		long offset(int part) {
			return (long) part * this.stride;
		}

		synchronized void staged(int part, int rows) {
			if (rows >= this.stride) {
				throw new IllegalStateException("part " + part + " of the base rows holds " + rows
						+ " customers, more than its numbers: stage them in fewer parts");
			}
			this.staged[part] = rows;
		}

		synchronized int total() {
			return Arrays.stream(this.staged).sum();
		}

		/** The numbers of the staged rows, part by part: [first, last + 1). */
		synchronized List<int[]> numbers() {
			List<int[]> numbers = new ArrayList<>();
			for (int p = 0; p < parts(); p++) {
				if (this.staged[p] > 0) {
					int first = Math.toIntExact(offset(p) + 1);
					numbers.add(new int[] { first, first + this.staged[p] });
				}
			}
			return numbers;
		}

	}

	/**
	 * Hands the purchase months of every buyer among the active customers (among
	 * {@code scope} when given) to {@code months}, on a connection of its own (a cursor
	 * with a fetch size: the driver holds one fetch), beside the staged run.
	 */
	static BuyerDays months(DataSource dataSource, Instant asOf, UUID[] scope, PurchaseMonths months) {
		BuyerDays days = new BuyerDays();
		try (StagedRun reader = new StagedRun(dataSource, null, false)) {
			JdbcClient.StatementSpec spec = reader.jdbc.sql(ScoreSql.months(scope != null))
				.param("asOf", RunStore.at(asOf));
			if (scope != null) {
				spec = spec.param("ids", scope);
			}
			spec.query((RowCallbackHandler) (rs) -> {
				UUID buyer = rs.getObject(1, UUID.class);
				months.row(buyer, rs.getInt(2), rs.getInt(3), rs.getLong(4));
				days.row(buyer, rs.getInt(5));
			});
			months.endOfBuyers();
		}
		return days;
	}

	/** The churn model's sample of the staged buyers. */
	UUID[] churnSample(long seed, int customers) {
		return this.jdbc.sql(ScoreSql.stagedChurnSample(this.tables.base()))
			.param("seed", String.valueOf(seed))
			.param("customers", customers)
			.query(UUID.class)
			.list()
			.toArray(UUID[]::new);
	}

	/**
	 * The staged buyers' values, read once into column arrays, streamed as binary
	 * {@code COPY} ({@link BinaryCopy}: the values as {@code float8}, NULL as 0), with
	 * each buyer's distinct purchase days from {@code days} (counted beside): repeat
	 * purchase days are the days − 1, and the days from first to last purchase count only
	 * for a buyer of more than one day. A buyer the months read beside did not see (a
	 * purchase recorded between the two statements) has its days counted here.
	 */
	Buyers buyers(int expected, BuyerDays days, Instant asOf) {
		Buyers buyers = new Buyers(Math.max(16, expected));
		double[] row = new double[Buyers.WIDTH];
		long[] id = new long[2];
		List<Integer> unseen = new ArrayList<>();
		try (PGCopyInputStream stream = new PGCopyInputStream(this.connection.unwrap(PGConnection.class),
				"COPY (" + ScoreSql.stagedBuyers(this.tables.base()) + ") TO STDOUT (FORMAT binary)")) {
			BinaryCopy.Reader reader = new BinaryCopy.Reader(stream);
			while (reader.next() >= 0) {
				int number = reader.int4(0);
				reader.uuid(id);
				for (int c = 0; c < Buyers.WIDTH; c++) {
					row[c] = reader.float8(0);
				}
				int d = days.find(id[0], id[1]);
				buyers.add(number, row);
				if (d > 0) {
					buyers.days(buyers.size() - 1, d);
				}
				else {
					unseen.add(buyers.size() - 1);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("reading the staged buyers failed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!unseen.isEmpty()) {
			Map<Integer, Integer> positions = new HashMap<>();
			unseen.forEach((i) -> positions.put(buyers.number(i), i));
			this.jdbc.sql(ScoreSql.stagedDays(this.tables.base()))
				.param("numbers", positions.keySet().toArray(Integer[]::new))
				.param("asOf", RunStore.at(asOf))
				.query((RowCallbackHandler) (rs) -> buyers.days(positions.remove(rs.getInt(1)), rs.getInt(2)));
			// purchases gone since the base rows were staged: one day, as a buyer has
			positions.values().forEach((i) -> buyers.days(i, 1));
			log.info("Analytics: purchase days of {} buyers counted after the months", unseen.size());
		}
		return buyers;
	}

	/**
	 * Copies the buyers' learned values in as binary {@code COPY}: expected purchases,
	 * probability alive, CLV (null arrays or NaN: none), class (null array: none) and
	 * distinct purchase days.
	 */
	void learned(Buyers buyers, double[] e, double[] a, double[] c, int[] k) {
		try {
			CopyIn copy = this.connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + this.tables.learned() + " (n, e, a, c, k, d) FROM STDIN (FORMAT binary)");
			try {
				BinaryCopy.Writer rows = new BinaryCopy.Writer();
				for (int i = 0; i < buyers.size(); i++) {
					rows.row(6).int4(buyers.number(i));
					rows.float8OrNull(e == null ? Double.NaN : e[i]);
					rows.float8OrNull(a == null ? Double.NaN : a[i]);
					rows.float8OrNull(c == null ? Double.NaN : c[i]);
					if (k == null) {
						rows.nullField();
					}
					else {
						rows.int4(k[i]);
					}
					rows.int4(buyers.days(i));
					if (rows.size() >= COPY_BYTES) {
						send(copy, rows);
					}
				}
				send(copy, rows.end());
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("copying the learned values failed", ex);
		}
		this.jdbc.sql("CREATE INDEX ON " + this.tables.learned() + " (n)").update();
		this.jdbc.sql("ANALYZE " + this.tables.learned()).update();
	}

	private static void send(CopyIn copy, BinaryCopy.Writer rows) throws SQLException {
		byte[] bytes = rows.bytes();
		copy.writeToCopy(bytes, 0, bytes.length);
		rows.clear();
	}

	/**
	 * Writes every staged customer's final row into a fresh table for the run (no
	 * indexes, no key checks, not attached: no reader sees it), {@code batch} customer
	 * numbers per statement, from {@code writers} connections at once: the staged tables
	 * and the empty table are committed first, then this connection and
	 * {@code writers − 1} more each take the next range until none is left (the same
	 * statement for every range, so the rows do not depend on who wrote them), telling
	 * {@code progress} how many are written after each; then builds the table's indexes
	 * once, all rows committed. {@link #attach} makes the rows the run's partition.
	 */
	void write(AnalyticsRun run, String churnColumns, int staged, int batch, int writers, AnalyticsSettings settings,
			IntConsumer progress) {
		long started = System.nanoTime();
		ScorePartition partition = new ScorePartition(run.id());
		this.jdbc.sql(partition.create()).update();
		commit();
		begin();
		Ranges ranges = new Ranges((this.numbers != null) ? this.numbers : List.of(new int[] { 1, staged + 1 }), batch,
				progress);
		String sql = ScoreSql.stagedScores(churnColumns, partition.table(), this.tables.base(), this.tables.learned());
		ExecutorService others = Executors.newFixedThreadPool(Math.max(1, writers - 1), (task) -> {
			Thread thread = new Thread(task, "analytics-writer-" + run.id().toString().substring(0, 8));
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> beside = new ArrayList<>();
			for (int w = 1; w < writers; w++) {
				beside.add(others.submit(() -> {
					try (StagedRun writer = new StagedRun(this.dataSource, this.tables, false)) {
						writer.fill(ranges, sql, run, settings);
						writer.commit();
					}
					catch (RuntimeException ex) {
						ranges.stop();
						throw ex;
					}
				}));
			}
			try {
				fill(ranges, sql, run, settings);
			}
			catch (RuntimeException ex) {
				ranges.stop();
				throw ex;
			}
			for (Future<?> writer : beside) {
				writer.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("writing the scores failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			// no writer is left writing when the run goes on, or fails and drops the
			// table
			others.shutdown();
			try {
				others.awaitTermination(1, TimeUnit.HOURS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		long written = System.nanoTime();
		partition.index().forEach((statement) -> this.jdbc.sql(statement).update());
		log.info("Analytics run {}: rows written in {} ms by {} connections, indexed in {} ms", run.id(),
				(written - started) / 1_000_000, writers, (System.nanoTime() - written) / 1_000_000);
	}

	/** Writes the next range of customers with {@code sql} until none is left. */
	private void fill(Ranges ranges, String sql, AnalyticsRun run, AnalyticsSettings settings) {
		for (int[] range = ranges.next(); range != null; range = ranges.next()) {
			this.jdbc.sql(sql)
				.param("run", run.id())
				.param("version", run.modelVersion())
				.param("asOf", RunStore.at(run.asOf()))
				.param("lostAfter", settings.lostAfterDays())
				.param("loyalMin", settings.loyalMinPurchases())
				.param("from", range[0])
				.param("to", range[1])
				.update();
			ranges.written(range);
		}
	}

	/**
	 * The ranges of the staged customers' numbers, {@code batch} at a time within each
	 * span of numbers (1 … staged, or a part's, in order), handed out to the writers in
	 * order, and the count of rows written so far.
	 */
	private static final class Ranges {

		private final List<int[]> spans;

		private final int batch;

		private final IntConsumer progress;

		private int span;

		private int next;

		private int written;

		private boolean stopped;

		Ranges(List<int[]> spans, int batch, IntConsumer progress) {
			this.spans = spans;
			this.batch = batch;
			this.progress = progress;
			this.next = spans.isEmpty() ? 0 : spans.get(0)[0];
		}

		/** The next range [from, to), null when none is left or a writer failed. */
		synchronized int[] next() {
			while (!this.stopped && this.span < this.spans.size() && this.next >= this.spans.get(this.span)[1]) {
				this.span++;
				if (this.span < this.spans.size()) {
					this.next = this.spans.get(this.span)[0];
				}
			}
			if (this.stopped || this.span >= this.spans.size()) {
				return null;
			}
			int from = this.next;
			this.next = (int) Math.min(this.spans.get(this.span)[1], (long) from + this.batch);
			return new int[] { from, this.next };
		}

		synchronized void written(int[] range) {
			this.written += range[1] - range[0];
			this.progress.accept(this.written);
		}

		synchronized void stop() {
			this.stopped = true;
		}

	}

	/**
	 * Attaches the run's written table as its partition of analytics_customer_score (its
	 * indexes adopted, its rows proven the run's by its check) and drops the staged
	 * tables; readers see the rows from the commit on.
	 */
	void attach(UUID run) {
		new ScorePartition(run).attach().forEach((statement) -> this.jdbc.sql(statement).update());
		this.tables.drop().forEach((statement) -> this.jdbc.sql(statement).update());
	}

	/** Commits the run's work so far. */
	void commit() {
		try {
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("committing the analytics run failed", ex);
		}
	}

	/** Rolls back whatever was not committed and hands the connection back. */
	@Override
	public void close() {
		try {
			this.connection.rollback();
			this.connection.setAutoCommit(this.autoCommit);
		}
		catch (SQLException ex) {
			// closing below hands the connection back in any case
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// nothing more to do
		}
	}

}
