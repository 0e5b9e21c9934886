package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's points statement in a real (headless) browser: a counter agent opens it from
 * the member panel on the customer's page and reads the balance at the start, what the
 * period added and took, and the balance at the end, which is the member's balance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatementBrowserTest {

	static final String PASSWORD = "statement-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	BrowserSession browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anAgentOpensTheStatementFromTheMemberPanelAndItEndsAtTheMembersBalance() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("sb-" + suffix,
				"Statement club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of("base", Combination.STACK), null));
		UUID customer = this.customers.create(NewCustomer.person("Sara", "Statement " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		this.loyalty.adjust(member.accountId(), 400, "Welcome points", "adj-" + suffix);
		this.loyalty.redeem(member.accountId(), 150, "Lunch", "red-" + suffix);
		String agent = "sb-agent-" + suffix;
		this.staff.create(agent, "Alex Agent", PASSWORD, EnumSet.of(Role.SERVICE_AGENT));

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(agent, PASSWORD);
		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.elementToBeClickable(By.id("statement-" + member.accountId())));
		this.browser.find("#statement-" + member.accountId()).click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("statement-closing")));
		assertThat(this.browser.find("#statement-member").getText()).contains("Sara");
		assertThat(this.browser.find("#statement-opening").getText()).contains("0");
		assertThat(this.browser.find("#statement-total-ADJUST").getText()).contains("400");
		assertThat(this.browser.find("#statement-total-REDEEM").getText()).contains("-150");
		assertThat(this.browser.find("#statement-closing").getText()).contains("250");
		assertThat(this.browser.isPresent("#statement-print")).isTrue();
		this.browser.screenshot("statement-laptop");

		// the member's copy, in the language chosen for the member, printed from its own
		// page
		new org.openqa.selenium.support.ui.Select(this.browser.find("#statement-language")).selectByValue("es");
		this.browser.find("#statement-document").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("statement-back")));
		assertThat(this.browser.find("html").getAttribute("lang")).isEqualTo("es");
		assertThat(this.browser.find("#statement-opening").getText()).containsIgnoringCase("Saldo al inicio");
		assertThat(this.browser.find("#statement-closing").getText()).contains("250");
		assertThat(this.browser.isPresent("#nav-counter")).as("no console menu on the member's copy").isFalse();
		this.browser.screenshot("statement-members-copy");
		this.browser.find("#statement-back").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("statement-document")));
		assertThat(this.browser.find("html").getAttribute("lang")).isEqualTo("en");
	}

}
