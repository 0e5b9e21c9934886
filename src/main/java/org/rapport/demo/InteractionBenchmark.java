package org.rapport.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import org.rapport.access.ApiClients;
import org.rapport.access.Scope;
import org.rapport.customer.BulkCustomer;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.InteractionImports;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.TimelineFilter;
import org.rapport.loyalty.Loyalty;
import org.rapport.platform.Actor;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench interactions}: on the server started for the run, in one run so that the
 * ratios hold, (e) generates and loads customers with about N purchases in their
 * histories ({@code generate}'s path), (c) imports a CSV file of N purchases and copies
 * the same file raw, (d) reads first timeline pages, (a) records single purchases over
 * HTTP next to {@code pgbench -N} on the same PostgreSQL, (b) records batches, (f)
 * records single purchases with the loyalty engine off and on ({@link LoyaltyOnOff}) and
 * (g), after (c), exports every interaction as CSV next to {@code COPY … TO STDOUT}
 * ({@link ExportVersusCopy}).
 */
final class InteractionBenchmark {

	/** Purchases per generated customer on average with the default history settings. */
	static final double PURCHASES_PER_CUSTOMER = 2.73;

	/**
	 * How long (a)'s clients call before its steady window, unless
	 * {@code --single-warm-up} says otherwise (ADR 0039).
	 */
	static final int DEFAULT_SINGLE_WARM_UP = 30;

	/**
	 * What to run: sizes, clients and seconds per timed run; {@code singleWarmUpSeconds}
	 * ({@code --single-warm-up S}) is how long (a)'s clients call before its steady
	 * window (at least through its cold window); {@code importOnly} ({@code --only
	 * import}) stops after (e), (c) and (g).
	 */
	record Options(long purchases, int clients, int seconds, int batchSize, int batchClients, long seed, Path workDir,
			int singleWarmUpSeconds, boolean importOnly) {

		Options(long purchases, int clients, int seconds, int batchSize, int batchClients, long seed, Path workDir) {
			this(purchases, clients, seconds, batchSize, batchClients, seed, workDir, 0, false);
		}

		static Options of(String[] args, Path workDir) {
			String only = Arguments.option(args, "only");
			if (only != null && !only.equals("import")) {
				throw new IllegalArgumentException("--only takes import, not " + only);
			}
			return new Options(Arguments.longOption(args, "purchases", 1_000_000),
					(int) Arguments.longOption(args, "clients", 8), (int) Arguments.longOption(args, "seconds", 30),
					(int) Arguments.longOption(args, "batch-size", 10_000),
					(int) Arguments.longOption(args, "batch-clients", 2), Arguments.longOption(args, "seed", 1),
					workDir, (int) Arguments.longOption(args, "single-warm-up", DEFAULT_SINGLE_WARM_UP), only != null);
		}

		Duration warmUp() {
			return Duration.ofSeconds(Math.max(1, Math.min(5, this.seconds / 5)));
		}

		/**
		 * How long (a)'s clients have been calling when its steady window begins:
		 * {@code --single-warm-up S}, 30 s unless given (ADR 0039); never before the cold
		 * window has ended.
		 */
		Duration singleWarmUp() {
			Duration coldEnd = warmUp().plusSeconds(this.seconds);
			Duration asked = Duration.ofSeconds(Math.max(0, this.singleWarmUpSeconds));
			return asked.compareTo(coldEnd) > 0 ? asked : coldEnd;
		}

		/** The calls between (a)'s cold window and its steady one. */
		Duration steadyWarmUp() {
			return singleWarmUp().minus(warmUp()).minusSeconds(this.seconds);
		}

	}

	private final ConfigurableApplicationContext server;

	private final Options options;

	private final PrintStream out;

	InteractionBenchmark(ConfigurableApplicationContext server, Options options, PrintStream out) {
		this.server = server;
		this.options = options;
		this.out = out;
	}

	BenchmarkReport measure() throws IOException, SQLException, InterruptedException {
		JdbcClient jdbc = this.server.getBean(JdbcClient.class);
		DataSource dataSource = this.server.getBean(DataSource.class);
		Options o = this.options;
		BenchmarkReport report = new BenchmarkReport(String.format(Locale.ROOT,
				"interactions: %,d purchases, %d clients, %d s per run", o.purchases(), o.clients(), o.seconds()),
				Instant.now());
		report
			.text(BenchmarkReport.machine("PostgreSQL " + setting(jdbc, "server_version") + " (embedded, "
					+ "shared_buffers " + setting(jdbc, "shared_buffers") + ", fsync " + setting(jdbc, "fsync")
					+ ", synchronous_commit " + setting(jdbc, "synchronous_commit") + ")"))
			.text("");
		String run = Long.toString(System.currentTimeMillis(), 36);

		// (e) generation and load
		this.out.println("(e) Generating and loading customers and their histories...");
		GeneratorSettings customers = GeneratorSettings.of(o.seed(),
				Math.max(10, Math.round(o.purchases() / PURCHASES_PER_CUSTOMER)));
		HistorySettings history = HistorySettings.of(o.seed(), LocalDate.now(ZoneOffset.UTC));
		long started = System.nanoTime();
		long[] generatedOnly = HistoryLoad.generateOnly(customers, history);
		double generatedSeconds = (System.nanoTime() - started) / 1e9;
		CustomerBulkLoad bulk = this.server.getBean(CustomerBulkLoad.class);
		BulkLoadReport loaded = GenerateCommand.load(bulk, customers, this.out);
		HistoryLoad.Loaded histories = HistoryLoad.loadCounted(bulk, this.server.getBean(Interactions.class),
				this.server.getBean(InteractionBulkWriter.class), customers, history, HistoryLoad.WRITERS, 0, this.out);
		jdbc.sql("ANALYZE").update();
		List<UUID> sample = sampleCustomers(bulk, customers);
		BenchmarkLines.generation(report, customers, generatedOnly, generatedSeconds, loaded, histories);

		// (c) import against raw COPY
		this.out.println("(c) CSV import against raw COPY of the same file...");
		ImportVersusCopy.File file = ImportVersusCopy.write(o.workDir().resolve("purchases.csv"), o.purchases(), sample,
				run, history.asOf(), o.seed());
		jdbc.sql("CHECKPOINT").update();
		long[] cpu = { CommitCount.postgresCpu(jdbc), CommitCount.jvmCpu() };
		ImportVersusCopy.Load raw = ImportVersusCopy.rawCopy(dataSource, file)
			.withCpu(CommitCount.postgresCpu(jdbc) - cpu[0], CommitCount.jvmCpu() - cpu[1]);
		jdbc.sql("CHECKPOINT").update();
		cpu = new long[] { CommitCount.postgresCpu(jdbc), CommitCount.jvmCpu() };
		ImportVersusCopy.Load imported = ImportVersusCopy
			.importFile(this.server.getBean(InteractionImports.class), file)
			.withCpu(CommitCount.postgresCpu(jdbc) - cpu[0], CommitCount.jvmCpu() - cpu[1]);
		jdbc.sql("ANALYZE").update();
		BenchmarkLines.importing(report, file, raw, imported);

		// (g) export against COPY TO
		this.out.println("(g) Export against COPY TO...");
		long interactionsStored = jdbc.sql("SELECT count(*) FROM interaction").query(Long.class).single();
		String exportKey = this.server.getBean(ApiClients.class)
			.create("bench-export-" + run, Set.of(Scope.INTERACTIONS_EXPORT), Actor.SYSTEM)
			.apiKey();
		int exportPort = Integer.parseInt(this.server.getEnvironment().getProperty("local.server.port", "0"));
		List<ExportVersusCopy.Out> outs = new ArrayList<>();
		jdbc.sql("CHECKPOINT").update();
		outs.add(ExportVersusCopy.copy(dataSource, "`COPY interaction TO STDOUT (FORMAT csv)` (the bare table)",
				ExportVersusCopy.BARE));
		outs.add(ExportVersusCopy.copy(dataSource,
				"`COPY (the export's join and order) TO STDOUT (FORMAT csv)` (PostgreSQL writes the rows)",
				ExportVersusCopy.JOINED));
		cpu = new long[] { CommitCount.postgresCpu(jdbc), CommitCount.jvmCpu() };
		outs.add(ExportVersusCopy.api(exportPort, exportKey));
		BenchmarkLines.exporting(report, interactionsStored, outs, CommitCount.postgresCpu(jdbc) - cpu[0],
				CommitCount.jvmCpu() - cpu[1]);
		if (o.importOnly()) {
			return report;
		}

		// (d) timeline reads at the loaded size
		long stored = jdbc.sql("SELECT count(*) FROM interaction").query(Long.class).single();
		String key = this.server.getBean(ApiClients.class)
			.create("bench-" + run, Set.of(Scope.INTERACTIONS_READ, Scope.INTERACTIONS_WRITE), Actor.SYSTEM)
			.apiKey();
		int port = Integer.parseInt(this.server.getEnvironment().getProperty("local.server.port", "0"));
		InteractionHttp http = new InteractionHttp(port, key, run);
		Interactions facade = this.server.getBean(Interactions.class);
		TimelineFilter none = new TimelineFilter(Set.of(), null, null, null);
		this.out.println("(d) Timeline reads...");
		List<LatencyRun.Result> reads = new ArrayList<>();
		LatencyRun.run("warm-up", o.clients(), Duration.ZERO, o.warmUp(), sample, http::timeline);
		reads.add(LatencyRun.run("timeline first page, facade", o.clients(), o.warmUp(),
				Duration.ofSeconds(o.seconds()), sample, (c) -> facade.timeline(c, none, 0, 20, null) != null));
		reads.add(LatencyRun.run("timeline first page, HTTP", o.clients(), o.warmUp(), Duration.ofSeconds(o.seconds()),
				sample, http::timeline));
		BenchmarkLines.timeline(report, o, stored, reads);

		// (a) single purchases next to pgbench, (b) batches
		this.out.println("(a) Single purchases over HTTP, then pgbench -N...");
		CommitProbe.Result probe = CommitProbe.run(dataSource, 300);
		CommitCount.Snapshot beforeSingle = CommitCount.take(jdbc);
		// one run of calls measured twice: right after the short warm-up (the JIT still
		// compiling the recording path) and at steady state (ADR 0039)
		SingleWindow cold = SingleWindow.measure("record one purchase, HTTP, cold", o.clients(), o.warmUp(),
				Duration.ofSeconds(o.seconds()), sample, http::recordOne);
		SingleWindow steady = SingleWindow.measure("record one purchase, HTTP", o.clients(), o.steadyWarmUp(),
				Duration.ofSeconds(o.seconds()), sample, http::recordOne);
		CommitCount.Cost singleCost = CommitCount.since(jdbc, beforeSingle, Duration.ofSeconds(60));
		PgBench.Result pgbench = PgBench.run(dataSource, o.clients(), o.seconds());
		BenchmarkLines.single(report, o, cold, steady, pgbench, probe);
		report.text(singleCost.describe()).text("");
		report.text("Listeners when the calls ended: " + singleCost.describeLag() + ".").text("");
		report.text(singleCost.describeWrites()).text("");
		report.text("Cold window: " + ThreadCpu.describe(cold.cpuBefore(), cold.cpuAfter(), cold.result().calls()))
			.text("");
		report
			.text("Steady window: "
					+ ThreadCpu.describe(steady.cpuBefore(), steady.cpuAfter(), steady.result().calls()))
			.text("");
		this.out.println("(b) Batches over HTTP...");
		UUID[] targets = sample.toArray(UUID[]::new);
		SplittableRandom random = new SplittableRandom(o.seed());
		long createdBefore = http.batchCreated();
		long batchStart = System.nanoTime();
		// No warm-up and every call started in time counts, so that batches slower than
		// the
		// run still give a rate: purchases created over the time until the last one
		// answered.
		LatencyRun.Result batches = LatencyRun.run("batch", o.batchClients(), Duration.ZERO,
				Duration.ofSeconds(o.seconds()), List.of(0), (ignored) -> {
					SplittableRandom mine;
					synchronized (random) {
						mine = random.split();
					}
					return http.recordBatch(targets, o.batchSize(), mine);
				});
		double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
		BenchmarkLines.batch(report, o, batches, http.batchCreated() - createdBefore, batchSeconds);

		// (f) single purchases with the loyalty engine off, then on (last: its members
		// would earn in the runs above)
		this.out.println("(f) Single purchases with the loyalty engine off and on...");
		LoyaltyOnOff.report(report, o,
				LoyaltyOnOff.measure(this.server.getBean(Loyalty.class), jdbc, o, sample, http, run));
		if (http.firstFailure() != null) {
			report.text("First failed HTTP call: `" + http.firstFailure().replace('`', '\'').replace('\n', ' ') + "`")
				.text("");
		}
		return report;
	}

	/** Up to 10,000 of the generated customers, with their ids. */
	private static List<UUID> sampleCustomers(CustomerBulkLoad bulk, GeneratorSettings settings) {
		List<String> keys = new ArrayList<>();
		for (CustomerGenerator g = new CustomerGenerator(settings); g.hasNext() && keys.size() < 10_000;) {
			BulkCustomer c = g.next();
			keys.add(c.externalKey());
		}
		List<UUID> ids = new ArrayList<>(bulk.customerIds(GenerateCommand.SOURCE, keys).values());
		if (ids.isEmpty()) {
			throw new IllegalStateException("No generated customer was loaded");
		}
		ids.sort(null);
		return ids;
	}

	private static String setting(JdbcClient jdbc, String name) {
		return jdbc.sql("SHOW " + name).query(String.class).single();
	}

}
