package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.loyalty.CardKind;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeSettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jeans shop's lesson in a real (headless) browser: before shortening the points'
 * life, the owner previews the change and sees, next to what each member would lose, who
 * is likely to leave, with a sentence saying how many and what they would lose, and gives
 * that member a goodwill bonus before making the change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ProgrammeChangeOutlookBrowserTest {

	static final String PASSWORD = "programme-change-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Analytics analytics;

	@Autowired
	Loyalty loyalty;

	BrowserSession browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	static String daysAgo(int days) {
		return LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
	}

	@Test
	void theOwnerPreviewsAShorterExpiryAndSeesWhichMembersAreLikelyToLeave() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("pc-" + suffix,
				"Jeans club " + suffix, "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.ROLLING, 36, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		UUID loyal = fx.customer("Loyal");
		fx.purchases(loyal, "90.00", daysAgo(300), daysAgo(200), daysAgo(100), daysAgo(20));
		fx.contact(loyal, "CALL", "phone", daysAgo(10), "REFUSED", null);
		fx.contact(loyal, "SERVICE_REQUEST", "phone", daysAgo(5), "PENDING", null);
		UUID account = this.loyalty
			.enrol(programme.code(), new Enrolment(loyal, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix)
			.accountId();
		this.loyalty.adjust(account, 1200, "Three years of points", "adj-" + suffix);
		this.analytics.runAll(RunListener.NONE);
		String owner = "pc-owner-" + suffix;
		this.staff.create(owner, "Olga Owner", PASSWORD, EnumSet.of(Role.ADMIN));

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.resize(new Dimension(1400, 1000));
		this.browser.signIn(owner, PASSWORD);
		this.browser.go("/loyalty/programmes/" + programme.code() + "/impact");
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("impact-form")));
		this.browser.find("#f-expiryMonths").clear();
		this.browser.find("#f-expiryMonths").sendKeys("6");
		this.browser.find("#impact-run").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("impact-lines")));

		String row = "#impact-lines tr[data-customer='" + loyal + "']";
		assertThat(this.browser.find(row + " .outlook-risk").getText()).isEqualTo("High");
		assertThat(this.browser.find("#impact-leaving").getText()).isEqualTo(
				"1 of them is at high risk of leaving; they would lose 12.00 EUR. Look after them before the change.");
		assertThat(this.browser.find("#impact-leaving-names a[href='/customers/" + loyal + "']").getText())
			.startsWith("Loyal Analytics ");
		assertThat(this.browser.find("#impact-csv").getAttribute("formaction"))
			.endsWith("/loyalty/programmes/" + programme.code() + "/impact.csv");
		this.browser.driver().executeScript("document.getElementById('impact-result').scrollIntoView();");
		this.browser.screenshot("loyalty-impact-with-outlook");
		// the preview changed nothing
		assertThat(this.loyalty.programme(programme.code()).expiryMonths()).isEqualTo(36);

		// and the owner acts first: a goodwill bonus to the member likely to leave
		this.browser.find("#goodwill-points").sendKeys("100");
		this.browser.find("#goodwill-give").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("goodwill-given")));
		assertThat(this.browser.find("#goodwill-given").getText()).startsWith("100 points given to 1 member");
		assertThat(this.browser.find("#goodwill-members a[href='/customers/" + loyal + "']").isDisplayed()).isTrue();
		assertThat(this.loyalty.member(account).available()).isEqualTo(1300);
	}

}
