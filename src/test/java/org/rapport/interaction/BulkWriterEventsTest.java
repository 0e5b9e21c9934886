package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class BulkWriterEventsTest {

	@Autowired
	InteractionBulkWriter writer;

	@Autowired
	ImportedInteractionsProbe probe;

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

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void everyWrittenChunkOfHistoryIsAnnouncedOnceWithItsNewInteractionsAndARewriteAnnouncesNothing() {
		UUID ana = this.fx.customer();
		UUID bea = this.fx.customer();
		String sku = this.fx.product("books");
		String source = "gen-" + InteractionFixture.unique();
		List<BulkInteraction> history = new ArrayList<>();
		for (int n = 1; n <= 3; n++) {
			history.add(visit(ana, source, n));
		}
		history.add(purchase(bea, source, 4, sku));
		history.add(purchase(bea, source, 5, sku));

		BulkWriteReport first = this.writer.write(history.iterator(), 3, null);
		BulkWriteReport again = this.writer.write(history.iterator(), 3, null);
		List<BulkInteraction> partly = new ArrayList<>(history.subList(0, 3));
		partly.add(visit(bea, source, 6));
		BulkWriteReport oneNew = this.writer.write(partly.iterator(), 4, null);

		assertThat(first.written()).isEqualTo(5);
		assertThat(again.written()).isZero();
		assertThat(oneNew.written()).isEqualTo(1);
		// module listeners may run on another thread after the commit
		await().atMost(Duration.ofSeconds(30)).until(() -> this.probe.from(source).size() >= 3);
		List<InteractionsImported> heard = this.probe.from(source);
		assertThat(heard).hasSize(3);
		assertThat(heard).allSatisfy((e) -> assertThat(e.jobId()).isNull());
		assertThat(heard).extracting(InteractionsImported::interactions, InteractionsImported::customerIds)
			.containsExactlyInAnyOrder(tuple(3, List.of(ana)), tuple(2, List.of(bea)), tuple(1, List.of(bea)));
		// completed publications are deleted (completion mode delete): none is left over
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc.sql("""
					SELECT count(*) FROM event_publication WHERE event_type = ? AND serialized_event LIKE ?
					  AND listener_id LIKE ?""")
				.params(InteractionsImported.class.getName(), "%\"" + source + "\"%",
						"%" + ImportedInteractionsProbe.class.getSimpleName() + "%")
				.query(Long.class)
				.single()).isZero());
		assertThat(this.interactions.figures(bea).purchases()).isEqualTo(2);
	}

	private static BulkInteraction visit(UUID customer, String source, int n) {
		String key = "visit-" + n;
		return new BulkInteraction(BulkInteraction.idFor(source, key), customer, InteractionKind.VISIT, "store",
				Instant.parse("2024-06-0" + n + "T10:00:00Z"), source, key, null, null, null, null, null, null, null,
				null, null, null, null, List.of());
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
