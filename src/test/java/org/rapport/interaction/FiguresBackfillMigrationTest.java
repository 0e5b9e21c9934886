package org.rapport.interaction;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V6_6 gives the figures stored before it their count of purchases in the
 * business currency and their average basket again, from the stored interactions, in the
 * currency the installation configures (docs/adr/0048). Run on a schema of its own,
 * migrated up to the version before, filled as the old code left it, then migrated on.
 */
@IntegrationTest
class FiguresBackfillMigrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	Flyway flyway;

	@Autowired
	IngestionSettings settings;

	@Test
	void theMigrationsAreGivenTheConfiguredBusinessCurrency() {
		assertThat(this.flyway.getConfiguration().getPlaceholders()).containsEntry("business-currency",
				this.settings.businessCurrency());
	}

	@Test
	void storedFiguresGetTheirPurchasesInTheBusinessCurrencyAndTheirAverageBasketFromTheInteractions()
			throws SQLException {
		String schema = "backfill_" + InteractionFixture.unique();
		// connections of its own: the migrations change the search path of the
		// connections they use
		DataSource own = new DriverManagerDataSource(this.dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
		JdbcClient jdbc = JdbcClient.create(own);
		try {
			migrate(own, schema, "6.2", "USD");
			UUID mixed = UUID.randomUUID();
			UUID foreign = UUID.randomUUID();
			UUID contactOnly = UUID.randomUUID();
			// as the old code kept them: revenue over every purchase
			purchase(jdbc, schema, mixed, "USD", "100.00", "2024-01-01T10:00:00Z");
			purchase(jdbc, schema, mixed, "USD", "20.00", "2024-01-02T10:00:00Z");
			purchase(jdbc, schema, mixed, "EUR", "60.00", "2024-01-03T10:00:00Z");
			purchase(jdbc, schema, foreign, "EUR", "50.00", "2024-01-04T10:00:00Z");
			figures(jdbc, schema, mixed, 3, "120.00", "40.00");
			figures(jdbc, schema, foreign, 1, "0.00", "0.00");
			figures(jdbc, schema, contactOnly, 0, "0.00", null);

			migrate(own, schema, "6.6", "USD");

			assertThat(row(jdbc, schema, mixed)).containsEntry("purchases", 3)
				.containsEntry("purchases_in_currency", 2)
				.containsEntry("average_basket", new BigDecimal("60.00"));
			assertThat(row(jdbc, schema, foreign)).containsEntry("purchases", 1)
				.containsEntry("purchases_in_currency", 0)
				.containsEntry("average_basket", null);
			assertThat(row(jdbc, schema, contactOnly)).containsEntry("purchases_in_currency", 0)
				.containsEntry("average_basket", null);
		}
		finally {
			jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
		}
	}

	private static void migrate(DataSource dataSource, String schema, String target, String currency) {
		Flyway.configure()
			.dataSource(dataSource)
			.schemas(schema)
			.locations("classpath:db/migration")
			.placeholders(Map.of("business-currency", currency))
			.target(target)
			.load()
			.migrate();
	}

	private static void purchase(JdbcClient jdbc, String schema, UUID customer, String currency, String total,
			String at) {
		jdbc.sql("INSERT INTO " + schema + ".interaction (id, customer_id, kind, channel, occurred_at, recorded_at, "
				+ "source_system, idempotency_key, total, currency) VALUES (?, ?, 'PURCHASE', 'store', ?, ?, 'pos', ?, ?, ?)")
			.params(UUID.randomUUID(), customer, OffsetDateTime.parse(at), OffsetDateTime.parse(at),
					InteractionFixture.unique(), new BigDecimal(total), currency)
			.update();
	}

	private static void figures(JdbcClient jdbc, String schema, UUID customer, int purchases, String revenue,
			String averageBasket) {
		jdbc.sql("INSERT INTO " + schema + ".customer_figures (customer_id, purchases, revenue, average_basket, "
				+ "updated_at) VALUES (?, ?, ?, ?, now())")
			.params(customer, purchases, new BigDecimal(revenue),
					averageBasket == null ? null : new BigDecimal(averageBasket))
			.update();
	}

	private static Map<String, Object> row(JdbcClient jdbc, String schema, UUID customer) {
		return jdbc
			.sql("SELECT purchases, purchases_in_currency, average_basket FROM " + schema
					+ ".customer_figures WHERE customer_id = ?")
			.param(customer)
			.query()
			.singleRow();
	}

}
