package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk writer checks SKUs against the catalogue once per chunk (interaction_line has
 * no per-row foreign keys, ADR 0016).
 */
@IntegrationTest
class BulkWriterCatalogueTest {

	@Autowired
	InteractionBulkWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Test
	void aChunkWithALineOutsideTheCatalogueIsRefusedWholeAndTheChunksBeforeItStay() {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		UUID ana = fx.customer();
		String sku = fx.product("books");
		String unknown = "NO-SUCH-" + InteractionFixture.unique().toUpperCase();
		String source = "gen-" + InteractionFixture.unique();
		List<BulkInteraction> history = List.of(purchase(ana, source, 1, sku), purchase(ana, source, 2, sku),
				purchase(ana, source, 3, sku), purchase(ana, source, 4, unknown));

		assertThatThrownBy(() -> this.writer.write(history.iterator(), 2, null)).hasMessageContaining(unknown);

		assertThat(this.jdbc.sql("SELECT idempotency_key FROM interaction WHERE source_system = ? ORDER BY 1")
			.param(source)
			.query(String.class)
			.list()).containsExactly("order-1", "order-2");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id
				WHERE i.source_system = ?""").param(source).query(Long.class).single()).isEqualTo(2);
		assertThat(this.interactions.figures(ana).purchases()).isEqualTo(2);
	}

	private static BulkInteraction purchase(UUID customer, String source, int n, String sku) {
		String key = "order-" + n;
		BigDecimal price = new BigDecimal("12.50");
		return new BulkInteraction(BulkInteraction.idFor(source, key), customer, InteractionKind.PURCHASE, "web",
				Instant.parse("2024-06-0" + n + "T10:00:00Z"), source, key, null, null, null, null, key, price, "EUR",
				null, null, null, null, List.of(new BulkInteraction.Line(1, sku, "books", BigDecimal.ONE, price,
						BigDecimal.ZERO, price, null)));
	}

}
