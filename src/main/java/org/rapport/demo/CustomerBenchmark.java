package org.rapport.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.platform.cli.CliCommand;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * {@code bench customers [--customers 1000000] [--clients 8] [--seconds 30] [--only load]}:
 * on a fresh embedded PostgreSQL of its own ({@code data/bench}, wiped first) it measures
 * (a) the bulk load of generated customers against a raw COPY of the same rows into bare
 * tables and (b), with the customers loaded, identity look-up and 360-view latency from
 * concurrent clients, in process through the facade and over HTTP with an API key against
 * the server started for the run. Appends the results to docs/benchmarks.md.
 * {@code bench analytics [--purchases N] [--reuse]} runs {@link AnalyticsBenchmark};
 * {@code bench interactions ...} runs {@link InteractionBenchmark} on the same kind of
 * fresh server.
 */
@Component
class CustomerBenchmark implements CliCommand {

	private static final long SEED = 1;

	private static final String[] TABLES = { "customer", "customer_identity", "customer_address", "customer_consent",
			"customer_consent_history", "customer_note", "customer_search_token", "household" };

	private final ApplicationContext context;

	CustomerBenchmark(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public int run(String[] args) {
		if (args.length == 0 || !List.of("customers", "interactions", "analytics").contains(args[0])) {
			System.out.println("Usage: bench customers [--customers 1000000] [--clients 8] [--seconds 30] "
					+ "[--dir data/bench] [--report docs/benchmarks.md] [--only load]");
			System.out.println("       bench interactions [--purchases 1000000] [--clients 8] [--seconds 30] "
					+ "[--batch-size 10000] [--batch-clients 2] [--single-warm-up S] [--dir data/bench] "
					+ "[--report docs/benchmarks.md]");
			System.out.println("       bench analytics [--purchases 1000000] [--dir data/bench] "
					+ "[--report docs/benchmarks.md] [--reuse]");
			return 2;
		}
		boolean interactions = args[0].equals("interactions");
		long customers = Arguments.longOption(args, "customers", 1_000_000);
		int clients = (int) Arguments.longOption(args, "clients", 8);
		int seconds = (int) Arguments.longOption(args, "seconds", 30);
		String dir = option(args, "dir", "data/bench");
		Path reportFile = Path.of(option(args, "report", "docs/benchmarks.md"));
		// bench analytics --reuse: time the run on a data set generated before in the
		// folder (or a copy of it), so builds can be compared on the same data.
		boolean reuse = args[0].equals("analytics") && Arguments.flag(args, "reuse")
				&& Files.isDirectory(Path.of(dir, "postgres"));
		try {
			if (!reuse) {
				wipe(Path.of(dir));
			}
			try (ConfigurableApplicationContext server = startServer(dir)) {
				String dataDirectory = server.getBean(JdbcClient.class)
					.sql("SHOW data_directory")
					.query(String.class)
					.single();
				if (!Path.of(dataDirectory).startsWith(Path.of(dir).toAbsolutePath())) {
					System.err.println("The benchmark runs only on its own embedded database, not on " + dataDirectory
							+ " (is spring.datasource.url set?)");
					return 1;
				}
				BenchmarkReport report = args[0].equals("analytics")
						? new AnalyticsBenchmark(server, Arguments.longOption(args, "purchases", 1_000_000),
								Arguments.longOption(args, "seed", 1), reuse, System.out)
							.measure()
						: interactions
								? new InteractionBenchmark(server, InteractionBenchmark.Options.of(args, Path.of(dir)),
										System.out)
									.measure()
								: measure(server, customers, clients, seconds,
										"load".equals(Arguments.option(args, "only")));
				report.appendTo(reportFile);
				System.out.println("Results appended to " + reportFile.toAbsolutePath());
			}
			return 0;
		}
		catch (IOException | java.sql.SQLException ex) {
			System.err.println("Benchmark failed: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private BenchmarkReport measure(ConfigurableApplicationContext server, long customers, int clients, int seconds,
			boolean loadOnly) throws IOException, java.sql.SQLException, InterruptedException {
		JdbcClient jdbc = server.getBean(JdbcClient.class);
		GeneratorSettings settings = GeneratorSettings.of(SEED, customers);
		String postgres = jdbc.sql("SHOW server_version").query(String.class).single();
		BenchmarkReport report = new BenchmarkReport(
				String.format(Locale.ROOT, "customers: %,d customers, %d clients", customers, clients), Instant.now());
		report.text(BenchmarkReport.machine("PostgreSQL " + postgres + " (embedded, fresh data folder, "
				+ "shared_buffers " + jdbc.sql("SHOW shared_buffers").query(String.class).single() + ", fsync "
				+ jdbc.sql("SHOW fsync").query(String.class).single() + ")"));
		report.text("");

		System.out.printf(Locale.ROOT, "Generating %,d customers without a database...%n", customers);
		long started = System.nanoTime();
		long generated = 0;
		for (CustomerGenerator g = new CustomerGenerator(settings); g.hasNext(); g.next()) {
			generated++;
		}
		BenchmarkReport.Load generatorOnly = new BenchmarkReport.Load("generator only (no database)", generated, 0,
				(System.nanoTime() - started) / 1e9);

		System.out.println("Raw COPY of the same rows into bare tables...");
		RawCopyBaseline raw = new RawCopyBaseline(server.getBean(DataSource.class));
		Cost rawCost = Cost.start(jdbc);
		started = System.nanoTime();
		long copied = raw.copy(new CustomerGenerator(settings), CustomerBulkLoad.DEFAULT_CHUNK);
		double rawSeconds = (System.nanoTime() - started) / 1e9;
		rawCost = rawCost.end(jdbc);
		long rawRows = countRows(jdbc, "bare_customer", "bare_identity", "bare_address", "bare_consent",
				"bare_consent_history", "bare_note", "bare_token", "bare_household");
		raw.drop();
		jdbc.sql("CHECKPOINT").update();
		BenchmarkReport.Load rawLoad = new BenchmarkReport.Load("raw COPY into bare tables", copied, rawRows,
				rawSeconds);

		System.out.println("Bulk load through CustomerBulkLoad...");
		boolean statements = resetStatementStatistics(jdbc);
		Cost bulkCost = Cost.start(jdbc);
		BulkLoadReport loaded = GenerateCommand.load(server.getBean(CustomerBulkLoad.class), settings, System.out);
		bulkCost = bulkCost.end(jdbc);
		if (statements) {
			printStatementStatistics(jdbc);
		}
		BenchmarkReport.Load bulkLoad = new BenchmarkReport.Load("CustomerBulkLoad (checks, indexes, constraints)",
				loaded.loaded(), countRows(jdbc, TABLES), loaded.duration().toNanos() / 1e9);
		jdbc.sql("ANALYZE").update();

		report.text("### Bulk load").text("");
		report.text("The generator's customers (seed " + SEED + ") streamed three times: generated only; written "
				+ "as COPY text into bare tables with no keys, indexes or constraints; and loaded through "
				+ "`CustomerBulkLoad` (checks, binary COPY into the real tables with their keys, unique and other indexes, "
				+ "one transaction per " + CustomerBulkLoad.DEFAULT_CHUNK + " customers). Rows count every table "
				+ "written (customers, identities, addresses, consents and their history, notes, search tokens, "
				+ "households).")
			.text("");
		report.loads(List.of(generatorOnly, rawLoad, bulkLoad),
				bulkLoad.customersPerSecond() / rawLoad.customersPerSecond());
		report
			.text("CPU and write-ahead log of each load (CPU of the PostgreSQL server's processes and of this JVM, "
					+ "from the operating system; the load average of the machine before and after, 1 minute):")
			.text("")
			.text("| load | PostgreSQL CPU s | JVM CPU s | µs CPU per customer (PostgreSQL + JVM) | WAL MB | WAL full-page images | checkpoints | load average |")
			.text("|---|---:|---:|---:|---:|---:|---:|---|")
			.text(rawCost.row("raw COPY into bare tables", copied))
			.text(bulkCost.row("CustomerBulkLoad", loaded.loaded()))
			.text("");
		System.out.println(rawCost.row("raw COPY", copied));
		System.out.println(bulkCost.row("bulk load", loaded.loaded()));
		if (loaded.rejected() > 0) {
			report.text(loaded.rejected() + " generated rows were rejected by the load.").text("");
		}
		if (loadOnly) {
			return report;
		}
		report.text("### Reads with " + String.format(Locale.ROOT, "%,d", loaded.loaded()) + " customers").text("");
		report.text(ReadLatencies.method(clients, seconds)).text("");
		report.latencies(ReadLatencies.measure(server, jdbc, clients, seconds));
		return report;
	}

	/**
	 * What one load cost: CPU of PostgreSQL's processes and of this JVM, write-ahead log
	 * written, and the machine's load average before and after.
	 */
	private record Cost(long postgresCpu, long jvmCpu, String lsn, double loadBefore, long walBytes, double loadAfter,
			long fullPages, long checkpoints) {

		static Cost start(JdbcClient jdbc) {
			return new Cost(CommitCount.postgresCpu(jdbc), CommitCount.jvmCpu(),
					jdbc.sql("SELECT pg_current_wal_lsn()::text").query(String.class).single(), loadAverage(), 0, 0,
					fullPageImages(jdbc), checkpoints(jdbc));
		}

		Cost end(JdbcClient jdbc) {
			long wal = jdbc.sql("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), CAST(? AS pg_lsn))::bigint")
				.param(this.lsn)
				.query(Long.class)
				.single();
			return new Cost(CommitCount.postgresCpu(jdbc) - this.postgresCpu, CommitCount.jvmCpu() - this.jvmCpu,
					this.lsn, this.loadBefore, wal, loadAverage(), fullPageImages(jdbc) - this.fullPages,
					checkpoints(jdbc) - this.checkpoints);
		}

		String row(String what, long customers) {
			return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f + %.1f | %.0f | %,d | %d | %.2f → %.2f |",
					what, this.postgresCpu / 1e9, this.jvmCpu / 1e9, this.postgresCpu / 1e3 / Math.max(1, customers),
					this.jvmCpu / 1e3 / Math.max(1, customers), this.walBytes / 1e6, this.fullPages, this.checkpoints,
					this.loadBefore, this.loadAfter);
		}

		private static long fullPageImages(JdbcClient jdbc) {
			return jdbc.sql("SELECT wal_fpi FROM pg_stat_wal").query(Long.class).single();
		}

		/** Checkpoints begun so far, timed or requested (PostgreSQL 17's view). */
		private static long checkpoints(JdbcClient jdbc) {
			return jdbc.sql("SELECT num_timed + num_requested FROM pg_stat_checkpointer").query(Long.class).single();
		}

		private static double loadAverage() {
			return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		}

	}

	/**
	 * With the statement statistics loaded
	 * ({@code -Drapport.embedded-db.settings.shared_preload_libraries=pg_stat_statements})
	 * the load's statements are listed by time on standard output.
	 */
	private static boolean resetStatementStatistics(JdbcClient jdbc) {
		if (!jdbc.sql("SHOW shared_preload_libraries").query(String.class).single().contains("pg_stat_statements")) {
			return false;
		}
		jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
		jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
		return true;
	}

	private static void printStatementStatistics(JdbcClient jdbc) {
		System.out.println("Statements of the bulk load by time (ms total, calls, rows, ms planning):");
		jdbc.sql("SELECT round(total_exec_time) AS ms, calls, rows, round(total_plan_time) AS plan, "
				+ "left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS query FROM pg_stat_statements "
				+ "ORDER BY total_exec_time DESC LIMIT 20")
			.query((rs, n) -> String.format(Locale.ROOT, "%10.0f %8d %10d %6.0f  %s", rs.getDouble(1), rs.getLong(2),
					rs.getLong(3), rs.getDouble(4), rs.getString(5)))
			.list()
			.forEach(System.out::println);
	}

	private static long countRows(JdbcClient jdbc, String... tables) {
		long rows = 0;
		for (String table : tables) {
			rows += jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
		}
		return rows;
	}

	private ConfigurableApplicationContext startServer(String dir) {
		Class<?> application = this.context.getBeansWithAnnotation(SpringBootApplication.class)
			.values()
			.stream()
			.map(ClassUtils::getUserClass)
			.findFirst()
			.orElseThrow();
		System.out.println("Starting a server on a fresh database in " + Path.of(dir).toAbsolutePath());
		// Given as arguments, which win over application.yml and the environment, so the
		// run
		// can never use the installation's own database.
		return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET)
			.run("--rapport.embedded-db.dir=" + Path.of(dir, "postgres").toAbsolutePath(), "--server.port=0",
					"--rapport.embedded-db.pool-size=30", "--rapport.demo.enabled=false",
					"--rapport.admin.initial-password=bench-admin-password", "--logging.level.root=warn",
					"--logging.level.org.rapport=warn");
	}

	private static void wipe(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static String option(String[] args, String name, String fallback) {
		String value = Arguments.option(args, name);
		return value == null ? fallback : value;
	}

}
