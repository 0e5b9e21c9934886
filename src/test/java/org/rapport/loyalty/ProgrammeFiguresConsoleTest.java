package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The programme page's figures by month, loaded after the page. */
@IntegrationTest
class ProgrammeFiguresConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Test
	void theProgrammePageLoadsTheLastTwelveMonthsNewestFirstForItsAdministratorsAndMarketers() throws Exception {
		ConsoleStaff staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("fg-" + LoyaltyFixture.unique(),
				"Figures club", "EUR", "points", new BigDecimal("0.01"), 30, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of(), null));
		YearMonth now = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
		for (int i = 0; i < 2; i++) {
			UUID customer = this.customers.create(NewCustomer.person("Rosa", "Figures " + LoyaltyFixture.unique()))
				.id();
			UUID account = this.loyalty.enrol(programme.code(), new Enrolment(customer, null, null, null, null), null)
				.accountId();
			this.loyalty.adjust(account, 1250, "Welcome", "welcome-" + i);
		}
		String figuresUri = "/loyalty/programmes/" + programme.code() + "/figures";

		assertThat(this.mvc.get().uri("/loyalty/programmes/{c}", programme.code()).with(staff.as(Role.ADMIN)))
			.hasStatusOk()
			.bodyText()
			.contains("hx-get=\"" + figuresUri + "\"")
			.doesNotContain("id=\"figures-by-month\"");
		assumeTrue(YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).equals(now),
				"the figures were written across the turn of a month");
		String panel = this.mvc.get()
			.uri(figuresUri)
			.with(staff.as(Role.MARKETER))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(panel).contains("id=\"figures-by-month\"");
		assertThat(panel.indexOf("id=\"figures-" + now + "\"")).isGreaterThan(0)
			.isLessThan(panel.indexOf("id=\"figures-" + now.minusMonths(1) + "\""));
		assertThat(panel).contains("id=\"figures-" + now.minusMonths(11) + "\"")
			.doesNotContain("id=\"figures-" + now.minusMonths(12) + "\"");
		String current = panel.substring(panel.indexOf("id=\"figures-" + now + "\""));
		current = current.substring(0, current.indexOf("</tr>"));
		assertThat(current).contains("<td class=\"num figures-members\">2</td>")
			.contains("<td class=\"num figures-issued\">2,500</td>")
			.contains("<td class=\"num figures-outstanding\">2,500</td>")
			.contains("25.00 EUR");
		assertThat(this.mvc.get().uri(figuresUri).with(staff.as(Role.ADMIN))).hasStatusOk();
		assertThat(this.mvc.get().uri(figuresUri).with(staff.as(Role.SERVICE_AGENT))).hasStatus(403);
		assertThat(this.mvc.get().uri(figuresUri).with(staff.as(Role.SALES))).hasStatus(403);
	}

	@Test
	void aMarketerOpensTheFiguresByMonthFromTheDashboardAsAPageOfTheirOwn() {
		ConsoleStaff staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("fp-" + LoyaltyFixture.unique(),
				"Figures page club", "EUR", "points", new BigDecimal("0.01"), 30, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of(), null));
		String figuresUri = "/loyalty/programmes/" + programme.code() + "/figures";

		assertThat(this.mvc.get()
			.uri("/analytics/programmes?month=" + YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)))
			.with(staff.as(Role.MARKETER))).hasStatusOk().bodyText().contains("href=\"" + figuresUri + "\"");
		assertThat(this.mvc.get().uri(figuresUri).with(staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("<html", "id=\"figures-programme\">Figures page club<", "id=\"figures-by-month\"",
					"loyalty-figures.js");
		assertThat(this.mvc.get().uri(figuresUri).header("HX-Request", "true").with(staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"figures-by-month\"")
			.doesNotContain("<html");
	}

}
