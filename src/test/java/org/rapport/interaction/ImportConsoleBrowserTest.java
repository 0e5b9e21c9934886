package org.rapport.interaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * The import screen in a real (headless) browser: a manager uploads a small CSV with one
 * bad row, watches the progress finish, reads the error with its line number and finds
 * the purchases on the customer's timeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportConsoleBrowserTest {

	static final String PASSWORD = "import-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	StaffDirectory staff;

	@TempDir
	Path dir;

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
	void aManagerImportsAFileSeesTheBadRowReportedAndThePurchasesOnTheTimeline() throws Exception {
		String suffix = InteractionFixture.unique();
		UUID customer = this.customers.create(NewCustomer.person("Imke", "Import " + suffix)).id();
		String sku = "SKU-" + suffix.toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Garden hose " + suffix, "garden", true));
		String manager = "import-manager-" + suffix;
		this.staff.create(manager, "Test Manager", PASSWORD, EnumSet.of(Role.MANAGER));
		Path csv = this.dir.resolve("history-" + suffix + ".csv");
		Files.writeString(csv,
				"customer_id,occurred_at,order_reference,sku,quantity,unit_price,currency\n" + customer
						+ ",2024-04-01T10:00:00Z,B-" + suffix + "-1," + sku + ",2,7.50,EUR\n" + customer
						+ ",2024-04-01T10:00:00Z,B-" + suffix + "-1," + sku + ",1,7.50,EUR\n" + customer
						+ ",2024-04-02,B-" + suffix + "-2," + sku + ",-3,7.50,EUR\n" + customer
						+ ",2024-04-03T09:30:00Z,B-" + suffix + "-3," + sku + ",1,7.50,EUR\n");

		this.browser.signIn(manager, PASSWORD);
		this.browser.find("#nav-import").click();
		this.browser.find("#import-file").sendKeys(csv.toAbsolutePath().toString());
		this.browser.find("#import-source").sendKeys("shop-" + suffix);
		this.browser.find("#import-start").click();

		this.browser.await(ExpectedConditions.attributeToBe(By.id("import-progress"), "data-status", "DONE"));
		// found afresh each time: a fast import may be done before the page has settled
		this.browser.await(ExpectedConditions.textToBe(By.id("import-percent"), "100 %"));
		this.browser.await(ExpectedConditions.textToBe(By.id("import-stored"), "2"));
		this.browser.await(ExpectedConditions.textToBe(By.id("import-rejected"), "1"));
		this.browser.screenshot("import-done-laptop");

		// the error report is what the download link serves: fetched in the signed-in
		// page
		String report = (String) this.browser.driver()
			.executeScript("return fetch(arguments[0]).then((r) => r.text());",
					this.browser.find("#import-errors").getAttribute("href"));
		assertThat(report).startsWith("line,reason,raw\n")
			.contains("\n4,\"")
			.contains("quantity: must be greater than 0");

		// the 360 page does not load the timeline fragment by itself yet: open the
		// fragment
		this.browser.go("/customers/" + customer + "/timeline");
		String timeline = this.browser.find("body").getText();
		assertThat(timeline).contains("2024-04-01").contains("2024-04-03").doesNotContain("2024-04-02");
	}

}
