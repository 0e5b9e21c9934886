package org.rapport.customer;

import java.util.HashMap;
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
class CustomerDetailsApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	CustomerApiFixture api;

	RequestPostProcessor sales;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
		this.sales = this.api.as(this.api.staffMember(Role.SALES, "Sara Sales"));
	}

	String person(String given) {
		return this.api.create(this.sales, Map.of("kind", "PERSON", "givenName", given)).get("id").asString();
	}

	String uri(String id, String rest) {
		return "/api/v1/customers/" + id + rest;
	}

	@Test
	void everyConsentDecisionIsKeptInTheHistoryAndTheLatestIsCurrent() {
		String id = person("Clara");
		assertThat(this.api.put(this.sales, uri(id, "/consents/EMAIL/MARKETING"),
				Map.of("granted", true, "source", "web-form", "changedAt", "2024-01-10T10:00:00Z")))
			.hasStatusOk();
		assertThat(this.api.put(this.sales, uri(id, "/consents/EMAIL/MARKETING"),
				Map.of("granted", false, "source", "unsubscribe-link")))
			.hasStatusOk();
		JsonNode current = this.api.body(this.api.get(this.sales, uri(id, "/consents")));
		assertThat(current).hasSize(1);
		assertThat(current.get(0).get("granted").asBoolean()).isFalse();
		assertThat(current.get(0).get("source").asString()).isEqualTo("unsubscribe-link");
		JsonNode history = this.api.body(this.api.get(this.sales, uri(id, "/consents/history")));
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("granted").asBoolean()).isFalse();
		assertThat(history.get(1).get("source").asString()).isEqualTo("web-form");
		assertThat(history.get(1).get("changedAt").asString()).isEqualTo("2024-01-10T10:00:00Z");
		assertThat(history.get(1).get("recordedBy").asString()).isEqualTo("Sara Sales");
	}

	@Test
	void aBackdatedDecisionGoesIntoTheHistoryWithoutOverridingANewerOne() {
		String id = person("Clara");
		assertThat(this.api.put(this.sales, uri(id, "/consents/SMS/MARKETING"),
				Map.of("granted", false, "source", "customer-call")))
			.hasStatusOk();
		JsonNode answer = this.api.body(this.api.put(this.sales, uri(id, "/consents/SMS/MARKETING"),
				Map.of("granted", true, "source", "old-paper-form", "changedAt", "2019-03-01T00:00:00Z")));
		assertThat(answer.get("granted").asBoolean()).as("the answer is the current state").isFalse();
		JsonNode current = this.api.body(this.api.get(this.sales, uri(id, "/consents")));
		assertThat(current).hasSize(1);
		assertThat(current.get(0).get("granted").asBoolean()).isFalse();
		assertThat(current.get(0).get("source").asString()).isEqualTo("customer-call");
		JsonNode history = this.api.body(this.api.get(this.sales, uri(id, "/consents/history")));
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("source").asString()).isEqualTo("customer-call");
		assertThat(history.get(1).get("source").asString()).isEqualTo("old-paper-form");

		String other = person("Ada");
		this.api.put(this.sales, uri(other, "/consents/SMS/MARKETING"), Map.of("granted", true, "source", "web-form"));
		this.api.put(this.sales, uri(other, "/consents/SMS/MARKETING"),
				Map.of("granted", false, "source", "old-letter", "changedAt", "2019-03-01T00:00:00Z"));
		JsonNode stillGranted = this.api.body(this.api.get(this.sales, uri(other, "/consents")));
		assertThat(stillGranted.get(0).get("granted").asBoolean()).isTrue();
		assertThat(stillGranted.get(0).get("source").asString()).isEqualTo("web-form");
	}

	@Test
	void aConsentNeedsItsSourceAndDecision() {
		String id = person("Clara");
		assertThat(this.api.put(this.sales, uri(id, "/consents/SMS/PROFILING"), Map.of("source", " "))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors.length()")
			.isEqualTo(2);
	}

	@Test
	void tagsAreNormalisedAddedAndRemoved() {
		String id = person("Tomás");
		JsonNode tagged = this.api
			.body(this.api.post(this.sales, uri(id, "/tags"), Map.of("tags", List.of("VIP", "Cliente Oro"))));
		assertThat(tagged.get("tags").toString()).isEqualTo("[\"cliente-oro\",\"vip\"]");
		assertThat(tagged.get("version").asInt()).isEqualTo(1);
		assertThat(this.mvc.delete().uri(uri(id, "/tags/vip")).with(this.sales)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.tags")
			.isEqualTo(List.of("cliente-oro"));
		assertThat(this.api.post(this.sales, uri(id, "/tags"), Map.of("tags", List.of("#bad")))).hasStatus(400);
	}

	@Test
	void attributesAreSetKeyByKeyAndNullRemovesOne() {
		String id = person("Ada");
		this.api.post(this.sales, uri(id, "/attributes"), Map.of("shoeSize", 38, "newsletter", "weekly"));
		Map<String, Object> change = new HashMap<>();
		change.put("newsletter", null);
		change.put("favouriteColour", "green");
		JsonNode view = this.api.body(this.api.post(this.sales, uri(id, "/attributes"), change));
		assertThat(view.get("attributes").get("shoeSize").asInt()).isEqualTo(38);
		assertThat(view.get("attributes").has("newsletter")).isFalse();
		assertThat(view.get("attributes").get("favouriteColour").asString()).isEqualTo("green");
		assertThat(this.mvc.delete().uri(uri(id, "/attributes/shoeSize")).with(this.sales)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.attributes")
			.isEqualTo(Map.of("favouriteColour", "green"));
	}

	@Test
	void interestsKeepTheirSource() {
		String id = person("Iker");
		JsonNode view = this.api
			.body(this.api.post(this.sales, uri(id, "/interests"), Map.of("topic", "Trail Running", "source", "FORM")));
		assertThat(view.get("interests").get(0).get("topic").asString()).isEqualTo("trail running");
		assertThat(view.get("interests").get(0).get("source").asString()).isEqualTo("FORM");
	}

	@Test
	void aFamilySharesAHouseholdWithRoles() {
		String mother = person("Marta");
		String son = person("Pablo");
		JsonNode created = this.api
			.body(this.api.post(this.sales, uri(mother, "/household"), Map.of("name", "Familia Ruiz", "role", "HEAD")));
		String household = created.get("household").get("id").asString();
		JsonNode joined = this.api
			.body(this.api.post(this.sales, uri(son, "/household"), Map.of("householdId", household, "role", "CHILD")));
		assertThat(joined.get("household").get("role").asString()).isEqualTo("CHILD");
		assertThat(joined.get("household").get("members")).hasSize(2);
		assertThat(this.mvc.delete().uri(uri(son, "/household")).with(this.sales)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.household")
			.isNull();
	}

	@Test
	void aCompanyHasPeopleAsContactsButNotTheOtherWayRound() {
		String company = this.api.create(this.sales, Map.of("kind", "COMPANY", "companyName", "Acme SL"))
			.get("id")
			.asString();
		String person = person("Bea");
		JsonNode linked = this.api
			.body(this.api.post(this.sales, uri(company, "/contacts"), Map.of("personId", person, "role", "buyer")));
		assertThat(linked.get("contactPeople").get(0).get("role").asString()).isEqualTo("buyer");
		assertThat(this.api.body(this.api.get(this.sales, uri(person, "")))
			.get("companies")
			.get(0)
			.get("displayName")
			.asString()).isEqualTo("Acme SL");
		MvcTestResult wrongWay = this.api.post(this.sales, uri(person, "/contacts"), Map.of("personId", company));
		assertThat(wrongWay).hasStatus(400);
	}

	@Test
	void addressesAndStageCanBeChanged() {
		String id = person("Lucía");
		MvcTestResult address = this.api.post(this.sales, uri(id, "/addresses"),
				Map.of("kind", "HOME", "line1", "Calle Mayor 1", "city", "Madrid", "countryCode", "es"));
		assertThat(address).hasStatus(201).bodyJson().extractingPath("$.countryCode").isEqualTo("ES");
		assertThat(this.api.put(this.sales, uri(id, "/stage"), Map.of("stage", "LOYAL"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.lifecycleStage")
			.isEqualTo("LOYAL");
		assertThat(this.api.post(this.sales, uri(id, "/addresses"), Map.of("kind", "HOME", "countryCode", "Spain")))
			.hasStatus(400);
	}

}
