package org.rapport.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code bench interactions} at a tiny size against the test database and checks the
 * section it writes: every measurement with its method and a well-formed table, and
 * nothing left behind. Timings are not checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InteractionBenchmarkTest {

	private static final Pattern HEADING = Pattern.compile(
			"^## \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC — interactions: " + "300 purchases, 2 clients, 1 s per run$");

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@Test
	void aTinyRunWritesEveryMeasurementWithItsMethodAndLeavesNoPgbenchDatabase() throws Exception {
		// batches of 4,000 purchases are bodies above the 1 MB limit of ordinary requests
		InteractionBenchmark.Options options = new InteractionBenchmark.Options(300, 2, 1, 4_000, 1, 90_417, this.dir);
		Path file = this.dir.resolve("benchmarks.md");

		new InteractionBenchmark(this.context, options, System.out).measure().appendTo(file);

		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertThat(lines).anyMatch((l) -> HEADING.matcher(l).matches());
		assertThat(lines).anyMatch((l) -> l.startsWith("Machine: "));
		assertThat(lines).contains("### (e) Generation and load (`generate`)", "### (c) CSV import against raw COPY",
				"### (a) Single purchases next to pgbench", "### (b) Batches");
		assertThat(lines).anyMatch((l) -> l.startsWith("### (d) Timeline read with "));
		assertThat(lines).anyMatch((l) -> l.startsWith("Import rate / raw COPY rate: **"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Timeline p99 over HTTP: **"));
		assertThat(lines).anyMatch((l) -> l.matches("Batch API: [1-9][0-9,]* purchases created in .*"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Single-purchase API rate / pgbench TPS, steady state: **")
				|| l.startsWith("pgbench: not measured — "));
		assertThat(lines).anyMatch((l) -> l.startsWith("Commit latency: a lone durable commit"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Machine over the cold window: "));
		assertThat(lines).anyMatch((l) -> l.startsWith("Written per purchase stored over the same span"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Steady window: JVM CPU over the measured window"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Loyalty on / off, steady state: **"));
		assertThat(lines).anyMatch((l) -> l.matches("Listeners at the steady window's end: loyalty off [\\d,]+ event "
				+ "publications outstanding when the calls ended, delivered \\d+\\.\\d s later; loyalty on .*"));
		assertThat(lines).anyMatch((l) -> l.matches("Listeners when the calls ended: [\\d,]+ event publications "
				+ "outstanding when the calls ended, delivered \\d+\\.\\d s later\\."));
		assertThat(lines).anyMatch((l) -> l.startsWith("Loyalty on: Transactions committed in the application's"));
		assertThat(lines).anyMatch((l) -> l.startsWith("CPU per purchase (JVM + PostgreSQL), off / on, steady: **"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Loyalty on, cold window: JVM CPU over the measured window"));
		assertThat(lines).anyMatch((l) -> l.startsWith("Loyalty on, steady window: JVM CPU over the measured window"));
		assertTablesAreWellFormed(lines);
		assertThat(errorsOf(lines, "| record one purchase, HTTP |")).isZero();
		assertThat(errorsOf(lines, "| record one purchase, HTTP, cold |")).isZero();
		assertThat(errorsOf(lines, "| batch |")).isZero();
		assertThat(errorsOf(lines, "| record one purchase, HTTP, loyalty off |")).isZero();
		assertThat(errorsOf(lines, "| record one purchase, HTTP, loyalty on, cold |")).isZero();
		assertThat(errorsOf(lines, "| record one purchase, HTTP, loyalty on |")).isZero();
		assertThat(errorsOf(lines, "| timeline first page, HTTP |")).isZero();
		// with loyalty on, the members' purchases earned pending points in their
		// programme
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM loyalty_movement m JOIN loyalty_account a ON a.id = m.account_id
				JOIN loyalty_programme p ON p.id = a.programme_id
				WHERE p.code LIKE 'bench-%' AND m.pending_delta > 0""").query(Long.class).single()).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = ?")
			.param(PgBench.DATABASE)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'bench_bare_import'")
			.query(Long.class)
			.single()).isZero();
	}

	/** Every row of every table has as many cells as its header. */
	private static void assertTablesAreWellFormed(List<String> lines) {
		int tables = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).startsWith("| ") || (i > 0 && lines.get(i - 1).startsWith("|"))) {
				continue;
			}
			tables++;
			int cells = cells(lines.get(i));
			assertThat(lines.get(i + 1)).startsWith("|---|");
			assertThat(cells(lines.get(i + 1))).isEqualTo(cells);
			for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
				assertThat(cells(lines.get(j))).as(lines.get(j)).isEqualTo(cells);
			}
		}
		assertThat(tables).isGreaterThanOrEqualTo(5);
	}

	private static int cells(String row) {
		return row.split("\\|", -1).length - 2;
	}

	private static long errorsOf(List<String> lines, String rowStart) {
		String row = lines.stream().filter((l) -> l.startsWith(rowStart)).findFirst().orElseThrow();
		String[] cells = row.split("\\|", -1);
		return Long.parseLong(cells[cells.length - 2].strip());
	}

}
