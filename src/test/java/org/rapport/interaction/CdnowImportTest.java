package org.rapport.interaction;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CdnowImportTest {

	static final Path MASTER = Path.of("../shared/data/cdnow/CDNOW_master.txt");

	@Autowired
	InteractionImports imports;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCdnowFileImportsEveryPurchaseOfEveryCustomerAndARerunAddsNothing() throws Exception {
		Path file = Files.exists(MASTER) ? MASTER : Path.of("/work/shared/data/cdnow/CDNOW_master.txt");
		String source = "cdnow-" + InteractionFixture.unique();
		ImportOptions options = ImportOptions.of(ImportFormat.CDNOW, source)
			.withUnknownIdentities(ImportOptions.UnknownIdentities.CREATE_PROSPECT);
		Expected expected = Expected.of(file);

		long started = System.nanoTime();
		ImportJobView first = this.imports.importFile(file, "CDNOW_master.txt", options, ImportListener.NONE);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("CDNOW import: %,d rows in %.1f s (%,.0f rows/s)%n", first.rowsRead(), seconds,
				first.rowsRead() / seconds);

		assertThat(first.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(first.rowsRead()).isEqualTo(69_659);
		assertThat(first.stored()).isEqualTo(69_659);
		assertThat(first.rejected()).isZero();
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = ?", source)).isEqualTo(expected.rows);
		assertThat(count("SELECT count(DISTINCT customer_id) FROM interaction WHERE source_system = ?", source))
			.isEqualTo(23_570);
		assertThat(revenue(source)).isEqualByComparingTo(expected.dollars);
		assertThat(count("""
				SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id
				WHERE i.source_system = ? AND l.amount <> i.total""", source)).isZero();

		ImportJobView again = this.imports.importFile(file, "CDNOW_master.txt", options, ImportListener.NONE);
		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(69_659);
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = ?", source)).isEqualTo(69_659);
		assertThat(revenue(source)).isEqualByComparingTo(expected.dollars);
	}

	private long count(String sql, String source) {
		return this.jdbc.sql(sql).param(source).query(Long.class).single();
	}

	private BigDecimal revenue(String source) {
		return this.jdbc.sql("SELECT sum(total) FROM interaction WHERE source_system = ?")
			.param(source)
			.query(BigDecimal.class)
			.single();
	}

	/** A straight count and sum of the file, without the import's code. */
	record Expected(long rows, BigDecimal dollars) {

		static Expected of(Path file) throws Exception {
			long rows = 0;
			BigDecimal sum = BigDecimal.ZERO;
			for (String line : Files.readAllLines(file)) {
				String[] f = line.strip().split("\\s+");
				if (f.length == 4 && Character.isDigit(f[0].charAt(0))) {
					rows++;
					sum = sum.add(new BigDecimal(f[3]));
				}
			}
			return new Expected(rows, sum);
		}

	}

}
