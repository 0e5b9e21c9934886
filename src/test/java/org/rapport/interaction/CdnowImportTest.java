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

	@Autowired
	IngestionSettings settings;

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
		assertThat(figuresDiffering(source)).isZero();
		assertThat(count("""
				SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id
				WHERE i.source_system = ? AND l.amount <> i.total""", source)).isZero();

		ImportJobView again = this.imports.importFile(file, "CDNOW_master.txt", options, ImportListener.NONE);
		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(69_659);
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = ?", source)).isEqualTo(69_659);
		assertThat(revenue(source)).isEqualByComparingTo(expected.dollars);
		assertThat(figuresDiffering(source)).isZero();
	}

	/**
	 * The imported customers whose kept figures differ from a straight count of their
	 * interactions: all purchases, those in the business currency, revenue and the
	 * average basket over the purchases in the business currency (CDNOW is in USD: in an
	 * installation of that currency every purchase counts, in another none does).
	 */
	private long figuresDiffering(String source) {
		return this.jdbc.sql("""
				WITH mine AS (SELECT DISTINCT customer_id FROM interaction WHERE source_system = :source),
				straight AS (
				  SELECT i.customer_id, count(*) FILTER (WHERE i.kind = 'PURCHASE') AS purchases,
				    count(*) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency) AS in_currency,
				    coalesce(sum(i.total) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency), 0) AS revenue
				  FROM interaction i JOIN mine USING (customer_id) GROUP BY i.customer_id)
				SELECT count(*) FROM straight s LEFT JOIN customer_figures f USING (customer_id)
				WHERE f.customer_id IS NULL OR f.purchases <> s.purchases OR f.purchases_in_currency <> s.in_currency
				  OR f.revenue <> s.revenue OR f.average_basket IS DISTINCT FROM
				    CASE WHEN s.in_currency > 0 THEN round(s.revenue / s.in_currency, 2) END
				""")
			.param("source", source)
			.param("currency", this.settings.businessCurrency())
			.query(Long.class)
			.single();
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
