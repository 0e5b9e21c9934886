package org.rapport.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rapport.analytics.Analytics;
import org.rapport.analytics.AnalyticsRun;
import org.rapport.analytics.RunListener;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench analytics [--purchases N]}: on the server started for the run, generates
 * and loads customers with about N purchases in their histories ({@code generate}'s
 * path), then times a single SQL aggregate scan of the purchases, a full
 * {@code analytics run} (scores, value model, classes, churn model, population views) and
 * the scan again, and reports the JVM's peak resident set (VmHWM).
 */
final class AnalyticsBenchmark {

	static final String SCAN = "SELECT customer_id, count(*), sum(total), min(occurred_at), max(occurred_at) "
			+ "FROM interaction WHERE kind = 'PURCHASE' GROUP BY customer_id";

	private final ConfigurableApplicationContext server;

	private final long purchases;

	private final long seed;

	private final boolean reuse;

	private final PrintStream out;

	AnalyticsBenchmark(ConfigurableApplicationContext server, long purchases, long seed, boolean reuse,
			PrintStream out) {
		this.server = server;
		this.purchases = purchases;
		this.seed = seed;
		this.reuse = reuse;
		this.out = out;
	}

	BenchmarkReport measure() {
		JdbcClient jdbc = this.server.getBean(JdbcClient.class);
		BenchmarkReport report = new BenchmarkReport(
				String.format(Locale.ROOT, "analytics: full run over about %,d purchases", this.purchases),
				Instant.now());
		report.text(BenchmarkReport.machine("PostgreSQL " + jdbc.sql("SHOW server_version").query(String.class).single()
				+ " (embedded, shared_buffers " + jdbc.sql("SHOW shared_buffers").query(String.class).single() + ")"))
			.text("");
		if (this.reuse) {
			this.out.println("Reusing the data set in the folder (--reuse)...");
		}
		else {
			this.out.println("Generating and loading customers and their histories...");
			GeneratorSettings customers = GeneratorSettings.of(this.seed,
					Math.max(10, Math.round(this.purchases / InteractionBenchmark.PURCHASES_PER_CUSTOMER)));
			HistorySettings history = HistorySettings.of(this.seed, LocalDate.now(ZoneOffset.UTC));
			CustomerBulkLoad bulk = this.server.getBean(CustomerBulkLoad.class);
			GenerateCommand.load(bulk, customers, this.out);
			HistoryLoad.loadCounted(bulk, this.server.getBean(Interactions.class),
					this.server.getBean(InteractionBulkWriter.class), customers, history, HistoryLoad.WRITERS, 0,
					this.out);
			jdbc.sql("VACUUM ANALYZE").update();
		}
		long stored = jdbc.sql("SELECT count(*) FROM interaction WHERE kind = 'PURCHASE'").query(Long.class).single();
		long active = jdbc.sql("SELECT count(*) FROM customer WHERE status = 'ACTIVE'").query(Long.class).single();
		long rssBefore = peakRssKb();

		this.out.println("Aggregate scan...");
		double scan1 = scan(jdbc);
		this.out.println("Full analytics run...");
		long started = System.nanoTime();
		List<String> phases = new ArrayList<>();
		AnalyticsRun run = this.server.getBean(Analytics.class).runAll(new RunListener() {
			@Override
			public void phase(String name) {
				String line = String.format(Locale.ROOT, "%s (at %.1f s)", name, (System.nanoTime() - started) / 1e9);
				synchronized (phases) {
					phases.add(line);
				}
				AnalyticsBenchmark.this.out.println("... " + line);
			}
		});
		double runSeconds = (System.nanoTime() - started) / 1e9;
		this.out.println("Aggregate scan again...");
		double scan2 = scan(jdbc);
		long rssAfter = peakRssKb();
		double scan = Math.min(scan1, scan2);
		report
			.text(String.format(Locale.ROOT,
					"%,d purchases of %,d active customers. The scan is `%s` read to the end (rows counted in the "
							+ "JVM), timed before and after the run; the run is `analytics run` (status %s%s), %s.",
					stored, active, SCAN, run.status(), run.error() == null ? "" : ": " + run.error(),
					run.predictionsUnavailable() == null ? "with value predictions"
							: "predictions unavailable: " + run.predictionsUnavailable()))
			.text("")
			.table(List.of("Measure", "Seconds", "× scan"),
					List.of(List.of("aggregate scan (before)", secs(scan1), ratio(scan1, scan)),
							List.of("aggregate scan (after)", secs(scan2), ratio(scan2, scan)),
							List.of("analytics run", secs(runSeconds), ratio(runSeconds, scan))))
			.text("")
			.text(String.format(Locale.ROOT,
					"Peak RSS of the JVM (VmHWM): %,d MiB after loading, %,d MiB after the run (max heap %,d MiB). "
							+ "Goal: the run within 2× the scan.",
					rssBefore / 1024, rssAfter / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024)))
			.text("")
			.text("Phases as the run reported them (each main-line phase starts at the time shown; the phases "
					+ "beside it report their own duration): " + String.join("; ", phases) + ".")
			.text("");
		if (this.reuse) {
			report
				.text("Run on a data set generated before (`--reuse`), or a copy of one; a completed run on it "
						+ "before is superseded by this one.")
				.text("");
		}
		return report;
	}

	private double scan(JdbcClient jdbc) {
		long started = System.nanoTime();
		long[] rows = { 0 };
		jdbc.sql(SCAN).query((rs) -> {
			rows[0]++;
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		this.out.printf(Locale.ROOT, "    %,d customers in %.2f s%n", rows[0], seconds);
		return seconds;
	}

	private static String secs(double seconds) {
		return String.format(Locale.ROOT, "%.2f", seconds);
	}

	private static String ratio(double value, double base) {
		return String.format(Locale.ROOT, "%.2f", value / base);
	}

	/** The process's peak resident set in KiB, from /proc/self/status (0 elsewhere). */
	static long peakRssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
		return 0;
	}

}
