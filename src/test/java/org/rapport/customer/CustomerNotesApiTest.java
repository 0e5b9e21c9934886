package org.rapport.customer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CustomerNotesApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JdbcClient jdbc;

	CustomerApiFixture api;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
	}

	String customer(RequestPostProcessor who, Object assignee) {
		return this.api
			.create(who, Map.of("kind", "PERSON", "givenName", "Rosa", "assignedStaffId", String.valueOf(assignee)))
			.get("id")
			.asString();
	}

	@Test
	void notesAreListedNewestFirstAndKeepTheirAuthorAfterTheAuthorLeaves() {
		StaffMember author = this.api.staffMember(Role.SALES, "Nora Notes");
		RequestPostProcessor as = this.api.as(author);
		String id = this.api.create(as, Map.of("kind", "PERSON", "givenName", "Rosa")).get("id").asString();
		assertThat(this.api.post(as, "/api/v1/customers/" + id + "/notes", Map.of("body", "Called about the order")))
			.hasStatus(201);
		assertThat(this.api.post(as, "/api/v1/customers/" + id + "/notes", Map.of("body", "Prefers e-mail")))
			.hasStatus(201);
		this.staff.deactivate(author.id());
		RequestPostProcessor reader = this.api.as(this.api.staffMember(Role.MARKETER, "Mark Reader"));
		JsonNode notes = this.api.body(this.api.get(reader, "/api/v1/customers/" + id + "/notes"));
		assertThat(notes.get("totalItems").asInt()).isEqualTo(2);
		assertThat(notes.get("items").get(0).get("body").asString()).isEqualTo("Prefers e-mail");
		assertThat(notes.get("items").get(1).get("body").asString()).isEqualTo("Called about the order");
		assertThat(notes.get("items").get(0).get("authorName").asString()).isEqualTo("Nora Notes");
		assertThat(notes.get("items").get(0).get("authorId").asString()).isEqualTo(author.id().toString());
	}

	@Test
	void aBlankNoteIsRefused() {
		RequestPostProcessor sales = this.api.as(this.api.staffMember(Role.SALES, "Sara Sales"));
		String id = this.api.create(sales, Map.of("kind", "PERSON", "givenName", "Rosa")).get("id").asString();
		assertThat(this.api.post(sales, "/api/v1/customers/" + id + "/notes", Map.of("body", " "))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("body");
	}

	@Test
	void bulkReassignmentMovesExactlyAnasCustomersToLuisAndIsAudited() {
		StaffMember ana = this.api.staffMember(Role.SALES, "Ana Sales");
		StaffMember luis = this.api.staffMember(Role.SALES, "Luis Sales");
		StaffMember other = this.api.staffMember(Role.SALES, "Olga Other");
		RequestPostProcessor manager = this.api.as(this.api.staffMember(Role.MANAGER, "Marta Manager"));
		String first = customer(manager, ana.id());
		String second = customer(manager, ana.id());
		String olgas = customer(manager, other.id());
		this.staff.deactivate(ana.id());
		assertThat(this.api.post(manager, "/api/v1/customers/reassignments",
				Map.of("fromStaffId", ana.id(), "toStaffId", luis.id())))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.moved")
			.isEqualTo(2);
		for (String id : List.of(first, second)) {
			assertThat(this.api.get(manager, "/api/v1/customers/" + id)).bodyJson()
				.extractingPath("$.assignedStaff.name")
				.isEqualTo("Luis Sales");
		}
		assertThat(this.api.get(manager, "/api/v1/customers/" + olgas)).bodyJson()
			.extractingPath("$.assignedStaff.name")
			.isEqualTo("Olga Other");
		assertThat(this.jdbc
			.sql("SELECT summary FROM audit_event WHERE action = 'customer.reassigned' AND entity_id = ? "
					+ "AND actor_name = 'Marta Manager'")
			.param("staff:" + ana.id())
			.query(String.class)
			.single()).isEqualTo("Moved 2 customers from Ana Sales to Luis Sales");
	}

	@Test
	void customersCannotBeAssignedToSomeoneWhoLeft() {
		StaffMember gone = this.api.staffMember(Role.SALES, "Gone Sales");
		this.staff.deactivate(gone.id());
		RequestPostProcessor sales = this.api.as(this.api.staffMember(Role.SALES, "Sara Sales"));
		String id = this.api.create(sales, Map.of("kind", "PERSON", "givenName", "Rosa")).get("id").asString();
		assertThat(this.api.put(sales, "/api/v1/customers/" + id + "/assignee", Map.of("staffId", gone.id())))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("staffId");
	}

}
