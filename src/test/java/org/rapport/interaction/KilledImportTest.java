package org.rapport.interaction;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.Rapport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code import} command runs in a JVM of its own against the test database and is
 * killed with SIGKILL in the middle of the file; then the same file is imported again.
 */
@IntegrationTest
class KilledImportTest {

	/** Rows in the file: enough that the import is still running when it is killed. */
	static final int ROWS = 60_000;

	/** Every n-th row names an unknown SKU and is rejected. */
	static final int BAD_EVERY = 997;

	/** Every n-th row is a purchase in dollars: stored, not in the revenue. */
	static final int DOLLARS_EVERY = 50;

	static final int CUSTOMERS = 400;

	@Autowired
	InteractionImports imports;

	@Autowired
	ImportCommand command;

	@Autowired
	Interactions interactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@TempDir
	Path dir;

	@Test
	void anImportKilledMidwayIsReportedInterruptedAndItsRerunStoresEveryRowExactlyOnce() throws Exception {
		String sku = "SKU-KILL-" + InteractionFixture.unique().toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Killed import product", "music", true));
		String source = "kill-" + InteractionFixture.unique();
		String cards = "9" + (System.nanoTime() % 1_000_000_000L);
		Path file = this.dir.resolve("history.csv");
		Expected expected = writeFile(file, sku, cards);

		Process importer = startImporter(file, source);
		UUID job;
		try {
			await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(100)).until(() -> {
				assertThat(importer.isAlive()).as("the import ended before it could be killed: %s", log()).isTrue();
				return stored(source) > 0;
			});
			importer.destroyForcibly();
			assertThat(importer.waitFor(1, TimeUnit.MINUTES)).isTrue();
			job = jobOf(source);
		}
		finally {
			importer.destroyForcibly();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.imports.job(job).orElseThrow().status() == ImportJobView.Status.INTERRUPTED);
		ImportJobView killed = this.imports.job(job).orElseThrow();
		assertThat(killed.stored()).isGreaterThan(0).isLessThan(expected.stored());
		assertThat(killed.error()).contains("stopped before the end");
		// nothing half-written: what is there is exactly what the job's committed chunks
		// say
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = ?", source))
			.isEqualTo(killed.stored());
		assertThat(count("SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id "
				+ "WHERE i.source_system = ?", source))
			.isEqualTo(killed.stored());
		assertThat(count("SELECT count(*) FROM import_rejection WHERE job_id = ?", job)).isEqualTo(killed.rejected());
		assertThat(count("SELECT count(*) FROM customer_identity WHERE type = 'CARD' AND value LIKE ?", cards + "%"))
			.isEqualTo(count("SELECT count(DISTINCT customer_id) FROM interaction WHERE source_system = ?", source));
		assertThat(figuresDiffer(source)).isZero();

		Path errors = this.dir.resolve("errors.csv");
		this.command.output(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
		int exit = this.command.run(new String[] { file.toString(), "--source", source, "--unknown-identity",
				"create-prospect", "--errors", errors.toString() });

		assertThat(exit).isEqualTo(ImportCommand.REJECTED_ROWS);
		ImportJobView done = this.imports.job(job).orElseThrow();
		assertThat(done.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(done.resumes()).isEqualTo(1);
		assertThat(done.rowsRead()).isEqualTo(ROWS);
		assertThat(done.stored()).isEqualTo(expected.stored());
		assertThat(done.skipped()).isZero();
		assertThat(done.rejected()).isEqualTo(expected.badLines().size());
		assertThat(count("SELECT count(*) FROM import_job WHERE source_system = ?", source)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT line FROM import_rejection WHERE job_id = ? ORDER BY line")
			.param(job)
			.query(Long.class)
			.list()).isEqualTo(expected.badLines());
		List<String> report = Files.readAllLines(errors);
		assertThat(report).hasSize(expected.badLines().size() + 1);
		assertThat(report.subList(1, report.size())).extracting((row) -> Long.parseLong(row.split(",")[0]))
			.isEqualTo(expected.badLines());
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = ?", source))
			.isEqualTo(expected.stored());
		assertThat(count("SELECT count(DISTINCT idempotency_key) FROM interaction WHERE source_system = ?", source))
			.isEqualTo(expected.stored());
		assertThat(count("SELECT count(*) FROM customer_identity WHERE type = 'CARD' AND value LIKE ?", cards + "%"))
			.isEqualTo(CUSTOMERS);
		assertThat(figuresDiffer(source)).isZero();
		Map<String, Object> totals = this.jdbc.sql("""
				SELECT sum(f.purchases) AS purchases, sum(f.revenue) AS revenue FROM customer_figures f
				WHERE f.customer_id IN (SELECT customer_id FROM interaction WHERE source_system = ?)""")
			.param(source)
			.query()
			.singleRow();
		assertThat(((Number) totals.get("purchases")).longValue()).isEqualTo(expected.stored());
		assertThat((BigDecimal) totals.get("revenue")).isEqualByComparingTo(expected.euros());
	}

	/** What one clean run of the file stores. */
	record Expected(long stored, BigDecimal euros, List<Long> badLines) {
	}

	/**
	 * One purchase per row, of 400 customers known by card (created as prospects), every
	 * {@value #BAD_EVERY}th row with an unknown SKU, every {@value #DOLLARS_EVERY}th in
	 * dollars.
	 */
	private static Expected writeFile(Path file, String sku, String cards) throws IOException {
		BigDecimal euros = BigDecimal.ZERO;
		List<Long> bad = new ArrayList<>();
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("identity_type,identity_value,occurred_at,order_reference,sku,quantity,unit_price,currency\n");
			for (int row = 1; row <= ROWS; row++) {
				long line = row + 1;
				BigDecimal price = BigDecimal.valueOf(100 + row % 900, 2);
				boolean rejected = row % BAD_EVERY == 0;
				boolean dollars = row % DOLLARS_EVERY == 0;
				if (rejected) {
					bad.add(line);
				}
				else if (!dollars) {
					euros = euros.add(price);
				}
				out.write("card," + cards + (row % CUSTOMERS) + ",2023-"
						+ String.format("%02d-%02d", 1 + row % 12, 1 + row % 28) + ",K-" + row + ","
						+ (rejected ? "NO-SUCH-SKU" : sku) + ",1," + price + "," + (dollars ? "USD" : "EUR") + "\n");
			}
		}
		return new Expected(ROWS - bad.size(), euros, bad);
	}

	private Process startImporter(Path file, String source) throws IOException {
		String url = ((HikariDataSource) this.dataSource).getJdbcUrl();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				Rapport.class.getName(), "import", file.toString(), "--source", source, "--unknown-identity",
				"create-prospect", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--rapport.imports.chunk-size=500", "--spring.flyway.enabled=false");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("importer.log").toFile())
			.start();
	}

	private String log() {
		try {
			return Files.readString(this.dir.resolve("importer.log"));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private long stored(String source) {
		return this.jdbc.sql("SELECT coalesce(max(stored), 0) FROM import_job WHERE source_system = ?")
			.param(source)
			.query(Long.class)
			.single();
	}

	private UUID jobOf(String source) {
		return this.jdbc.sql("SELECT id FROM import_job WHERE source_system = ?")
			.param(source)
			.query(UUID.class)
			.single();
	}

	private long count(String sql, Object param) {
		return this.jdbc.sql(sql).param(param).query(Long.class).single();
	}

	/** Customers of the source whose kept figures differ from the same figures in SQL. */
	private long figuresDiffer(String source) {
		return this.jdbc.sql("""
				WITH mine AS (SELECT DISTINCT customer_id FROM interaction WHERE source_system = :source),
				kept AS (
				  SELECT f.customer_id, f.first_purchase_at, f.last_purchase_at, f.purchases, f.revenue
				  FROM customer_figures f JOIN mine USING (customer_id)),
				straight AS (
				  SELECT x.customer_id, min(x.occurred_at) FILTER (WHERE x.kind = 'PURCHASE'),
				    max(x.occurred_at) FILTER (WHERE x.kind = 'PURCHASE'),
				    count(*) FILTER (WHERE x.kind = 'PURCHASE')::int,
				    coalesce(sum(x.total) FILTER (WHERE x.kind = 'PURCHASE' AND x.currency = 'EUR'), 0)
				  FROM interaction x JOIN mine USING (customer_id) GROUP BY x.customer_id)
				SELECT count(*) FROM ((SELECT * FROM kept EXCEPT SELECT * FROM straight)
				  UNION ALL (SELECT * FROM straight EXCEPT SELECT * FROM kept)) d""")
			.param("source", source)
			.query(Long.class)
			.single();
	}

}
