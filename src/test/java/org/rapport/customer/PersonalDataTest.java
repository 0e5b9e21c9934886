package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RecordApplicationEvents
class PersonalDataTest {

	static final Instant JAN = Instant.parse("2024-01-10T10:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JsonMapper json;

	CustomerFixture customers;

	StaffLogins staff;

	@BeforeEach
	void setUp() {
		this.customers = new CustomerFixture(this.jdbc);
		this.staff = new StaffLogins(this.staffDirectory);
	}

	UUID fullyKnownPerson(String u) {
		UUID company = this.customers.company("Tienda " + u).create();
		return this.customers.person("Lucía", "Ortega" + u)
			.born(LocalDate.of(1988, 8, 8))
			.email("lucia." + u + "@example.com")
			.phone("+34" + CustomerFixture.nationalNumber())
			.address("Calle Sol 5", "41001", "Sevilla")
			.note("Allergic to nuts")
			.interest("cycling", "FORM", JAN)
			.consent(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true, JAN)
			.tags("vip")
			.attributes("{\"shoe\": 38}")
			.household(this.customers.household("Ortega family " + u))
			.contactOf(company)
			.create();
	}

	@Test
	void theExportHoldsEverythingStoredAboutThePersonIncludingOtherModules() {
		String u = CustomerFixture.unique();
		UUID lucia = fullyKnownPerson(u);
		UUID twin = this.customers.person("Lucia", "Ortega" + u).create();
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", lucia)
			.with(this.staff.as(Role.MANAGER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\": \"%s\"}".formatted(twin))).hasStatusOk();

		var export = this.mvc.get()
			.uri("/api/v1/customers/{id}/personal-data", lucia)
			.with(this.staff.as(Role.MANAGER));

		assertThat(export).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"personal-data-" + lucia + ".json\"");
		var json = assertThat(export).bodyJson();
		json.extractingPath("$.profile.family_name").isEqualTo("Ortega" + u);
		json.extractingPath("$.profile.birth_date").isEqualTo("1988-08-08");
		json.extractingPath("$.identities[*].value").asArray().contains("lucia." + u + "@example.com").hasSize(2);
		json.extractingPath("$.addresses[0].line1").isEqualTo("Calle Sol 5");
		json.extractingPath("$.consents[0].channel").isEqualTo("EMAIL");
		json.extractingPath("$.consentHistory").asArray().hasSize(1);
		json.extractingPath("$.interests[0].topic").isEqualTo("cycling");
		json.extractingPath("$.notes[0].body").isEqualTo("Allergic to nuts");
		json.extractingPath("$.household.name").isEqualTo("Ortega family " + u);
		json.extractingPath("$.contactLinks[0].personId").isEqualTo(lucia.toString());
		json.extractingPath("$.tags").asArray().containsExactly("vip");
		json.extractingPath("$.attributes.shoe").isEqualTo(38);
		json.extractingPath("$.merges[0].merged_id").isEqualTo(twin.toString());
		json.extractingPath("$.auditTrail[0].action").isEqualTo("merge");
		json.extractingPath("$.exampleModule.visitsOf").isEqualTo(lucia.toString());
	}

	@Test
	void theExportOfASurvivorHoldsTheAuditTrailOfTheRecordsMergedIntoIt() {
		CustomerApiFixture api = new CustomerApiFixture(this.mvc, this.json, this.staffDirectory);
		var manager = this.staff.as(Role.MANAGER);
		String u = CustomerFixture.unique();
		String survivor = api
			.create(manager, Map.of("kind", "PERSON", "givenName", "Lucía", "familyName", "Ortega" + u))
			.get("id")
			.asString();
		String twin = api.create(manager, Map.of("kind", "PERSON", "givenName", "Lucia", "familyName", "Ortega" + u))
			.get("id")
			.asString();
		assertThat(api.post(manager, "/api/v1/customers/" + twin + "/identities",
				Map.of("type", "EMAIL", "value", "twin." + u + "@example.com")))
			.hasStatus(201);
		assertThat(api.post(manager, "/api/v1/customers/" + twin + "/notes", Map.of("body", "Prefers mornings")))
			.hasStatus(201);
		int twinsEntries = api.body(api.get(manager, "/api/v1/customers/" + twin + "/personal-data"))
			.get("auditTrail")
			.size();
		assertThat(api.post(manager, "/api/v1/customers/" + survivor + "/merge", Map.of("mergedId", twin)))
			.hasStatusOk();

		var trail = api.body(api.get(manager, "/api/v1/customers/" + survivor + "/personal-data")).get("auditTrail");

		assertThat(trail.findValuesAsString("action")).contains("customer.identity-added", "customer.note-added",
				"merge");
		assertThat(trail.size()).as("the survivor's entries and every entry of the merged record")
			.isGreaterThan(twinsEntries);
		List<String> times = trail.findValuesAsString("occurredAt");
		assertThat(times).as("oldest first").isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
	}

	@Test
	void erasureRemovesThePersonalDataEverywhereAndTellsTheOtherModules() {
		String u = CustomerFixture.unique();
		UUID lucia = fullyKnownPerson(u);
		UUID earlierRecord = this.customers.person("Lucia", "Ortega" + u).email("lo" + u + "@example.com").create();
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", lucia)
			.with(this.staff.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\": \"%s\"}".formatted(earlierRecord))).hasStatusOk();

		assertThat(erase(lucia, Role.ADMIN)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.removed.identities")
			.isEqualTo(3);

		for (UUID record : List.of(lucia, earlierRecord)) {
			for (String table : List.of("customer_identity", "customer_address", "customer_note", "customer_interest",
					"customer_consent", "customer_consent_history", "customer_search_token", "customer_name_key")) {
				assertThat(count("SELECT count(*) FROM " + table + " WHERE customer_id = ?", record)).as(table)
					.isZero();
			}
			assertThat(count("SELECT count(*) FROM customer_contact_person WHERE person_id = ?", record)).isZero();
			assertThat(strings(
					"SELECT concat_ws('|', display_name, given_name, family_name, birth_date, "
							+ "household_id, array_to_string(tags, ','), attributes::text) FROM customer WHERE id = ?",
					record))
				.containsExactly("Erased customer||{}");
			assertThat(strings(
					"SELECT concat_ws('|', before::text, after::text, summary) FROM audit_event "
							+ "WHERE entity_type = 'customer' AND entity_id = ? AND action <> 'erase'",
					record.toString()))
				.isNotEmpty()
				.allSatisfy((snapshot) -> assertThat(snapshot).isEmpty());
		}
		assertThat(strings("SELECT status FROM customer WHERE id = ?", lucia)).containsExactly("ERASED");
		assertThat(count("SELECT count(*) FROM household WHERE name = ?", "Ortega family " + u)).isZero();
		assertThat(strings("SELECT summary || ' ' || after::text FROM audit_event WHERE entity_type = 'customer' "
				+ "AND entity_id = ? AND action = 'erase'", lucia.toString()))
			.singleElement()
			.asString()
			.contains("Personal data erased: customer request")
			.doesNotContain("Ortega", "lucia");
		assertThat(this.events.stream(CustomerErased.class)).singleElement()
			.satisfies((event) -> assertThat(event.customerId()).isEqualTo(lucia));
	}

	@Test
	void erasingTwiceChangesNothingTheSecondTime() {
		UUID person = this.customers.person("Bo", "Ek" + CustomerFixture.unique()).create();
		assertThat(erase(person, Role.ADMIN)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.alreadyErased")
			.isEqualTo(false);

		assertThat(erase(person, Role.ADMIN)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.alreadyErased")
			.isEqualTo(true);
		assertThat(this.events.stream(CustomerErased.class)).hasSize(1);
		assertThat(
				count("SELECT count(*) FROM audit_event WHERE entity_id = ? AND action = 'erase'", person.toString()))
			.isEqualTo(1);
	}

	@Test
	void aMergedRecordIsErasedThroughItsSurvivor() {
		String u = CustomerFixture.unique();
		UUID survivor = this.customers.person("Al", "Sund" + u).create();
		UUID merged = this.customers.person("Al", "Sund" + u).create();
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", survivor)
			.with(this.staff.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\": \"%s\"}".formatted(merged))).hasStatusOk();

		assertThat(erase(merged, Role.ADMIN)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("customer-merged");
	}

	@Test
	void anErasureNeedsAReason() {
		UUID person = this.customers.person("Cy", "Ek" + CustomerFixture.unique()).create();

		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/erasure", person)
			.with(this.staff.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \" \"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("reason");
	}

	@Test
	void exportingAnUnknownCustomerIsNotFound() {
		assertThat(this.mvc.get()
			.uri("/api/v1/customers/{id}/personal-data", UUID.randomUUID())
			.with(this.staff.as(Role.ADMIN))).hasStatus(404);
	}

	@Test
	void managersMayExportButOnlyAdminsMayErase() {
		UUID person = this.customers.person("Di", "Ek" + CustomerFixture.unique()).create();

		assertThat(this.mvc.get().uri("/api/v1/customers/{id}/personal-data", person).with(this.staff.as(Role.MANAGER)))
			.hasStatusOk();
		assertThat(erase(person, Role.MANAGER)).hasStatus(403);
		for (Role role : List.of(Role.MARKETER, Role.SALES, Role.SERVICE_AGENT)) {
			assertThat(erase(person, role)).as(role.name()).hasStatus(403);
			assertThat(this.mvc.get().uri("/api/v1/customers/{id}/personal-data", person).with(this.staff.as(role)))
				.as(role.name())
				.hasStatus(403);
		}
		assertThat(this.mvc.get().uri("/api/v1/customers/{id}/personal-data", person)).hasStatus(401);
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/erasure", person)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"asked\"}")).hasStatus(401);
		assertThat(strings("SELECT status FROM customer WHERE id = ?", person)).containsExactly("ACTIVE");
	}

	private MockMvcTester.MockMvcRequestBuilder erase(UUID customer, Role role) {
		return this.mvc.post()
			.uri("/api/v1/customers/{id}/erasure", customer)
			.with(this.staff.as(role))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"customer request\"}");
	}

	private long count(String sql, Object param) {
		return this.jdbc.sql(sql).param(param).query(Long.class).single();
	}

	private List<String> strings(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(String.class).list();
	}

}
