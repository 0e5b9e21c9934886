package org.rapport.access;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class StaffAdministrationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdministratorCreatesStaffWhoCanThenSignIn() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		String username = StaffFixture.uniqueName("Luis");
		assertThat(
				post("/api/v1/staff", admin,
						"""
								{"username":"%s","displayName":"Luis","password":"luis-password-1","roles":["SALES","SERVICE_AGENT"]}"""
							.formatted(username)))
			.hasStatus(201)
			.bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.hasSize(2);
		assertThat(this.mvc.get().uri("/api/v1/me").with(httpBasic(username, "luis-password-1"))).hasStatusOk();
	}

	@Test
	void invalidStaffInputIsRefusedFieldByField() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		assertThat(post("/api/v1/staff", admin,
				"{\"username\":\"x y\",\"displayName\":\"X\",\"password\":\"a-long-password\",\"roles\":[\"SALES\"]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("username");
		assertThat(post("/api/v1/staff", admin, "{\"username\":\"%s\",\"password\":\"short\",\"roles\":[\"SALES\"]}"
			.formatted(StaffFixture.uniqueName("p")))).hasStatus(400).bodyText().contains("password");
		for (String weak : java.util.List.of("            ", "aaaaaaaaaaaa", "abababababab")) {
			assertThat(post("/api/v1/staff", admin,
					"{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[\"SALES\"]}"
						.formatted(StaffFixture.uniqueName("p"), weak)))
				.hasStatus(400)
				.bodyText()
				.contains("3 different characters");
		}
		assertThat(post("/api/v1/staff", admin,
				"{\"username\":\"%s\",\"password\":\"a-long-password\",\"roles\":[\"KING\"]}"
					.formatted(StaffFixture.uniqueName("p"))))
			.hasStatus(400)
			.bodyText()
			.contains("roles");
		assertThat(post("/api/v1/staff", admin,
				"{\"username\":\"%s\",\"password\":\"a-long-password\",\"roles\":[\"SALES\"]}"
					.formatted(admin.username())))
			.hasStatus(409);
	}

	@Test
	void deactivatedStaffCannotSignIn() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		StaffMember leaver = StaffFixture.create(this.staff, Role.SALES);
		assertThat(this.mvc.get().uri("/api/v1/me").with(StaffFixture.as(leaver))).hasStatusOk();
		assertThat(post("/api/v1/staff/" + leaver.id() + "/deactivation", admin, null)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.active")
			.isEqualTo(false);
		assertThat(this.mvc.get().uri("/api/v1/me").with(StaffFixture.as(leaver))).hasStatus(401);
		assertThat(this.mvc.post()
			.uri("/login")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("username", leaver.username())
			.param("password", StaffFixture.PASSWORD)).hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/login?error");
	}

	@Test
	void everyStaffChangeIsAuditedWithoutPasswordHashes() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		assertThat(put("/api/v1/staff/" + member.id() + "/roles", admin, "{\"roles\":[\"MANAGER\"]}")).hasStatusOk();
		assertThat(post("/api/v1/staff/" + member.id() + "/password", admin, "{\"password\":\"reset-password-1\"}"))
			.hasStatus(204);
		assertThat(post("/api/v1/staff/" + member.id() + "/deactivation", admin, null)).hasStatusOk();
		assertThat(this.jdbc
			.sql("SELECT action FROM audit_event WHERE entity_type = 'staff' AND entity_id = ? ORDER BY id")
			.param(member.id().toString())
			.query(String.class)
			.list()).containsExactly("created", "roles-changed", "password-reset", "deactivated");
		assertThat(this.jdbc.sql(
				"SELECT actor_id FROM audit_event WHERE entity_type = 'staff' AND entity_id = ? AND action <> 'created'")
			.param(member.id().toString())
			.query(String.class)
			.list()).containsOnly(admin.id().toString());
		String snapshots = this.jdbc
			.sql("SELECT string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ' ') FROM audit_event "
					+ "WHERE entity_type = 'staff' AND entity_id = ?")
			.param(member.id().toString())
			.query(String.class)
			.single();
		String hash = this.jdbc.sql("SELECT password_hash FROM staff_user WHERE id = ?")
			.param(member.id())
			.query(String.class)
			.single();
		assertThat(snapshots).contains("MANAGER").doesNotContain(hash).doesNotContainIgnoringCase("password");
	}

	@Test
	void passwordsAreStoredAsBcryptHashes() {
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		assertThat(this.jdbc.sql("SELECT password_hash FROM staff_user WHERE id = ?")
			.param(member.id())
			.query(String.class)
			.single()).startsWith("{bcrypt}$2").doesNotContain(StaffFixture.PASSWORD);
	}

	@Test
	void aStaffMemberChangesTheirPasswordOnlyWithTheCurrentOne() {
		StaffMember me = StaffFixture.create(this.staff, Role.SERVICE_AGENT);
		assertThat(post("/api/v1/me/password", me,
				"{\"currentPassword\":\"wrong-password\",\"newPassword\":\"my-new-password-1\"}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("currentPassword");
		assertThat(post("/api/v1/me/password", me,
				"{\"currentPassword\":\"%s\",\"newPassword\":\"my-new-password-1\"}".formatted(StaffFixture.PASSWORD)))
			.hasStatus(204);
		assertThat(this.mvc.get().uri("/api/v1/me").with(StaffFixture.as(me))).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/me").with(httpBasic(me.username(), "my-new-password-1"))).hasStatusOk();
	}

	@Test
	void theLastActiveAdministratorCannotBeDeactivatedOrDemoted() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		StaffMember other = StaffFixture.create(this.staff, Role.ADMIN);
		assertThat(post("/api/v1/staff/" + other.id() + "/deactivation", admin, null)).hasStatusOk();
		// the shared database holds administrators of other tests: set them aside
		// meanwhile
		java.util.List<UUID> others = this.jdbc
			.sql("SELECT id FROM staff_user WHERE 'ADMIN' = ANY (roles) AND id <> ? AND active")
			.param(admin.id())
			.query(UUID.class)
			.list();
		try {
			this.jdbc.sql("UPDATE staff_user SET active = FALSE WHERE id IN (:ids)").param("ids", others).update();
			assertThat(post("/api/v1/staff/" + admin.id() + "/deactivation", admin, null)).hasStatus(409)
				.bodyJson()
				.extractingPath("$.type")
				.asString()
				.endsWith("last-administrator");
			assertThat(put("/api/v1/staff/" + admin.id() + "/roles", admin, "{\"roles\":[\"MANAGER\"]}"))
				.hasStatus(409);
		}
		finally {
			this.jdbc.sql("UPDATE staff_user SET active = TRUE WHERE id IN (:ids)").param("ids", others).update();
		}
		assertThat(put("/api/v1/staff/" + admin.id() + "/roles", admin, "{\"roles\":[\"MANAGER\"]}")).hasStatusOk();
		assertThat(post("/api/v1/staff/" + UUID.randomUUID() + "/deactivation", other, null)).hasStatus(401);
	}

	@Test
	void deactivatingAnUnknownStaffMemberIsNotFound() {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		assertThat(post("/api/v1/staff/" + UUID.randomUUID() + "/deactivation", admin, null)).hasStatus(404);
	}

	@Test
	void repeatedWrongPasswordsLockTheUsernameEvenForTheRightPassword() {
		StaffMember target = StaffFixture.create(this.staff, Role.SALES);
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.get().uri("/api/v1/me").with(httpBasic(target.username(), "guess-number-" + i)))
				.hasStatus(401);
		}
		assertThat(this.mvc.get().uri("/api/v1/me").with(StaffFixture.as(target))).hasStatus(401);
	}

	private MockMvcTester.MockMvcRequestBuilder post(String uri, StaffMember as, String body) {
		var request = this.mvc.post().uri(uri).with(StaffFixture.as(as));
		return body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private MockMvcTester.MockMvcRequestBuilder put(String uri, StaffMember as, String body) {
		return this.mvc.put().uri(uri).with(StaffFixture.as(as)).contentType(MediaType.APPLICATION_JSON).content(body);
	}

}
