package org.rapport.customer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console in a real (headless) browser: sign in, find the caller by phone
 * number, write a note, record a refused call, switch language; and what a marketer may
 * not do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerConsoleBrowserTest {

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
	void anAgentFindsTheCallerByPhoneAddsANoteAndReadsThePageInAnotherLanguage() {
		String phone = ConsoleTestData.freshPhone();
		String family = "Núñez" + ConsoleTestData.suffix();
		CustomerView caller = this.data.person("Inés", family, phone);
		String agent = this.data.staffWith(Role.SERVICE_AGENT);

		this.browser.signIn(agent, ConsoleTestData.PASSWORD);
		this.browser.find("#nav-customers").click();

		// live search: typing a name without accents lists the customer without a submit
		this.browser.find("#q").sendKeys("ines " + NameFolding.fold(family));
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.linkText("Inés " + family)));
		this.browser.screenshot("customers-search-laptop");

		// the phone number as the caller says it, then Enter: straight to the 360 page
		this.browser.find("#q").clear();
		this.browser.find("#q").sendKeys(phone, Keys.ENTER);
		this.browser.await(ExpectedConditions.urlContains("/customers/" + caller.id()));
		assertThat(this.browser.find("#customer-name").getText()).isEqualTo("Inés " + family);
		this.browser
			.await(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "No interactions yet"));
		// the timeline sits in the wide column, under the addresses, wider than the notes
		// beside it
		WebElement timeline = this.browser.find("#timeline");
		assertThat(timeline.getSize().getWidth()).isGreaterThan(this.browser.find("#notes").getSize().getWidth());
		assertThat(timeline.getLocation().getY()).isGreaterThan(this.browser.find("#addresses").getLocation().getY());
		assertThat(timeline.getLocation().getX()).isEqualTo(this.browser.find("#addresses").getLocation().getX());

		// a note of blanks is refused, and the form says why instead of doing nothing
		this.browser.find("#note-body").sendKeys("   ");
		this.browser.find("#add-note").click();
		this.browser.await(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#note-form .htmx-problem"), "must not be blank"));
		this.browser.find("#note-body").clear();

		// the note appears at the top of the list without a page reload, and the refusal
		// goes
		this.browser.driver().executeScript("window.rapportPageMarker = 'still here';");
		this.browser.find("#note-body").sendKeys("Called about the delivery date; call back on Friday");
		this.browser.find("#add-note").click();
		this.browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#notes-list .note"),
				"Called about the delivery date"));
		assertThat(this.browser.find("#notes-list .note .note-author").getText()).isEqualTo("Test Service agent");
		assertThat(this.browser.driver().executeScript("return window.rapportPageMarker;")).isEqualTo("still here");
		assertThat(this.browser.find("#note-body").getAttribute("value")).isEmpty();
		assertThat(this.browser.isPresent("#note-form .htmx-problem")).isFalse();
		this.browser.screenshot("customer-360-laptop");

		// language switch: labels change, the note stays
		this.browser.find("#lang-es").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("nav-customers"), "Clientes"));
		assertThat(this.browser.find("#notes h2").getText()).isEqualTo("Notas");
		this.browser
			.await(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Aún no hay interacciones"));
		this.browser.resize(BrowserSession.TABLET);
		this.browser.screenshot("customer-360-tablet-es");

		this.browser.find("#lang-ru").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("nav-customers"), "Клиенты"));
		assertThat(this.browser.find("#notes h2").getText()).isEqualTo("Заметки");
		assertThat(this.browser.find("#notes-list").getText()).contains("Called about the delivery date");
		this.browser.find("#nav-customers").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("q")));
		this.browser.find("#q").sendKeys(phone);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.linkText("Inés " + family)));
		this.browser.screenshot("customers-search-tablet-ru");
	}

	/**
	 * The taxi call: no car is free. The operator records the refused call on the
	 * caller's timeline, is told first that a refusal needs its reason, and sees the
	 * incident on top, marked, with who took it.
	 */
	@Test
	void anAgentRecordsTheRefusedCallOnTheCallersTimelineWithItsReason() {
		String phone = ConsoleTestData.freshPhone();
		CustomerView caller = this.data.person("Tomás", "Vidal" + ConsoleTestData.suffix(), phone);
		String agent = this.data.staffWith(Role.SERVICE_AGENT);

		this.browser.signIn(agent, ConsoleTestData.PASSWORD);
		this.browser.go("/customers/" + caller.id());
		this.browser
			.await(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "No interactions yet"));
		this.browser.find("#contact-form-wrap summary").click();
		new Select(this.browser.find("#contact-outcome")).selectByValue("REFUSED");
		this.browser.find("#contact-summary").sendKeys("Wanted a car to the airport at 6:00");
		this.browser.find("#record-contact").click();

		// the reason is missing: the form stays open with what was typed
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("contact-error-outcomeReason")));
		assertThat(this.browser.find("#contact-summary").getAttribute("value"))
			.isEqualTo("Wanted a car to the airport at 6:00");
		assertThat(new Select(this.browser.find("#contact-outcome")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("REFUSED");
		assertThat(this.browser.isPresent("#timeline .timeline-entries")).isFalse();

		this.browser.find("#contact-reason").sendKeys("no car available");
		this.browser.find("#record-contact").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("contact-recorded")));
		WebElement top = this.browser.find("#timeline .timeline-entries tbody tr");
		assertThat(top.getAttribute("class")).contains("negative");
		assertThat(top.getText()).contains("Call", "no car available", "Wanted a car to the airport at 6:00",
				"by Test Service agent");
		// the form is closed and empty again, ready for the next call
		assertThat(this.browser.find("#contact-form-wrap").getAttribute("open")).isNull();
		assertThat(this.browser.find("#contact-reason").getAttribute("value")).isEmpty();
		this.browser.screenshot("customer-360-contact-recorded");
	}

	@Test
	void aMarketerReadsTheCustomerButGetsNoNoteFormAndAFriendlyRefusal() {
		CustomerView customer = this.data.person("Omar", "Readonly" + ConsoleTestData.suffix(),
				ConsoleTestData.freshPhone());
		String marketer = this.data.staffWith(Role.MARKETER);

		this.browser.signIn(marketer, ConsoleTestData.PASSWORD);
		this.browser.go("/customers/" + customer.id());
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
		assertThat(this.browser.find("#customer-name").getText()).startsWith("Omar Readonly");
		assertThat(this.browser.isPresent("#notes")).isTrue();
		assertThat(this.browser.isPresent("#note-form")).isFalse();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .timeline")));
		assertThat(this.browser.isPresent("#contact-form")).isFalse();
		assertThat(this.browser.isPresent("#export")).isFalse();

		this.browser.go("/customers/" + customer.id() + "/export");
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-card")));
		assertThat(this.browser.find(".error-card h1").getText()).isEqualTo("Not allowed");
		assertThat(this.browser.isPresent("#nav-customers")).isTrue();
		this.browser.resize(BrowserSession.TABLET);
		this.browser.screenshot("forbidden-tablet");
	}

}
