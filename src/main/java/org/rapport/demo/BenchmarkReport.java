package org.rapport.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a dated benchmark section, with the machine it ran on, to docs/benchmarks.md.
 */
final class BenchmarkReport {

	static final String INTRO = """
			# Benchmarks

			Numbers measured with `java -jar rapport.jar bench customers` (see `CustomerBenchmark`) and
			`java -jar rapport.jar bench interactions` (see `InteractionBenchmark`). Each run starts its own
			embedded PostgreSQL in a fresh folder (`data/bench`), so it never touches real or demo data, and
			appends a dated section below with the method, the machine and the numbers.
			Compare runs only on the same machine; the benchmarks are not part of `./mvnw verify`.
			""";

	/** One bulk-load measurement. */
	record Load(String what, long customers, long rows, double seconds) {

		double customersPerSecond() {
			return this.customers / this.seconds;
		}

		double rowsPerSecond() {
			return this.rows / this.seconds;
		}

	}

	private final List<String> lines = new ArrayList<>();

	BenchmarkReport(String title, Instant at) {
		this.lines.add("");
		this.lines.add("## " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at)
				+ " — " + title);
		this.lines.add("");
	}

	BenchmarkReport text(String text) {
		this.lines.add(text);
		return this;
	}

	BenchmarkReport loads(List<Load> loads, double ratio) {
		this.lines.add("| load | customers | rows (all tables) | seconds | customers/s | rows/s |");
		this.lines.add("|---|---:|---:|---:|---:|---:|");
		for (Load load : loads) {
			this.lines.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %,.0f |", load.what(),
					load.customers(), load.rows(), load.seconds(), load.customersPerSecond(), load.rowsPerSecond()));
		}
		this.lines.add("");
		this.lines.add(String.format(Locale.ROOT,
				"Bulk load rate / raw COPY rate (customers/s): **%.2f** (goal ≥ 0.5).", ratio));
		this.lines.add("");
		return this;
	}

	BenchmarkReport latencies(List<LatencyRun.Result> results) {
		this.lines
			.add("| operation | clients | calls | calls/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
		this.lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (LatencyRun.Result r : results) {
			this.lines
				.add(String.format(Locale.ROOT, "| %s | %d | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d |",
						r.name(), r.clients(), r.calls(), r.perSecond(), r.p50() / 1000.0, r.p90() / 1000.0,
						r.p99() / 1000.0, r.p999() / 1000.0, r.max() / 1000.0, r.errors()));
		}
		this.lines.add("");
		return this;
	}

	/** A table with this header row and these rows, each cell already formatted. */
	BenchmarkReport table(List<String> header, List<List<String>> rows) {
		this.lines.add("| " + String.join(" | ", header) + " |");
		StringBuilder rule = new StringBuilder("|---|");
		for (int i = 1; i < header.size(); i++) {
			rule.append("---:|");
		}
		this.lines.add(rule.toString());
		for (List<String> row : rows) {
			this.lines.add("| " + String.join(" | ", row) + " |");
		}
		this.lines.add("");
		return this;
	}

	/** The section as written, one line per element. */
	List<String> lines() {
		return List.copyOf(this.lines);
	}

	/**
	 * Cores, memory, CPU, OS, Java and the given PostgreSQL version, as one paragraph.
	 */
	static String machine(String postgres) {
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return String.format(Locale.ROOT,
				"Machine: %d cores (%s), %.1f GiB RAM, %s %s, Java %s (%s), %s. Load average at start: %.2f.",
				Runtime.getRuntime().availableProcessors(), cpuModel(), memory / (1024.0 * 1024 * 1024),
				System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version(),
				System.getProperty("java.vm.name"), postgres, load);
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((l) -> l.startsWith("model name"))
				.map((l) -> l.substring(l.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown CPU";
		}
	}

	void appendTo(Path file) throws IOException {
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		if (!Files.exists(file)) {
			Files.writeString(file, INTRO, StandardCharsets.UTF_8);
		}
		Files.write(file, this.lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

}
