package org.rapport.loyalty;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An address naming a programme that does not exist is a page that says so with 404 — in
 * the console as the error page (or, for htmx, the message alone), in the API as a
 * problem detail — never a server error.
 */
@IntegrationTest
class UnknownProgrammePagesTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	ConsoleStaff staff;

	@BeforeEach
	void staff() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
	}

	@Test
	void consolePagesOfAnUnknownProgrammeAreNotFoundPages() {
		for (String page : new String[] { "/loyalty/programmes/no-such-club",
				"/loyalty/programmes/no-such-club/tier-offers", "/loyalty/programmes/no-such-club/tiers" }) {
			assertThat(this.mvc.get().uri(page).with(this.staff.as(Role.ADMIN))).as(page)
				.hasStatus(404)
				.bodyText()
				.contains("Not found")
				.doesNotContain("Something went wrong");
		}
	}

	@Test
	void anHtmxRequestGetsTheRefusalAloneForTheElementItFills() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/no-such-club/tier-offers")
			.header("HX-Request", "true")
			.with(this.staff.as(Role.ADMIN))).hasStatus(404)
			.bodyText()
			.contains("data-status=\"404\"")
			.contains("no-such-club")
			.doesNotContain("<html");
	}

	@Test
	void theApiStillAnswersAnUnknownProgrammeWithAProblemDetail() {
		assertThat(this.mvc.get().uri("/api/v1/loyalty/programmes/no-such-club").with(this.staff.as(Role.ADMIN)))
			.hasStatus(404)
			.hasContentType("application/problem+json");
	}

}
