package org.rapport.customer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CustomerIdentityApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	CustomerApiFixture api;

	RequestPostProcessor agent;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
		this.agent = this.api.as(this.api.staffMember(Role.SERVICE_AGENT, "Sam Agent"));
	}

	/** A Spanish mobile number no other test uses. */
	static String spanishMobile() {
		return "+346" + String.format("%08d", (long) (Math.random() * 100_000_000L));
	}

	JsonNode personWithPhone(String phone) {
		return this.api.create(this.agent, Map.of("kind", "PERSON", "givenName", "Carmen", "familyName", "Taxi",
				"identities", List.of(Map.of("type", "PHONE", "value", phone))));
	}

	@Test
	void theCallerIsFoundByAPhoneNumberWrittenDifferently() {
		String e164 = spanishMobile();
		String id = personWithPhone(e164).get("id").asString();
		String spaced = e164.substring(0, 3) + " " + e164.substring(3, 6) + " " + e164.substring(6, 8) + "-"
				+ e164.substring(8);
		MvcTestResult found = this.mvc.get()
			.uri("/api/v1/customers/lookup")
			.param("type", "PHONE")
			.param("value", spaced)
			.with(this.agent)
			.exchange();
		assertThat(found).hasStatusOk().bodyJson().extractingPath("$.id").isEqualTo(id);
	}

	@Test
	void anUnknownIdentityIsA404AndAnImpossibleOneA400() {
		assertThat(this.mvc.get()
			.uri("/api/v1/customers/lookup")
			.param("type", "EMAIL")
			.param("value", CustomerApiFixture.unique("nobody-") + "@example.org")
			.with(this.agent)).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/api/v1/customers/lookup")
			.param("type", "EMAIL")
			.param("value", "not an e-mail")
			.with(this.agent)).hasStatus(400);
	}

	@Test
	void anIdentityOfAnotherCustomerIsRefusedNamingThatCustomer() {
		String phone = spanishMobile();
		String holder = personWithPhone(phone).get("id").asString();
		String other = this.api.create(this.agent, Map.of("kind", "PERSON", "givenName", "Otra")).get("id").asString();
		MvcTestResult taken = this.api.post(this.agent, "/api/v1/customers/" + other + "/identities",
				Map.of("type", "PHONE", "value", phone.substring(0, 3) + " " + phone.substring(3), "primary", true));
		assertThat(taken).hasStatus(409);
		JsonNode problem = this.api.body(taken);
		assertThat(problem.get("type").asString()).endsWith("/identity-taken");
		assertThat(problem.get("customerId").asString()).isEqualTo(holder);
	}

	@Test
	void anIdentityAddedTwiceToTheSameCustomerIsKeptOnce() {
		String id = this.api.create(this.agent, Map.of("kind", "PERSON", "givenName", "Ana")).get("id").asString();
		String email = CustomerApiFixture.unique("ana-") + "@example.org";
		assertThat(this.api.post(this.agent, "/api/v1/customers/" + id + "/identities",
				Map.of("type", "EMAIL", "value", email)))
			.hasStatus(201);
		assertThat(this.api.post(this.agent, "/api/v1/customers/" + id + "/identities",
				Map.of("type", "EMAIL", "value", email.toUpperCase())))
			.hasStatus(201);
		assertThat(this.api.body(this.api.get(this.agent, "/api/v1/customers/" + id)).get("identities")).hasSize(1);
	}

	@Test
	void aRemovedIdentityNoLongerFindsTheCustomer() {
		String phone = spanishMobile();
		JsonNode customer = personWithPhone(phone);
		String id = customer.get("id").asString();
		String identityId = customer.get("identities").get(0).get("id").asString();
		assertThat(this.mvc.delete().uri("/api/v1/customers/" + id + "/identities/" + identityId).with(this.agent))
			.hasStatus(204);
		assertThat(this.mvc.get()
			.uri("/api/v1/customers/lookup")
			.param("type", "PHONE")
			.param("value", phone)
			.with(this.agent)).hasStatus(404);
	}

	@Test
	void anInvalidIdentityValueIsAFieldError() {
		String id = this.api.create(this.agent, Map.of("kind", "PERSON", "givenName", "Ana")).get("id").asString();
		assertThat(this.api.post(this.agent, "/api/v1/customers/" + id + "/identities",
				Map.of("type", "PHONE", "value", "call me maybe")))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("value");
	}

	@Test
	void creatingACustomerWithSomeoneElsesIdentityCreatesNothing() {
		String phone = spanishMobile();
		String holder = personWithPhone(phone).get("id").asString();
		String tag = CustomerApiFixture.unique("t-");
		MvcTestResult result = this.api.post(this.agent, "/api/v1/customers", Map.of("kind", "PERSON", "givenName",
				"Twin", "tags", List.of(tag), "identities", List.of(Map.of("type", "PHONE", "value", phone))));
		assertThat(result).hasStatus(409).bodyJson().extractingPath("$.customerId").isEqualTo(holder);
		assertThat(this.api.get(this.agent, "/api/v1/customers?tag=" + tag)).bodyJson()
			.extractingPath("$.totalItems")
			.isEqualTo(0);
	}

	@Test
	void anAddedIdentityIsAudited() {
		String id = this.api.create(this.agent, Map.of("kind", "PERSON", "givenName", "Ana")).get("id").asString();
		String card = String.valueOf(100_000_000L + (long) (Math.random() * 800_000_000L));
		assertThat(this.api.post(this.agent, "/api/v1/customers/" + id + "/identities",
				Map.of("type", "CARD", "value", card)))
			.hasStatus(201);
		assertThat(this.jdbc
			.sql("SELECT after->>'value' FROM audit_event WHERE entity_id = ? AND action = 'customer.identity-added'")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(card);
	}

}
