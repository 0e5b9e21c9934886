package org.rapport.customer;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service agent in a real (headless) browser: creates a customer with the form, finds
 * them by phone, edits the profile, and is stopped from overwriting a colleague's change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerEditingBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	ConsoleTestData data;

	BrowserSession browser;

	@BeforeEach
	void openBrowser() {
		this.data = new ConsoleTestData(this.customers, this.staff);
		this.browser = BrowserSession.open("http://localhost:" + this.port);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anAgentCreatesFindsAndEditsACustomerAndCannotOverwriteAColleaguesChange() {
		String phone = ConsoleTestData.freshPhone();
		String family = "Quintana" + ConsoleTestData.suffix();
		this.browser.signIn(this.data.staffWith(Role.SERVICE_AGENT), ConsoleTestData.PASSWORD);

		// the form: a person with a phone number and one consent
		this.browser.find("#nav-customers").click();
		this.browser.find("#new-customer-link").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("new-customer")));
		assertThat(this.browser.find("#companyName").isDisplayed()).isFalse();
		this.browser.find("#givenName").sendKeys("Marta");
		this.browser.find("#familyName").sendKeys(family);
		this.browser.find("#phone").sendKeys(phone);
		this.browser.find("#language").sendKeys("Spanish");
		this.browser.find("input[name='consents'][value='SMS:MARKETING']").click();
		this.browser.find("#create-customer").click();

		// a refused field is marked and nothing typed is lost
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("language-error")));
		assertThat(this.browser.find("#familyName").getAttribute("value")).isEqualTo(family);
		assertThat(this.browser.find("#phone").getAttribute("value")).isEqualTo(phone);
		assertThat(this.browser.find("input[name='consents'][value='SMS:MARKETING']").isSelected()).isTrue();
		this.browser.screenshot("customer-new-errors-laptop");
		this.browser.find("#language").clear();
		this.browser.find("#language").sendKeys("es");
		this.browser.find("#create-customer").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("customer-name")));
		assertThat(this.browser.find("#customer-name").getText()).isEqualTo("Marta " + family);
		assertThat(this.browser.find("#consent-SMS-MARKETING").getText()).isEqualTo("granted");
		UUID id = this.customers.findByIdentity(IdentityType.PHONE, phone).orElseThrow().id();

		// found again by the phone number as a caller would say it
		this.browser.find("#nav-customers").click();
		this.browser.find("#q").sendKeys(phone, Keys.ENTER);
		this.browser.await(ExpectedConditions.urlContains("/customers/" + id));

		// a consent toggles in place
		this.browser.find("#consent-EMAIL-PROFILING button").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("consent-EMAIL-PROFILING"), "granted"));

		// the profile edit is saved
		this.browser.find("#edit-profile").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("profile-form")));
		this.browser.find("#familyName").clear();
		this.browser.find("#familyName").sendKeys(family + "-Ruiz");
		this.browser.find("#save-profile").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("customer-name"), "Marta " + family + "-Ruiz"));
		this.browser.screenshot("customer-360-editing-laptop");

		// a colleague saves while the form is open: the agent's save does not overwrite
		// it
		this.browser.find("#edit-profile").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("save-profile")));
		CustomerView current = this.customers.get(id);
		this.customers.updateProfile(id, current.version(),
				new Profile("Marta", family + "-Colleague", null, null, "es"));
		this.browser.find("#familyName").clear();
		this.browser.find("#familyName").sendKeys(family + "-Mine");
		this.browser.find("#save-profile").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("stale")));
		assertThat(this.browser.find("#stale").getText()).contains("Someone else changed this customer");
		assertThat(this.browser.find("#familyName").getAttribute("value")).isEqualTo(family + "-Mine");
		assertThat(this.customers.get(id).familyName()).isEqualTo(family + "-Colleague");
		this.browser.screenshot("customer-edit-stale-laptop");
		this.browser.resize(BrowserSession.TABLET);
		this.browser.screenshot("customer-edit-stale-tablet");

		// reloading shows the colleague's change
		this.browser.find("#reload").click();
		this.browser.await(ExpectedConditions.attributeToBe(By.id("familyName"), "value", family + "-Colleague"));
		this.browser.go("/customers/" + id);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("manage")));
		this.browser.screenshot("customer-360-editing-tablet");
		this.browser.go("/customers/new");
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("new-customer")));
		this.browser.screenshot("customer-new-tablet");
	}

}
