package org.rapport.interaction;

import java.util.EnumSet;

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
 * The product catalogue in a real (headless) browser: a manager adds a product, is told
 * first that a SKU holds no spaces, finds the product by part of its name and marks it as
 * no longer sold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductCatalogueBrowserTest {

	static final String PASSWORD = "product-browser-password";

	@LocalServerPort
	int port;

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
	void aManagerAddsAProductFindsItByNameAndMarksItNoLongerSold() {
		String suffix = InteractionFixture.unique();
		String sku = "HOSE-" + suffix.toUpperCase();
		String manager = "product-manager-" + suffix;
		this.staff.create(manager, "Test Manager", PASSWORD, EnumSet.of(Role.MANAGER));

		this.browser.signIn(manager, PASSWORD);
		this.browser.find("#nav-products").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("new-product")));
		this.browser.find("#new-product").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("product-form")));
		this.browser.find("#f-sku").sendKeys("HOSE " + suffix);
		this.browser.find("#f-name").sendKeys("Garden hose 25 m " + suffix);
		this.browser.find("#f-category").sendKeys("garden");
		this.browser.find("#save-product").click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("f-sku-error")));
		assertThat(this.browser.find("#f-name").getAttribute("value")).isEqualTo("Garden hose 25 m " + suffix);
		this.browser.find("#f-sku").clear();
		this.browser.find("#f-sku").sendKeys(sku);
		this.browser.find("#save-product").click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
		assertThat(this.browser.find("tr.product[data-sku='" + sku + "']").getText()).contains("Garden hose 25 m",
				"garden", "Still sold");

		this.browser.find("#product-q").clear();
		this.browser.find("#product-q").sendKeys("hose 25 M " + suffix, Keys.ENTER);
		this.browser.await(ExpectedConditions.urlContains("q="));
		this.browser.find("tr.product[data-sku='" + sku + "'] .product-edit").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("product-form")));
		assertThat(this.browser.find("#f-sku").getAttribute("readonly")).isNotNull();
		this.browser.find("#f-active").click();
		this.browser.find("#save-product").click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
		assertThat(this.browser.find("tr.product[data-sku='" + sku + "'] .product-sold").getText())
			.isEqualTo("No longer sold");
		assertThat(this.interactions.product(sku))
			.contains(new Product(sku, "Garden hose 25 m " + suffix, "garden", false));
		this.browser.screenshot("products-laptop");
	}

}
