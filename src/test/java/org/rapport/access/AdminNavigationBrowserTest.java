package org.rapport.access;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top bar on a laptop screen: an administrator, who may open every page, sees the
 * menu on one line, with the audit log, staff and API clients under "Admin", which opens
 * on a click and closes on a click elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminNavigationBrowserTest {

	static final String PASSWORD = "admin-navigation-browser-password";

	@LocalServerPort
	int port;

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
	void anAdministratorsMenuFitsOneLineOnALaptopAndOpensStaffFromAdministration() {
		String admin = "nav-admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(admin, "Nadia Admin", PASSWORD, EnumSet.of(Role.ADMIN));
		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.resize(BrowserSession.LAPTOP);
		this.browser.signIn(admin, PASSWORD);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-admin")));

		List<WebElement> items = this.browser.driver().findElements(By.cssSelector(".menu > a, .menu > details"));
		assertThat(items).hasSizeGreaterThan(8);
		this.browser.screenshot("admin-menu-laptop");
		// one line: every item starts less than a line's height below the first
		int top = items.get(0).getLocation().getY();
		int line = items.get(0).getSize().getHeight();
		assertThat(items.stream().map((item) -> item.getLocation().getY()).toList())
			.as("the menu on one line at %s", BrowserSession.LAPTOP)
			.allSatisfy((y) -> assertThat(Math.abs(y - top)).isLessThan(line));
		assertThat(this.browser.find("#nav-staff").isDisplayed()).isFalse();

		this.browser.find("#nav-admin summary").click();
		assertThat(this.browser.find("#nav-audit").isDisplayed()).isTrue();
		assertThat(this.browser.find("#nav-api-clients").isDisplayed()).isTrue();
		this.browser.find("h1").click();
		assertThat(this.browser.find("#nav-staff").isDisplayed()).as("closed by a click elsewhere").isFalse();

		this.browser.find("#nav-admin summary").click();
		this.browser.find("#nav-staff").click();
		this.browser.await(ExpectedConditions.urlContains("/admin/staff"));
	}

}
