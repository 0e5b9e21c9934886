package org.rapport.interaction;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.CustomerMerger;
import org.rapport.customer.Customers;
import org.rapport.customer.PersonalData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class CustomerChangesTest {

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

	@Autowired
	CustomerMerger merger;

	@Autowired
	PersonalData personalData;

	@Autowired
	JdbcClient jdbc;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void aMergeMovesTheInteractionsToTheSurvivorAndRecomputesItsFigures() {
		UUID survivor = this.fx.customer();
		UUID merged = this.fx.customer();
		String sku = this.fx.product("tyres");
		this.fx.record(this.fx.purchase(survivor, "2024-03-01T10:00:00Z", sku, 1, "100.00"));
		this.fx.record(this.fx.purchase(merged, "2024-01-01T10:00:00Z", sku, 1, "50.00"));
		this.fx.record(this.fx.contact(merged, "CALL", "phone", "2024-02-01T10:00:00Z"));

		this.merger.merge(survivor, merged, null, null);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			CustomerFigures figures = this.interactions.figures(survivor);
			assertThat(figures.purchases()).isEqualTo(2);
			assertThat(figures.revenue()).isEqualByComparingTo("150.00");
			assertThat(figures.averageBasket()).isEqualByComparingTo("75.00");
			assertThat(figures.firstPurchaseAt()).hasToString("2024-01-01T10:00:00Z");
			assertThat(figures.lastContact()).containsKey("phone");
		});
		assertThat(this.interactions.timeline(survivor, TimelineFilter.all(), 0, 10, null).items()).hasSize(3);
		assertThat(this.interactions.timeline(merged, TimelineFilter.all(), 0, 10, null).items()).isEmpty();
		assertThat(this.interactions.figures(merged).purchases()).isZero();
	}

	@Test
	void anInteractionForAMergedCustomerIsRecordedOnTheSurvivor() {
		UUID survivor = this.fx.customer();
		UUID merged = this.fx.customer();
		this.merger.merge(survivor, merged, null, null);

		JsonNode visit = this.fx.record(this.fx.contact(merged, "VISIT", "store", "2024-02-01T10:00:00Z"));

		assertThat(visit.get("customerId").asString()).isEqualTo(survivor.toString());
	}

	@Test
	void customersNamedByIdAreFollowedThroughAChainOfMergesAndUnknownOrErasedOnesAreRejectedEachWithItsReason() {
		UUID survivor = this.fx.customer();
		UUID middle = this.fx.customer();
		UUID first = this.fx.customer();
		this.merger.merge(middle, first, null, null);
		this.merger.merge(survivor, middle, null, null);
		UUID erased = this.fx.customer();
		this.personalData.erase(erased, "customer request");
		UUID active = this.fx.customer();

		BatchResult result = this.interactions
			.recordBatch(java.util.List.of(visit(first), visit(erased), visit(UUID.randomUUID()), visit(active)));

		assertThat(result.created()).isEqualTo(2);
		assertThat(result.items()).extracting(RecordResult::index).containsExactly(0, 1, 2, 3);
		assertThat(this.interactions.get(result.items().get(0).id()).orElseThrow().customerId()).isEqualTo(survivor);
		assertThat(result.items().get(1).errors()).singleElement()
			.satisfies((p) -> assertThat(p.message()).isEqualTo("the customer was erased"));
		assertThat(result.items().get(2).errors()).singleElement()
			.satisfies((p) -> assertThat(p.message()).isEqualTo("no customer has this id"));
		assertThat(this.interactions.get(result.items().get(3).id()).orElseThrow().customerId()).isEqualTo(active);
	}

	@Test
	void anErasureAnonymisesTheInteractionsButKeepsTheAmounts() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("tyres");
		Map<String, Object> purchase = this.fx.purchase(customer, "2024-03-01T10:00:00Z", sku, 2, "40.00");
		purchase.put("attributes", Map.of("licencePlate", "1234-ABC", "note", "wants a call back"));
		JsonNode recorded = this.fx.record(purchase);
		Map<String, Object> call = this.fx.contact(customer, "CALL", "phone", "2024-03-02T10:00:00Z");
		call.put("outcome", "REFUSED");
		call.put("outcomeReason", "Ana Test was rude to staff");
		this.fx.record(call);

		assertThat(this.json.writeValueAsString(this.personalData.export(customer).get("interactions")))
			.contains("1234-ABC")
			.contains(sku);

		this.personalData.erase(customer, "customer request");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT count(*) FROM interaction WHERE customer_id = ? AND (attributes <> '{}' "
						+ "OR outcome_reason IS NOT NULL)")
				.param(customer)
				.query(Integer.class)
				.single()).isZero());
		InteractionView kept = this.interactions.get(UUID.fromString(recorded.get("id").asString())).orElseThrow();
		assertThat(kept.total()).isEqualByComparingTo("80.00");
		assertThat(kept.lines()).extracting(InteractionView.LineView::sku).containsExactly(sku);
		assertThat(kept.attributes()).isEmpty();
		assertThat(this.interactions.figures(customer).revenue()).isEqualByComparingTo("80.00");
	}

	private NewInteraction visit(UUID customer) {
		return this.json.convertValue(this.fx.contact(customer, "VISIT", "store", "2024-02-01T10:00:00Z"),
				NewInteraction.class);
	}

}
