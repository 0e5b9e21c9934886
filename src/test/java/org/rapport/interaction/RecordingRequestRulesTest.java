package org.rapport.interaction;

import java.util.EnumSet;
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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a recording request must agree with beyond its own fields: the Idempotency-Key
 * header, the customer its identity names, the purchase a return reverses, the staff
 * member it names; and which currencies and enum values it may give.
 */
@IntegrationTest
class RecordingRequestRulesTest {

	static final String URI = "/api/v1/interactions";

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

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void theIdempotencyKeyHeaderIsTheKeyOfABodyWithoutOne() {
		UUID customer = this.fx.customer();
		Map<String, Object> visit = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		visit.remove("idempotencyKey");
		String key = "k-" + InteractionFixture.unique();

		MvcTestResult first = postWithKey(key, visit);
		MvcTestResult retry = postWithKey(key, visit);

		assertThat(first).hasStatus(201);
		assertThat(retry).hasStatus(200);
		String id = this.fx.body(first).get("id").asString();
		assertThat(this.fx.body(retry).get("id").asString()).isEqualTo(id);
		assertThat(count(customer)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT idempotency_key FROM interaction WHERE id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo(key);
	}

	@Test
	void aHeaderKeyAndABodyKeyMustBeTheSame() {
		UUID customer = this.fx.customer();
		Map<String, Object> visit = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");

		MvcTestResult differing = postWithKey("other-" + InteractionFixture.unique(), visit);
		MvcTestResult same = postWithKey((String) visit.get("idempotencyKey"), visit);

		assertThat(differing).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("idempotencyKey");
		assertThat(same).hasStatus(201);
		assertThat(count(customer)).isEqualTo(1);
	}

	@Test
	void aRequestWithoutAnyKeyIsRecordedEachTime() {
		UUID customer = this.fx.customer();
		Map<String, Object> visit = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		visit.remove("idempotencyKey");

		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, visit)).hasStatus(201);
		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, visit)).hasStatus(201);
		assertThat(count(customer)).isEqualTo(2);
	}

	@Test
	void anIdentityOfAnotherCustomerBesideACustomerIdIsRefused() {
		UUID maria = this.fx.customer();
		String quintasEmail = "quinta." + InteractionFixture.unique() + "@example.com";
		UUID quinta = this.fx.customerWithEmail(quintasEmail);
		Map<String, Object> visit = this.fx.contact(maria, "VISIT", "store", "2024-04-01T12:00:00Z");
		visit.put("identity", Map.of("type", "EMAIL", "value", quintasEmail));

		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, visit)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("identity");
		assertThat(count(maria)).isZero();
		assertThat(count(quinta)).isZero();
	}

	@Test
	void anIdentityOfTheSameCustomerOrOfNobodyLeavesTheInteractionOnTheCustomerId() {
		String email = "ana." + InteractionFixture.unique() + "@example.com";
		UUID ana = this.fx.customerWithEmail(email);
		String nobodys = "nobody." + InteractionFixture.unique() + "@example.com";
		Map<String, Object> same = this.fx.contact(ana, "VISIT", "store", "2024-04-01T12:00:00Z");
		same.put("identity", Map.of("type", "EMAIL", "value", email));
		Map<String, Object> unknown = this.fx.contact(ana, "VISIT", "store", "2024-04-02T12:00:00Z");
		unknown.put("identity", Map.of("type", "EMAIL", "value", nobodys));

		assertThat(this.fx.record(same).get("customerId").asString()).isEqualTo(ana.toString());
		assertThat(this.fx.record(unknown).get("customerId").asString()).isEqualTo(ana.toString());
		assertThat(this.customers.findByIdentity(IdentityType.EMAIL, nobodys)).isEmpty();
	}

	@Test
	void aReturnDatedBeforeItsPurchaseIsRefused() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("tyres");
		JsonNode bought = this.fx.record(this.fx.purchase(customer, "2024-12-07T10:00:00Z", sku, 1, "50.00"));
		Map<String, Object> ret = this.fx.purchase(customer, "2024-12-01T12:00:00Z", sku, 1, "50.00");
		ret.put("kind", "RETURN");
		ret.put("relatedPurchaseId", bought.get("id").asString());
		Map<String, Object> later = new java.util.LinkedHashMap<>(ret);
		later.put("occurredAt", "2024-12-08T12:00:00Z");
		later.put("idempotencyKey", "key-" + InteractionFixture.unique());

		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, ret)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("occurredAt");
		assertThat(count(customer)).isEqualTo(1);
		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, later)).hasStatus(201);
	}

	@Test
	void anUnknownStaffIdIsRefusedAndAKnownOneIsStored() {
		UUID customer = this.fx.customer();
		UUID clerk = this.staff
			.create("ix-clerk-" + InteractionFixture.unique(), "Clerk", InteractionFixture.PASSWORD,
					EnumSet.of(Role.SALES))
			.id();
		Map<String, Object> unknown = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		unknown.put("staffId", UUID.randomUUID());
		Map<String, Object> known = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		known.put("staffId", clerk);

		MvcTestResult refused = this.fx.post(this.fx.as(Role.SALES), URI, unknown);

		assertThat(refused).hasStatus(400);
		JsonNode error = this.fx.body(refused).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("staffId");
		assertThat(error.get("message").asString()).isEqualTo("no staff member has this id");
		assertThat(count(customer)).isZero();
		assertThat(this.fx.record(known).get("staffId").asString()).isEqualTo(clerk.toString());
	}

	@Test
	void codesThatAreNoMoneyAreRefusedAsCurrencies() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("oil");
		for (String code : List.of("XXX", "XTS", "XAU", "XDR")) {
			Map<String, Object> purchase = this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10.00");
			purchase.put("currency", code);
			assertThat(this.fx.post(this.fx.as(Role.SALES), URI, purchase)).as(code)
				.hasStatus(400)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo("currency");
		}
		assertThat(count(customer)).isZero();
		Map<String, Object> inCfa = this.fx.purchase(customer, "2024-03-01T09:00:00Z", sku, 1, "10");
		inCfa.put("currency", "XOF");
		assertThat(this.fx.post(this.fx.as(Role.SALES), URI, inCfa)).hasStatus(201);
	}

	@Test
	void anEnumIsGivenByItsNameNeverByANumberAndABadOneListsTheValues() {
		UUID customer = this.fx.customer();
		Map<String, Object> byNumber = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		byNumber.put("kind", 5);
		Map<String, Object> banana = this.fx.contact(customer, "BANANA", "store", "2024-04-01T12:00:00Z");
		Map<String, Object> maybe = this.fx.contact(customer, "VISIT", "store", "2024-04-01T12:00:00Z");
		maybe.put("outcome", "MAYBE");
		Map<String, Object> sideways = this.fx.contact(customer, "CALL", "phone", "2024-04-01T12:00:00Z");
		sideways.put("direction", "SIDEWAYS");

		assertRefused(this.fx.post(this.fx.as(Role.SALES), URI, byNumber), "kind", "PURCHASE");
		assertRefused(this.fx.post(this.fx.as(Role.SALES), URI, banana), "kind", "VISIT");
		assertRefused(this.fx.post(this.fx.as(Role.SALES), URI, maybe), "outcome", Outcome.values()[0].name());
		assertRefused(this.fx.post(this.fx.as(Role.SALES), URI, sideways), "direction", Direction.values()[0].name());

		Map<String, Object> call = this.fx.contact(customer, "CALL", "phone", "2024-04-01T12:00:00Z");
		call.put("kind", 3);
		MvcTestResult batch = this.fx.post(this.fx.as(Role.SALES), URI + "/batch", Map.of("items", List.of(call)));
		assertThat(batch).hasStatus(200);
		JsonNode item = this.fx.body(batch).get("items").get(0);
		assertThat(item.get("status").asString()).isEqualTo("REJECTED");
		assertThat(item.get("errors").get(0).get("field").asString()).isEqualTo("kind");
		assertThat(item.get("errors").get(0).get("message").asString()).contains("CALL");
		assertThat(count(customer)).isZero();
	}

	private void assertRefused(MvcTestResult result, String field, String listedValue) {
		assertThat(result).hasStatus(400);
		JsonNode error = this.fx.body(result).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo(field);
		assertThat(error.get("message").asString()).startsWith("must be one of").contains(listedValue);
	}

	private MvcTestResult postWithKey(String key, Object body) {
		return this.mvc.post()
			.uri(URI)
			.with(this.fx.as(Role.SALES))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
	}

	private int count(UUID customer) {
		return this.jdbc.sql("SELECT count(*) FROM interaction WHERE customer_id = ?")
			.param(customer)
			.query(Integer.class)
			.single();
	}

}
