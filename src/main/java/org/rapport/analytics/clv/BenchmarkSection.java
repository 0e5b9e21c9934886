package org.rapport.analytics.clv;

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

/** A dated section with the machine it ran on, appended to docs/benchmarks.md. */
final class BenchmarkSection {

	private final List<String> lines = new ArrayList<>();

	BenchmarkSection(String title, Instant at) {
		this.lines.add("");
		this.lines.add("## " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at)
				+ " — " + title);
		this.lines.add("");
	}

	BenchmarkSection line(String text) {
		this.lines.add(text);
		return this;
	}

	static String machine() {
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		return String.format(Locale.ROOT,
				"Machine: %d cores (%s), %.1f GiB RAM, %s %s, Java %s (%s), max heap %.1f GiB. Load average at start: "
						+ "%.2f.",
				Runtime.getRuntime().availableProcessors(), cpu(), memory / (1024.0 * 1024 * 1024),
				System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version(),
				System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static String cpu() {
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
			Files.writeString(file, "# Benchmarks\n", StandardCharsets.UTF_8);
		}
		Files.write(file, this.lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

}
