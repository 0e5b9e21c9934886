package org.rapport.access;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class CreateAdminCommandTest {

	@Autowired
	CreateAdminCommand command;

	@Autowired
	StaffDirectory staff;

	@Autowired
	MockMvcTester mvc;

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void createsAnAdministratorWithThePasswordFromStandardInput() {
		String username = StaffFixture.uniqueName("root");
		assertThat(run(username, Map.of(), "stdin-password-1\n")).isZero();
		assertThat(this.out.toString()).contains("Created administrator '" + username + "'");
		assertThat(this.staff.byUsername(username).orElseThrow().roles()).containsExactly(Role.ADMIN);
		assertThat(this.mvc.get().uri("/api/v1/staff").with(httpBasic(username, "stdin-password-1"))).hasStatusOk();
	}

	@Test
	void resetsAnExistingAccountToAnActiveAdministratorWithThePasswordFromTheEnvironment() {
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		this.staff.deactivate(member.id());
		assertThat(run(member.username(), Map.of("RAPPORT_ADMIN_PASSWORD", "env-password-12"), "")).isZero();
		assertThat(this.out.toString()).contains("Reset the password of '" + member.username() + "'");
		StaffMember after = this.staff.byId(member.id()).orElseThrow();
		assertThat(after.active()).isTrue();
		assertThat(after.roles()).contains(Role.ADMIN, Role.SALES);
		assertThat(this.mvc.get().uri("/api/v1/api-clients").with(httpBasic(member.username(), "env-password-12")))
			.hasStatusOk();
	}

	@Test
	void aShortOrMissingPasswordIsRefused() {
		String username = StaffFixture.uniqueName("root");
		assertThat(run(username, Map.of(), "short\n")).isEqualTo(1);
		assertThat(this.err.toString()).contains("password");
		assertThat(run(username, Map.of(), "")).isEqualTo(2);
		assertThat(this.staff.byUsername(username)).isEmpty();
	}

	private int run(String username, Map<String, String> env, String stdin) {
		return this.command.run(new String[] { username }, env, null,
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
