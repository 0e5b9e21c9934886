package org.rapport.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start page in a real (headless) browser after an analytics run over a small data
 * set: a manager sees who needs attention first, and the customer's name opens their 360
 * page, where the stage set by staff and the lifecycle stage from behaviour are named
 * apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class StartPageBrowserTest {

	static final String PASSWORD = "start-page-browser-password";

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

	BrowserSession browser;

	@BeforeEach
	void openBrowser() {
		this.browser = BrowserSession.open("http://localhost:" + this.port);
	}

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
	void aManagerSeesWhoNeedsAttentionAndOpensTheirCustomerPage() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID atRisk = fx.customer("Risky");
		fx.purchases(atRisk, "5000.00", daysAgo(95), daysAgo(65), daysAgo(35));
		fx.contact(atRisk, "CALL", "phone", daysAgo(10), "REFUSED", null);
		fx.contact(atRisk, "SERVICE_REQUEST", "phone", daysAgo(5), "PENDING", null);
		this.analytics.runAll(RunListener.NONE);
		String manager = "start-manager-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(manager, "Test Manager", PASSWORD, EnumSet.of(Role.MANAGER));

		this.browser.resize(new Dimension(1400, 1000));
		this.browser.signIn(manager, PASSWORD);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attention-list")));
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#behaviour-stages")));
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ready-for-more")));
		assertThat(this.browser.isPresent("#attention-list tr[data-customer='" + atRisk + "']")).isTrue();
		assertThat(this.browser.driver().findElements(By.cssSelector("#attention-list tr.attention"))).hasSizeBetween(1,
				StartPageCardsController.ATTENTION);
		assertThat(this.browser.find("#stage-counts h2").getText()).isEqualTo("Customers by stage set by staff");
		assertThat(this.browser.find("#behaviour-stages h2").getText())
			.isEqualTo("Customers by lifecycle stage (from behaviour)");
		assertThat((Boolean) this.browser.driver()
			.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
			.as("no horizontal overflow at 1400 px")
			.isTrue();
		this.browser.screenshot("start-page-1400");

		this.browser.find("#attention-list a[href='/customers/" + atRisk + "']").click();
		this.browser.await(ExpectedConditions.urlContains("/customers/" + atRisk));
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#panel-stage")));
		assertThat(this.browser.driver().getPageSource()).contains("Stage (set by staff)")
			.contains("Lifecycle stage (from behaviour)");
	}

}
