package org.rapport.customer;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rapport.IntegrationTest;
import org.rapport.access.ApiClients;
import org.rapport.access.Role;
import org.rapport.access.Scope;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.platform.Actor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read, write, add notes and move portfolios, by role and API scope. */
@IntegrationTest
class CustomerPermissionsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	ApiClients clients;

	CustomerApiFixture api;

	String customerId;

	StaffMember from;

	StaffMember to;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
		RequestPostProcessor admin = this.api.as(this.api.staffMember(Role.ADMIN, "Ada Admin"));
		this.customerId = this.api.create(admin, Map.of("kind", "PERSON", "givenName", "Perm")).get("id").asString();
		this.from = this.api.staffMember(Role.SALES, "From Sales");
		this.to = this.api.staffMember(Role.SALES, "To Sales");
	}

	@ParameterizedTest(name = "{0}: read {1}, write {2}, note {3}, reassign {4}")
	@CsvSource({ "ADMIN, 200, 200, 201, 200", "MANAGER, 200, 200, 201, 200", "MARKETER, 200, 403, 403, 403",
			"SALES, 200, 200, 201, 403", "SERVICE_AGENT, 200, 200, 201, 403" })
	void eachRoleMayDoWhatItsPolicySays(Role role, int read, int write, int note, int reassign) {
		RequestPostProcessor who = this.api.as(this.api.staffMember(role, "Role " + role));
		assertThat(this.api.get(who, "/api/v1/customers/" + this.customerId)).hasStatus(read);
		assertThat(this.api.get(who, "/api/v1/customers?q=perm&size=1")).hasStatus(read);
		assertThat(this.api.post(who, "/api/v1/customers/" + this.customerId + "/tags", Map.of("tags", List.of("x"))))
			.hasStatus(write);
		assertThat(this.api.post(who, "/api/v1/customers", Map.of("kind", "PERSON", "givenName", "New")))
			.hasStatus(write == 200 ? 201 : write);
		assertThat(this.api.post(who, "/api/v1/customers/" + this.customerId + "/notes", Map.of("body", "hi")))
			.hasStatus(note);
		assertThat(this.api.post(who, "/api/v1/customers/reassignments",
				Map.of("fromStaffId", this.from.id(), "toStaffId", this.to.id())))
			.hasStatus(reassign);
	}

	@Test
	void anonymousCallersAreAskedToAuthenticate() {
		assertThat(this.mvc.get().uri("/api/v1/customers/" + this.customerId)).hasStatus(401);
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"PERSON\",\"givenName\":\"Anon\"}")).hasStatus(401);
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/" + this.customerId + "/notes")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"hi\"}")).hasStatus(401);
	}

	@Test
	void anApiClientWithReadScopeReadsButDoesNotWrite() {
		String key = this.clients.create(CustomerApiFixture.unique("pos-"), Set.of(Scope.CUSTOMERS_READ), Actor.SYSTEM)
			.apiKey();
		assertThat(this.mvc.get().uri("/api/v1/customers/" + this.customerId).header("X-API-Key", key)).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"PERSON\",\"givenName\":\"Pos\"}")).hasStatus(403);
	}

	@Test
	void anApiClientWithWriteScopeCreatesCustomersInItsOwnName() {
		String name = CustomerApiFixture.unique("shop-");
		String key = this.clients.create(name, Set.of(Scope.CUSTOMERS_WRITE), Actor.SYSTEM).apiKey();
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"PERSON\",\"givenName\":\"Shopper\"}")).hasStatus(201);
		assertThat(this.mvc.post()
			.uri("/api/v1/customers/" + this.customerId + "/notes")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"hi\"}")).hasStatus(403);
	}

}
