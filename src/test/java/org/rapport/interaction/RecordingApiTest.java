package org.rapport.interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RecordApplicationEvents
class RecordingApiTest {

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
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void aPurchaseIsRecordedOnceAndARetryAnswersTheOriginal() {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		Map<String, Object> body = this.fx.purchase(customer, "2024-05-01T10:15:30Z", tyre, 2, "49.90");

		MvcTestResult first = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", body);
		MvcTestResult retry = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", body);

		assertThat(first).hasStatus(201);
		JsonNode created = this.fx.body(first);
		assertThat(created.get("kind").asString()).isEqualTo("PURCHASE");
		assertThat(created.get("total").decimalValue()).isEqualByComparingTo("99.80");
		assertThat(created.get("lines").get(0).get("amount").decimalValue()).isEqualByComparingTo("99.80");
		assertThat(created.get("lines").get(0).get("category").asString()).isEqualTo("tyres");
		assertThat(retry).hasStatus(200);
		assertThat(this.fx.body(retry).get("id").asString()).isEqualTo(created.get("id").asString());
		assertThat(count(customer)).isEqualTo(1);
		assertThat(this.events.stream(InteractionsRecorded.class)
			.flatMap((e) -> e.interactions().stream())
			.filter((e) -> e.customerId().equals(customer))).hasSize(1)
			.allSatisfy((e) -> assertThat(e.lines()).extracting(InteractionRecorded.LineSummary::sku)
				.containsExactly(tyre));
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), "/api/v1/interactions/" + created.get("id").asString()))
			.hasStatus(200)
			.bodyJson()
			.extractingPath("$.lines[0].sku")
			.isEqualTo(tyre);
	}

	@Test
	void theAnswerToARecordingIsTheInteractionAsStoredAndReadBack() {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		String rim = this.fx.product("rims");
		// values the database normalises: scales of amounts and quantities,
		// sub-microsecond
		// time, attribute order
		Map<String, Object> body = this.fx.purchase(customer, "2024-05-01T10:15:30.123456789Z", tyre, "1.5", "49.9",
				rim, 2, "10");
		body.put("attributes", new java.util.LinkedHashMap<>(Map.of("zeta", 1, "alpha", "x")));

		MvcTestResult first = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", body);

		assertThat(first).hasStatus(201);
		JsonNode created = this.fx.body(first);
		JsonNode read = this.fx
			.body(this.fx.get(this.fx.as(Role.MARKETER), "/api/v1/interactions/" + created.get("id").asString()));
		assertThat(created).isEqualTo(read);
		assertThat(created.get("lines")).hasSize(2);
		assertThat(created.get("lines").get(0).get("productName").asString()).isEqualTo("Product " + tyre);
		assertThat(created.get("lines").get(0).get("quantity").decimalValue()).isEqualByComparingTo("1.5");
		assertThat(created.get("total").decimalValue()).isEqualByComparingTo("94.85");
	}

	@Test
	void theAnswerWrittenWithoutNegotiationIsTheOneTheConverterWrites() throws Exception {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		Map<String, Object> body = this.fx.purchase(customer, "2024-05-01T10:15:30.5Z", tyre, 2, "49.90");

		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/interactions")
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.accept(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
		String id = this.fx.body(created).get("id").asString();
		MvcTestResult read = this.fx.get(this.fx.as(Role.MARKETER), "/api/v1/interactions/" + id);

		assertThat(created).hasStatus(201);
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/interactions/" + id);
		assertThat(created.getResponse().getContentType()).isEqualTo(read.getResponse().getContentType());
		assertThat(created.getResponse().getContentAsString()).isEqualTo(read.getResponse().getContentAsString());
		assertThat(created.getResponse().getContentLength())
			.isEqualTo(created.getResponse().getContentAsByteArray().length);
	}

	@Test
	void aRecordingIsAnsweredInJsonWhateverTheClientAccepts() throws Exception {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		List<String> accepts = new ArrayList<>(
				List.of("*/*", "application/json;q=0.9, text/plain;q=0.5", "application/*"));
		accepts.add(null);
		int n = 0;
		for (String accept : accepts) {
			Map<String, Object> body = this.fx.purchase(customer, "2024-05-0" + (1 + n++) + "T10:15:30Z", tyre, 1,
					"10.00");
			var request = this.mvc.post()
				.uri("/api/v1/interactions")
				.with(this.fx.as(Role.SALES))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(body));
			if (accept != null) {
				request = request.header("Accept", accept);
			}
			MvcTestResult first = request.exchange();
			assertThat(first).as(String.valueOf(accept)).hasStatus(201);
			assertThat(first.getResponse().getContentType()).as(String.valueOf(accept)).startsWith("application/json");
			assertThat(first.getResponse().getHeader("Location")).as(String.valueOf(accept))
				.isEqualTo("/api/v1/interactions/" + this.fx.body(first).get("id").asString());
		}
		assertThat(count(customer)).isEqualTo(accepts.size());
	}

	@Test
	void aSingleRecordingWithoutABodyIsAMalformedBody() {
		assertThat(single("")).hasStatus(400).bodyJson().extractingPath("$.type").asString().endsWith("malformed-body");
	}

	@Test
	void aBatchStoresEveryGoodItemAndReportsEveryBadOneWithItsIndex() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("oil");
		List<Map<String, Object>> items = new ArrayList<>();
		Map<String, Object> good = this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00");
		items.add(good); // 0
		items
			.add(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "occurredAt", "01/03/2024")); // 1
		items.add(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "occurredAt",
				"2999-01-01T00:00:00Z")); // 2
		items.add(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, -1, "10.00")); // 3
		items.add(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "currency", "XYZ")); // 4
		items.add(this.fx.purchase(customer, "2024-03-01T09:00:00Z", "NO-SUCH-SKU", 1, "10.00")); // 5
		items.add(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "total", "12.00")); // 6
		items.add(this.fx.purchase(null, "2024-03-01T09:00:00Z", sku, 1, "10.00")); // 7
		items.add(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "store", "x".repeat(300))); // 8
		items.add(this.fx.contact(customer, "CALL", "phone", "2024-03-02T09:00:00Z")); // 9
		items.add(new java.util.LinkedHashMap<>(good)); // 10: same key as item 0
		items.add(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1_000_000, "10.00")); // 11

		MvcTestResult result = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", items));

		assertThat(result).hasStatus(200);
		JsonNode body = this.fx.body(result);
		assertThat(body.get("created").asInt()).isEqualTo(2);
		assertThat(body.get("duplicates").asInt()).isEqualTo(1);
		assertThat(body.get("rejected").asInt()).isEqualTo(9);
		JsonNode results = body.get("items");
		assertThat(results.get(0).get("status").asString()).isEqualTo("CREATED");
		assertThat(results.get(9).get("status").asString()).isEqualTo("CREATED");
		assertThat(results.get(10).get("status").asString()).isEqualTo("DUPLICATE");
		assertThat(results.get(10).get("id").asString()).isEqualTo(results.get(0).get("id").asString());
		assertRejected(results.get(1), "occurredAt", "date-time");
		assertRejected(results.get(2), "occurredAt", "future");
		assertRejected(results.get(3), "lines[0].quantity", "greater than 0");
		assertRejected(results.get(4), "currency", "ISO 4217");
		assertRejected(results.get(5), "lines[0].sku", "catalogue");
		assertRejected(results.get(6), "total", "sum of the line amounts");
		assertRejected(results.get(7), "customer", "customerId");
		assertRejected(results.get(8), "store", "at most");
		assertRejected(results.get(11), "lines[0].quantity", "at most");
		assertThat(count(customer)).isEqualTo(2);
		assertThat(this.interactions.figures(customer).purchases()).isEqualTo(1);
		assertThat(this.events.stream(InteractionsRecorded.class).filter((e) -> e.customerIds().contains(customer)))
			.singleElement()
			.satisfies((e) -> assertThat(e.interactions()).extracting(InteractionRecorded::interactionId)
				.containsExactly(UUID.fromString(results.get(0).get("id").asString()),
						UUID.fromString(results.get(9).get("id").asString())));
	}

	@Test
	void aSingleBodyWithABadFieldNamesItAndOneThatIsNoJsonOrNoObjectIsRefusedWhole() throws Exception {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("tyres");
		Map<String, Object> badDate = this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00");
		badDate.put("occurredAt", "01/03/2024");

		assertThat(this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", badDate)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("occurredAt");
		assertThat(single("{\"kind\": ")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("malformed-body");
		assertThat(single("[1, 2]")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("JSON object");
		assertThat(single("null")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("JSON object");
		assertThat(this.mvc.post()
			.uri("/api/v1/interactions")
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.TEXT_PLAIN)
			.content(this.json.writeValueAsString(badDate))).hasStatus(415);
		assertThat(count(customer)).isZero();
	}

	private MvcTestResult single(String body) {
		return this.mvc.post()
			.uri("/api/v1/interactions")
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	@Test
	void aBatchBodyThatIsNoJsonOrHasNoItemsIsRefusedWhole() {
		assertThat(this.mvc.post()
			.uri("/api/v1/interactions/batch")
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"items\": [{\"kind\": ")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("malformed-body");
		assertThat(this.mvc.post()
			.uri("/api/v1/interactions/batch")
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("items");
		assertThat(count(this.fx.customer())).isZero();
	}

	@Test
	void aBatchReportsTheProblemsOfItsItemsInTheLanguageTheCallerAsksFor() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("oil");
		List<Map<String, Object>> items = List
			.of(with(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"), "occurredAt",
					"2999-01-01T00:00:00Z"));

		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/interactions/batch")
			.with(this.fx.as(Role.SALES))
			.header("Accept-Language", "es")
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(Map.of("items", items)))
			.exchange();

		assertThat(result).hasStatus(200);
		assertRejected(this.fx.body(result).get("items").get(0), "occurredAt", "no puede estar en el futuro");
		assertThat(count(customer)).isZero();
	}

	@Test
	void aBatchItemThatIsNullOrNoObjectIsRejectedAloneWithItsIndex() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("oil");
		List<Object> items = new ArrayList<>();
		items.add(this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00"));
		items.add(null);
		items.add("a purchase");

		MvcTestResult result = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", items));

		assertThat(result).hasStatus(200);
		JsonNode body = this.fx.body(result);
		assertThat(body.get("created").asInt()).isEqualTo(1);
		assertThat(body.get("rejected").asInt()).isEqualTo(2);
		assertRejected(body.get("items").get(1), "", "JSON object");
		assertRejected(body.get("items").get(2), "", "JSON object");
		assertThat(count(customer)).isEqualTo(1);
	}

	@Test
	void aBatchOfOnlyDuplicatesPublishesNothing() {
		UUID customer = this.fx.customer();
		Map<String, Object> purchase = this.fx.purchase(customer, "2024-03-01T09:00:00Z", this.fx.product("oil"), 1,
				"10.00");
		assertThat(this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", purchase)).hasStatus(201);

		MvcTestResult again = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", List.of(purchase, purchase)));

		assertThat(again).hasStatus(200);
		assertThat(this.fx.body(again).get("duplicates").asInt()).isEqualTo(2);
		assertThat(this.events.stream(InteractionsRecorded.class).filter((e) -> e.customerIds().contains(customer)))
			.hasSize(1);
	}

	@Test
	void anInteractionNamingOnlyAnIdentityIsRecordedOnItsHolder() {
		String email = "ana." + InteractionFixture.unique() + "@example.com";
		UUID customer = this.fx.customerWithEmail(email);
		Map<String, Object> visit = this.fx.contact(null, "VISIT", "store", "2024-04-01T12:00:00Z");
		visit.put("identity", Map.of("type", "EMAIL", "value", email.toUpperCase()));

		JsonNode recorded = this.fx.record(visit);

		assertThat(recorded.get("customerId").asString()).isEqualTo(customer.toString());
	}

	@Test
	void anUnknownIdentityIsRejectedByDefaultAndBecomesAProspectWhereTheSourceSaysSo() {
		String email = "new." + InteractionFixture.unique() + "@example.com";
		Map<String, Object> fromPos = this.fx.contact(null, "WEB", "web", "2024-04-01T12:00:00Z");
		fromPos.put("identity", Map.of("type", "EMAIL", "value", email));
		Map<String, Object> fromShop = new java.util.LinkedHashMap<>(fromPos);
		fromShop.put("sourceSystem", "webshop-test");

		MvcTestResult rejected = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", fromPos);
		JsonNode recorded = this.fx.record(fromShop);

		assertThat(rejected).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("identity");
		UUID prospect = UUID.fromString(recorded.get("customerId").asString());
		assertThat(this.customers.findByIdentity(IdentityType.EMAIL, email)).get()
			.satisfies((c) -> assertThat(c.id()).isEqualTo(prospect))
			.satisfies((c) -> assertThat(c.lifecycleStage().name()).isEqualTo("PROSPECT"));
	}

	private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		body.put(field, value);
		return body;
	}

	private static void assertRejected(JsonNode item, String field, String messagePart) {
		assertThat(item.get("status").asString()).isEqualTo("REJECTED");
		assertThat(item.get("errors")
			.valueStream()
			.map((e) -> e.get("field").asString() + ": " + e.get("message").asString()))
			.anySatisfy((e) -> assertThat(e).startsWith(field + ": ").contains(messagePart));
	}

	private int count(UUID customer) {
		return this.jdbc.sql("SELECT count(*) FROM interaction WHERE customer_id = ?")
			.param(customer)
			.query(Integer.class)
			.single();
	}

}
