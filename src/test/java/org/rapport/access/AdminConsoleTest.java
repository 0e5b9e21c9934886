package org.rapport.access;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The administrators' screens for staff and API clients, and who may open them. */
@IntegrationTest
class AdminConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Autowired
	ApiClients clients;

	@Autowired
	UserDetailsService users;

	RequestPostProcessor as(Role role) {
		return user(this.users.loadUserByUsername(StaffFixture.create(this.staff, role).username()));
	}

	@Test
	void anAdministratorAddsAStaffMemberWithRoles() {
		String username = StaffFixture.uniqueName("nuria");
		assertThat(this.mvc.post()
			.uri("/admin/staff")
			.param("username", username)
			.param("displayName", "Nuria Nueva")
			.param("password", "a-long-enough-password")
			.param("roles", "SALES", "MARKETER")
			.with(as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection().hasRedirectedUrl("/admin/staff");
		StaffMember created = this.staff.byUsername(username).orElseThrow();
		assertThat(created.roles()).containsExactlyInAnyOrder(Role.SALES, Role.MARKETER);
		assertThat(this.mvc.get().uri("/admin/staff").with(as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("Nuria Nueva")
			.contains("id=\"staff-" + username + "\"");
	}

	@Test
	void aRefusedStaffMemberKeepsWhatWasTypedAndSaysWhy() {
		String username = StaffFixture.uniqueName("short");
		assertThat(this.mvc.post()
			.uri("/admin/staff")
			.param("username", username)
			.param("displayName", "Short Password")
			.param("password", "short")
			.param("roles", "SALES")
			.with(as(Role.ADMIN))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("Use a password of at least 10 characters.")
			.contains("value=\"" + username + "\"");
		assertThat(this.staff.byUsername(username)).isEmpty();
	}

	@Test
	void aRefusedStaffMemberIsToldWhyInTheLanguageOfTheConsole() {
		String username = StaffFixture.uniqueName("simple");
		assertThat(this.mvc.post()
			.uri("/admin/staff")
			.cookie(new Cookie("rapport-lang", "es"))
			.param("username", username)
			.param("displayName", "Contraseña Simple")
			.param("password", "aaaaaaaaaaaa")
			.param("roles", "SALES")
			.with(as(Role.ADMIN))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("Use una contraseña de al menos 10 caracteres.")
			.contains("password: use al menos 3 caracteres distintos, no solo espacios")
			.doesNotContain("use at least 3 different characters");
		assertThat(this.staff.byUsername(username)).isEmpty();
	}

	@Test
	void anAdministratorResetsAPasswordAndDeactivatesAStaffMember() {
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		assertThat(this.mvc.post()
			.uri("/admin/staff/{id}/password", member.id())
			.param("password", "brand-new-password")
			.with(as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/api/v1/me").with(httpBasic(member.username(), "brand-new-password")))
			.hasStatusOk();

		assertThat(this.mvc.post().uri("/admin/staff/{id}/deactivate", member.id()).with(as(Role.ADMIN)).with(csrf()))
			.hasStatus3xxRedirection();
		assertThat(this.staff.byId(member.id()).orElseThrow().active()).isFalse();
	}

	@Test
	void aNewApiClientsKeyIsShownOnceAndWorksUntilRevoked() throws Exception {
		String name = StaffFixture.uniqueName("web-shop");
		RequestPostProcessor admin = as(Role.ADMIN);
		MvcTestResult created = this.mvc.post()
			.uri("/admin/api-clients")
			.param("name", name)
			.param("scopes", "CUSTOMERS_READ")
			.with(admin)
			.with(csrf())
			.exchange();
		assertThat(created).hasStatusOk().hasHeader("Cache-Control", "no-store");
		String page = created.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String key = page.replaceAll("(?s).*id=\"api-key\">([^<]+)<.*", "$1");
		assertThat(key).isNotBlank().doesNotContain("<");
		assertThat(this.mvc.get().uri("/api/v1/customers").header("X-API-Key", key)).hasStatusOk();
		assertThat(this.mvc.get().uri("/admin/api-clients").with(admin)).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain(key);

		ApiClients.ApiClient client = this.clients.all()
			.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow();
		assertThat(this.mvc.post().uri("/admin/api-clients/{id}/revoke", client.id()).with(admin).with(csrf()))
			.hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/api/v1/customers").header("X-API-Key", key)).hasStatus(401);
	}

	@Test
	void onlyAdministratorsSeeAndUseTheAdministrationScreens() {
		assertThat(this.mvc.get().uri("/").with(as(Role.ADMIN))).bodyText()
			.contains("id=\"nav-staff\"")
			.contains("id=\"nav-api-clients\"");
		assertThat(this.mvc.get().uri("/").with(as(Role.MANAGER))).bodyText()
			.doesNotContain("id=\"nav-staff\"")
			.doesNotContain("id=\"nav-api-clients\"");
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		assertThat(this.mvc.get().uri("/admin/staff").with(as(Role.MANAGER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/admin/api-clients").with(as(Role.MANAGER))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/admin/staff")
			.param("username", StaffFixture.uniqueName("x"))
			.param("password", "a-long-enough-password")
			.param("roles", "ADMIN")
			.with(as(Role.MANAGER))
			.with(csrf())).hasStatus(403);
		assertThat(this.mvc.post().uri("/admin/staff/{id}/deactivate", member.id()).with(as(Role.MANAGER)).with(csrf()))
			.hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/admin/api-clients")
			.param("name", StaffFixture.uniqueName("x"))
			.param("scopes", "CUSTOMERS_WRITE")
			.with(as(Role.SALES))
			.with(csrf())).hasStatus(403);
		assertThat(this.mvc.post().uri("/admin/staff/{id}/deactivate", member.id()).with(as(Role.ADMIN)))
			.as("without the CSRF token")
			.hasStatus(403);
		assertThat(this.staff.byId(member.id()).orElseThrow().active()).isTrue();
	}

}
