package org.rapport.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff, API client and audit endpoint, for every role: 401 without credentials,
 * 403 when the role lacks the endpoint's permission, success when it has it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Autowired
	ApiClients clients;

	final Map<Role, StaffMember> members = new EnumMap<>(Role.class);

	@BeforeAll
	void oneStaffMemberPerRole() {
		for (Role role : Role.values()) {
			this.members.put(role, StaffFixture.create(this.staff, role));
		}
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void listingStaffNeedsStaffRead(Role role) {
		check(role, Permission.STAFF_READ, this.mvc.get().uri("/api/v1/staff"), 200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void creatingStaffNeedsStaffAdmin(Role role) {
		String body = """
				{"username":"%s","displayName":"New Person","password":"a-long-password","roles":["SALES"]}"""
			.formatted(StaffFixture.uniqueName("new"));
		check(role, Permission.STAFF_ADMIN, json(this.mvc.post().uri("/api/v1/staff"), body), 201);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void deactivatingStaffNeedsStaffAdmin(Role role) {
		UUID target = StaffFixture.create(this.staff, Role.SALES).id();
		check(role, Permission.STAFF_ADMIN, this.mvc.post().uri("/api/v1/staff/{id}/deactivation", target), 200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void changingRolesNeedsStaffAdmin(Role role) {
		UUID target = StaffFixture.create(this.staff, Role.SALES).id();
		check(role, Permission.STAFF_ADMIN,
				json(this.mvc.put().uri("/api/v1/staff/{id}/roles", target), "{\"roles\":[\"MANAGER\"]}"), 200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void resettingAPasswordNeedsStaffAdmin(Role role) {
		UUID target = StaffFixture.create(this.staff, Role.SALES).id();
		check(role, Permission.STAFF_ADMIN, json(this.mvc.post().uri("/api/v1/staff/{id}/password", target),
				"{\"password\":\"another-long-password\"}"), 204);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void listingApiClientsNeedsApiClientAdmin(Role role) {
		check(role, Permission.API_CLIENT_ADMIN, this.mvc.get().uri("/api/v1/api-clients"), 200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void creatingApiClientsNeedsApiClientAdmin(Role role) {
		String body = "{\"name\":\"%s\",\"scopes\":[\"customers:read\"]}".formatted(StaffFixture.uniqueName("pos"));
		check(role, Permission.API_CLIENT_ADMIN, json(this.mvc.post().uri("/api/v1/api-clients"), body), 201);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void revokingApiClientsNeedsApiClientAdmin(Role role) {
		UUID target = this.clients
			.create(StaffFixture.uniqueName("shop"), java.util.Set.of(Scope.CUSTOMERS_READ),
					org.rapport.platform.Actor.SYSTEM)
			.client()
			.id();
		check(role, Permission.API_CLIENT_ADMIN, this.mvc.post().uri("/api/v1/api-clients/{id}/revocation", target),
				200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void readingTheAuditNeedsAuditRead(Role role) {
		check(role, Permission.AUDIT_READ, this.mvc.get().uri("/api/v1/audit"), 200);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void changingOnesOwnPasswordNeedsOnlyToBeSignedIn(Role role) {
		StaffMember me = StaffFixture.create(this.staff, role);
		String body = "{\"currentPassword\":\"%s\",\"newPassword\":\"my-new-password-1\"}"
			.formatted(StaffFixture.PASSWORD);
		assertThat(json(this.mvc.post().uri("/api/v1/me/password"), body)).hasStatus(401);
		assertThat(json(this.mvc.post().uri("/api/v1/me/password"), body).with(StaffFixture.as(me))).hasStatus(204);
	}

	private void check(Role role, Permission needed, MockMvcRequestBuilder request, int success) {
		assertThat(request.exchange()).as("anonymous").hasStatus(401);
		int expected = role.allows(needed) ? success : 403;
		assertThat(request.with(StaffFixture.as(this.members.get(role))).exchange()).as(role.name())
			.hasStatus(expected);
	}

	private static MockMvcRequestBuilder json(MockMvcRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

}
