package org.rapport.access;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The console door: form login with CSRF protection, and sessions that never open the
 * API.
 */
@IntegrationTest
class ConsoleSecurityTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MockMvc mockMvc;

	@Autowired
	StaffDirectory staff;

	@Test
	void theLoginPageCarriesACsrfToken() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk().bodyText().contains("name=\"_csrf\"");
	}

	@Test
	void aSignInWithoutCsrfTokenIsRefused() {
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", member.username())
			.param("password", StaffFixture.PASSWORD)).hasStatus(403);
	}

	@Test
	void aConsolePostWithoutCsrfTokenIsRefusedEvenWhenSignedIn() throws Exception {
		MockHttpSession session = signIn(StaffFixture.create(this.staff, Role.ADMIN));
		assertThat(this.mvc.post().uri("/logout").session(session)).hasStatus(403);
		assertThat(this.mvc.get().uri("/audit").session(session)).hasStatusOk();
	}

	@Test
	void signingOutWithTheTokenEndsTheSession() throws Exception {
		MockHttpSession session = signIn(StaffFixture.create(this.staff, Role.ADMIN));
		assertThat(this.mvc.post().uri("/logout").session(session).with(csrf())).hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/login?logout");
		assertThat(this.mvc.get().uri("/audit").session(session)).hasStatus3xxRedirection();
	}

	@Test
	void theApiNeverAcceptsAConsoleSessionAlone() throws Exception {
		MockHttpSession session = signIn(StaffFixture.create(this.staff, Role.ADMIN));
		assertThat(this.mvc.get().uri("/audit").session(session)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/staff").session(session)).hasStatus(401);
		assertThat(this.mvc.get()
			.uri("/api/v1/staff")
			.cookie(new jakarta.servlet.http.Cookie("JSESSIONID", session.getId()))).hasStatus(401);
	}

	@Test
	void aWrongPasswordSendsBackToTheLoginPage() throws Exception {
		StaffMember member = StaffFixture.create(this.staff, Role.SALES);
		MvcResult result = this.mockMvc.perform(formLogin("/login").user(member.username()).password("not-my-password"))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
	}

	@Test
	void deactivationEndsTheOpenConsoleSessions() throws Exception {
		StaffMember member = StaffFixture.create(this.staff, Role.MANAGER);
		MockHttpSession session = signIn(member);
		assertThat(this.mvc.get().uri("/audit").session(session)).hasStatusOk();
		this.staff.deactivate(member.id());
		assertThat(this.mvc.get().uri("/audit").session(session)).hasStatus3xxRedirection()
			.redirectedUrl()
			.startsWith("/login");
	}

	private MockHttpSession signIn(StaffMember member) throws Exception {
		MvcResult result = this.mockMvc
			.perform(formLogin("/login").user(member.username()).password(StaffFixture.PASSWORD))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

}
