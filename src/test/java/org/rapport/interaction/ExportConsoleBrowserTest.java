package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
 * The export screen in a real (headless) browser: a manager goes from the import screen
 * to the export, is told at the field that the period ends before it starts, then
 * downloads the purchases of March as CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportConsoleBrowserTest {

	static final String PASSWORD = "export-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	StaffDirectory staff;

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

	@Test
	void aManagerIsToldWhatIsWrongThenDownloadsAMonthOfPurchasesAsCsv() {
		String suffix = InteractionFixture.unique();
		UUID customer = this.customers.create(NewCustomer.person("Edda", "Export " + suffix)).id();
		String sku = "SKU-" + suffix.toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Rain coat " + suffix, "coats", true));
		String source = "shop-" + suffix;
		for (String day : List.of("2024-02-28", "2024-03-10", "2024-03-20", "2024-04-01")) {
			this.interactions.record(new NewInteraction(customer, null, InteractionKind.PURCHASE, "store",
					Instant.parse(day + "T12:00:00Z"), source, null, "buy-" + day, null, null, null, null,
					new BigDecimal("49.00"), "EUR", "York", null, null, null, Map.of(),
					List.of(NewLine.of(sku, "1", "49.00"))));
		}
		String manager = "export-manager-" + suffix;
		this.staff.create(manager, "Test Manager", PASSWORD, EnumSet.of(Role.MANAGER));

		this.browser.signIn(manager, PASSWORD);
		this.browser.find("#nav-import").click();
		this.browser.find("#import-export").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("export-form")));
		date("#export-from", "2024-04-01");
		date("#export-to", "2024-03-01");
		this.browser.find("#export-download").click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("export-error-to")));
		assertThat(this.browser.find("#export-error-to").getText()).isEqualTo("must be after from");
		assertThat(this.browser.find("#export-from").getAttribute("value")).isEqualTo("2024-04-01");

		date("#export-from", "2024-03-01");
		date("#export-to", "2024-04-01");
		this.browser.find("#export-source").sendKeys(source);
		this.browser.find("#export-kind-PURCHASE").click();
		new Select(this.browser.find("#export-format")).selectByValue("csv");
		this.browser.screenshot("export-form-laptop");
		// what the download button asks for, fetched in the signed-in page
		String csv = (String) this.browser.driver()
			.executeScript("const f = document.getElementById('export-form');"
					+ "return fetch(f.action + '?' + new URLSearchParams(new FormData(f))).then((r) => r.text());");

		List<String> rows = csv.lines().toList();
		assertThat(rows.get(0)).startsWith("interaction_id,customer_id,kind,");
		assertThat(rows).hasSize(3);
		assertThat(rows.subList(1, 3)).allSatisfy((row) -> assertThat(row).contains(",purchase,store,")
			.contains(source)
			.contains("," + sku + ",coats,1.000,49.00,"));
		assertThat(csv).contains("2024-03-10T12:00:00Z").contains("2024-03-20T12:00:00Z").doesNotContain("2024-04-01T");
	}

	/** Types a date into a date input (the browser's own field takes the digits). */
	private void date(String css, String isoDate) {
		this.browser.driver().executeScript("arguments[0].value = arguments[1];", this.browser.find(css), isoDate);
	}

}
