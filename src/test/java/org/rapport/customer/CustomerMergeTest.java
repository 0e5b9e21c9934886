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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RecordApplicationEvents
class CustomerMergeTest {

	static final Instant JAN = Instant.parse("2024-01-10T10:00:00Z");

	static final Instant MAR = Instant.parse("2024-03-10T10:00:00Z");

	static final Instant JUN = Instant.parse("2024-06-10T10:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	ApplicationEvents events;

	@Autowired
	Customers front;

	CustomerFixture customers;

	StaffLogins staff;

	@BeforeEach
	void setUp() {
		this.customers = new CustomerFixture(this.jdbc);
		this.staff = new StaffLogins(this.staffDirectory);
	}

	@Test
	void mergeMovesEveryKindOfDataToTheSurvivorAndLeavesARedirect() {
		String u = CustomerFixture.unique();
		UUID company = this.customers.company("Acme " + u).create();
		UUID household = this.customers.household("Home of " + u);
		UUID survivor = this.customers.person("Carmen", "Vega" + u)
			.email("carmen." + u + "@example.com")
			.address("Gran Via 1", "28013", "Madrid")
			.note("Prefers calls in the morning")
			.interest("wine", "STAFF", MAR)
			.consent(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true, JAN)
			.tags("vip")
			.attributes("{\"size\": \"M\", \"colour\": \"red\"}")
			.contactOf(company)
			.create();
		UUID merged = this.customers.person("Carmen", "Vega" + u)
			.born(LocalDate.of(1980, 5, 1))
			.phone("+34" + CustomerFixture.nationalNumber())
			.address("GRAN VIA 1", "28013", "Madrid")
			.address("Calle Luna 3", "28004", "Madrid")
			.note("Asked about the loyalty card")
			.interest("wine", "FORM", JAN)
			.interest("golf", "FORM", JUN)
			.consent(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, false, JUN)
			.consent(ConsentChannel.SMS, ConsentPurpose.MARKETING, true, MAR)
			.tags("golf", "vip")
			.attributes("{\"size\": \"L\", \"shoe\": 42}")
			.household(household)
			.contactOf(company)
			.create();
		UUID other = this.customers.person("Carmen", "Vega" + u).create();
		suggest(survivor, merged, "OPEN");
		suggest(merged, other, "OPEN");

		assertThat(merge(survivor, merged, Role.MANAGER)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.survivor.birthDate")
			.isEqualTo("1980-05-01");

		assertThat(count("customer_identity", survivor)).isEqualTo(2);
		assertThat(count("customer_address", survivor)).as("the same address is kept once").isEqualTo(2);
		assertThat(count("customer_note", survivor)).isEqualTo(2);
		assertThat(strings("SELECT topic || ' ' || source FROM customer_interest WHERE customer_id = ? ORDER BY 1",
				survivor))
			.containsExactly("golf FORM", "wine FORM");
		assertThat(strings("SELECT channel || ' ' || granted FROM customer_consent WHERE customer_id = ? ORDER BY 1",
				survivor))
			.containsExactly("EMAIL false", "SMS true");
		assertThat(count("customer_consent_history", survivor)).isEqualTo(3);
		assertThat(strings("SELECT array_to_string(tags, ',') || ' ' || attributes::text || ' ' || household_id "
				+ "|| ' ' || birth_date || ' ' || version FROM customer WHERE id = ?", survivor))
			.containsExactly(
					"golf,vip {\"shoe\": 42, \"size\": \"M\", \"colour\": \"red\"} " + household + " 1980-05-01 1");
		assertThat(strings("SELECT person_id::text FROM customer_contact_person WHERE company_id = ?", company))
			.containsExactly(survivor.toString());
		assertThat(strings("SELECT token FROM customer_search_token WHERE customer_id = ? ORDER BY 1", survivor))
			.containsExactly("carmen", ("vega" + u));
		for (String table : List.of("customer_identity", "customer_address", "customer_note", "customer_interest",
				"customer_consent", "customer_consent_history", "customer_search_token")) {
			assertThat(count(table, merged)).as(table).isZero();
		}
		assertThat(strings("SELECT status || ' ' || merged_into FROM customer WHERE id = ?", merged))
			.containsExactly("MERGED " + survivor);
		assertThat(strings("SELECT merged_by FROM customer_merge WHERE survivor_id = ? AND merged_id = ?", survivor,
				merged))
			.hasSize(1);
		assertThat(strings("SELECT status FROM duplicate_candidate WHERE ? IN (customer_a, customer_b) "
				+ "AND ? IN (customer_a, customer_b)", survivor, merged))
			.containsExactly("MERGED");
		assertThat(strings("SELECT status FROM duplicate_candidate WHERE ? IN (customer_a, customer_b) "
				+ "AND ? IN (customer_a, customer_b)", survivor, other))
			.as("the suggestion with the merged customer now concerns the survivor")
			.containsExactly("OPEN");
		assertThat(strings(
				"SELECT action FROM audit_event WHERE entity_type = 'customer' AND entity_id = ? "
						+ "AND before -> 'merged' -> 'profile' ->> 'id' = ? AND after -> 'survivor' IS NOT NULL",
				survivor.toString(), merged.toString()))
			.containsExactly("merge");
		assertThat(this.events.stream(CustomerMerged.class)).singleElement()
			.satisfies((event) -> assertThat(List.of(event.survivorId(), event.mergedId())).containsExactly(survivor,
					merged));
	}

	@Test
	void theNamesOfManyCustomersAreFoundAtOnceAMergedOneStillNamedAndUnknownIdsLeftOut() {
		String u = CustomerFixture.unique();
		UUID survivor = this.customers.person("Lena", "Ortiz" + u).create();
		UUID merged = this.customers.person("Lena", "Ortiz" + u).create();
		UUID other = this.customers.person("Pablo", "Gil" + u).create();
		assertThat(merge(survivor, merged, Role.ADMIN)).hasStatusOk();
		UUID unknown = UUID.randomUUID();

		Map<UUID, String> names = this.front
			.displayNames(java.util.Arrays.asList(survivor, merged, other, unknown, null, other));

		assertThat(names).containsOnlyKeys(survivor, merged, other)
			.containsEntry(survivor, "Lena Ortiz" + u)
			.containsEntry(merged, "Lena Ortiz" + u)
			.containsEntry(other, "Pablo Gil" + u);
		assertThat(this.front.displayNames(List.of())).isEmpty();
	}

	@Test
	void aCustomerCannotBeMergedIntoItself() {
		UUID one = this.customers.person("Solo", "Uno" + CustomerFixture.unique()).create();

		assertThat(merge(one, one, Role.ADMIN)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("merge-with-itself");
	}

	@Test
	void aMergedCustomerCannotTakePartInAnotherMerge() {
		String u = CustomerFixture.unique();
		UUID survivor = this.customers.person("Ada", "Ruiz" + u).create();
		UUID merged = this.customers.person("Ada", "Ruiz" + u).create();
		UUID third = this.customers.person("Ada", "Ruiz" + u).create();
		assertThat(merge(survivor, merged, Role.ADMIN)).hasStatusOk();

		assertThat(merge(third, merged, Role.ADMIN)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("customer-not-active");
		assertThat(merge(merged, third, Role.ADMIN)).hasStatus(409);
	}

	@Test
	void aPersonCannotBeMergedWithACompany() {
		UUID person = this.customers.person("Ole", "Berg" + CustomerFixture.unique()).create();
		UUID company = this.customers.company("Berg AS " + CustomerFixture.unique()).create();

		assertThat(merge(person, company, Role.ADMIN)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("merge-kind-mismatch");
		assertThat(strings("SELECT status FROM customer WHERE id = ?", company)).containsExactly("ACTIVE");
	}

	@Test
	void aMergeOfWhatTheReviewerDidNotSeeIsRefused() {
		String u = CustomerFixture.unique();
		UUID survivor = this.customers.person("Ida", "Lund" + u).create();
		UUID merged = this.customers.person("Ida", "Lund" + u).create();
		this.jdbc.sql("UPDATE customer SET version = 3 WHERE id = ?").param(merged).update();

		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", survivor)
			.with(this.staff.as(Role.MANAGER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\": \"%s\", \"survivorVersion\": 0, \"mergedVersion\": 2}".formatted(merged)))
			.hasStatus(412);
		assertThat(strings("SELECT status FROM customer WHERE id = ?", merged)).containsExactly("ACTIVE");
	}

	@Test
	void mergingAnUnknownCustomerIsNotFoundAndAMissingIdIsAFieldProblem() {
		UUID survivor = this.customers.person("Max", "Holm" + CustomerFixture.unique()).create();

		assertThat(merge(survivor, UUID.randomUUID(), Role.ADMIN)).hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", survivor)
			.with(this.staff.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("mergedId");
	}

	@Test
	void onlyAdminsAndManagersMayMerge() {
		String u = CustomerFixture.unique();
		UUID survivor = this.customers.person("Nils", "Dahl" + u).create();
		UUID merged = this.customers.person("Nils", "Dahl" + u).create();

		for (Role role : List.of(Role.MARKETER, Role.SALES, Role.SERVICE_AGENT)) {
			assertThat(merge(survivor, merged, role)).as(role.name()).hasStatus(403);
		}
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", survivor)
			.contentType(MediaType.APPLICATION_JSON)
			.content(Map.of("mergedId", merged).toString())).hasStatus(401);
		assertThat(strings("SELECT status FROM customer WHERE id = ?", merged)).containsExactly("ACTIVE");
	}

	private MockMvcTester.MockMvcRequestBuilder merge(UUID survivor, UUID merged, Role role) {
		return this.mvc.post()
			.uri("/api/v1/customers/{id}/merge", survivor)
			.with(this.staff.as(role))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\": \"%s\"}".formatted(merged));
	}

	private void suggest(UUID x, UUID y, String status) {
		UUID a = CustomerDuplicates.lower(x, y);
		this.jdbc
			.sql("INSERT INTO duplicate_candidate (customer_a, customer_b, reason, score, detected_at, status) "
					+ "VALUES (?, ?, 'NAME_AND_BIRTH_DATE', 0.85, now(), ?)")
			.params(a, a.equals(x) ? y : x, status)
			.update();
	}

	private long count(String table, UUID customer) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE customer_id = ?")
			.param(customer)
			.query(Long.class)
			.single();
	}

	private List<String> strings(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(String.class).list();
	}

}
