package org.rapport.interaction;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.CustomerMerger;
import org.rapport.customer.Customers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's average basket is the revenue divided by the purchases that revenue
 * counts: those in the business currency (EUR here). The number of purchases shown stays
 * the count of all purchases. Every path that keeps the figures is held to it: single
 * recording, batch, bulk writer, import (straight into the tables and through staging)
 * and the recompute after a merge.
 */
@IntegrationTest
class AverageBasketTest {

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
	InteractionImports imports;

	@Autowired
	InteractionBulkWriter writer;

	@Autowired
	CustomerMerger merger;

	@TempDir
	Path dir;

	InteractionFixture fx;

	String sku;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		this.sku = this.fx.product("baskets");
	}

	@Test
	void theAverageBasketDividesTheRevenueByThePurchasesInTheBusinessCurrencyOnly() {
		UUID customer = this.fx.customer();
		this.fx.record(purchase(customer, "2024-05-01T10:00:00Z", "100.00", "EUR"));
		this.fx.record(purchase(customer, "2024-05-02T10:00:00Z", "50.00", "USD"));

		JsonNode figures = figures(customer);

		assertThat(figures.get("purchases").asInt()).isEqualTo(2);
		assertThat(figures.get("revenue").decimalValue()).isEqualByComparingTo("100.00");
		assertThat(figures.get("currency").asString()).isEqualTo("EUR");
		assertThat(figures.get("averageBasket").decimalValue()).isEqualByComparingTo("100.00");
	}

	@Test
	void aPurchaseInAnotherCurrencyRecordedFirstLeavesTheLaterAverageBasketToTheBusinessCurrency() {
		UUID customer = this.fx.customer();
		this.fx.record(purchase(customer, "2024-05-01T10:00:00Z", "50.00", "USD"));
		this.fx.record(purchase(customer, "2024-05-02T10:00:00Z", "30.00", "EUR"));
		this.fx.record(purchase(customer, "2024-05-03T10:00:00Z", "60.00", "EUR"));

		JsonNode figures = figures(customer);

		assertThat(figures.get("purchases").asInt()).isEqualTo(3);
		assertThat(figures.get("averageBasket").decimalValue()).isEqualByComparingTo("45.00");
	}

	@Test
	void aCustomerWithNoPurchaseInTheBusinessCurrencyHasNoAverageBasket() {
		UUID customer = this.fx.customer();
		this.fx.record(purchase(customer, "2024-05-01T10:00:00Z", "50.00", "USD"));
		this.fx.record(purchase(customer, "2024-05-02T10:00:00Z", "70.00", "GBP"));

		JsonNode figures = figures(customer);

		assertThat(figures.get("purchases").asInt()).isEqualTo(2);
		assertThat(figures.get("revenue").decimalValue()).isEqualByComparingTo("0.00");
		assertThat(figures.get("averageBasket").isNull()).isTrue();
	}

	@Test
	void aReturnInTheBusinessCurrencyLowersTheAverageBasketWithoutChangingItsDivisor() {
		UUID customer = this.fx.customer();
		JsonNode bought = this.fx.record(purchase(customer, "2024-05-01T10:00:00Z", "100.00", "EUR"));
		this.fx.record(purchase(customer, "2024-05-02T10:00:00Z", "50.00", "USD"));
		this.fx.record(purchase(customer, "2024-05-03T10:00:00Z", "40.00", "EUR"));
		Map<String, Object> ret = purchase(customer, "2024-05-04T10:00:00Z", "100.00", "EUR");
		ret.put("kind", "RETURN");
		ret.put("relatedPurchaseId", bought.get("id").asString());
		this.fx.record(ret);

		JsonNode figures = figures(customer);

		assertThat(figures.get("purchases").asInt()).isEqualTo(3);
		assertThat(figures.get("revenue").decimalValue()).isEqualByComparingTo("40.00");
		assertThat(figures.get("averageBasket").decimalValue()).isEqualByComparingTo("20.00");
	}

	@Test
	void aBatchCountsOnlyItsPurchasesInTheBusinessCurrencyInTheAverageBasket() {
		UUID ana = this.fx.customer();
		UUID bea = this.fx.customer();

		batch(purchase(ana, "2024-06-01T10:00:00Z", "100.00", "EUR"),
				purchase(ana, "2024-06-02T10:00:00Z", "50.00", "USD"),
				purchase(ana, "2024-06-03T10:00:00Z", "60.00", "EUR"),
				purchase(bea, "2024-06-01T10:00:00Z", "10.00", "USD"));
		JsonNode anaFirst = figures(ana);
		JsonNode beaFirst = figures(bea);
		batch(purchase(ana, "2024-06-04T10:00:00Z", "90.00", "USD"),
				purchase(bea, "2024-06-04T10:00:00Z", "30.00", "EUR"));

		assertThat(anaFirst.get("purchases").asInt()).isEqualTo(3);
		assertThat(anaFirst.get("averageBasket").decimalValue()).isEqualByComparingTo("80.00");
		assertThat(beaFirst.get("averageBasket").isNull()).isTrue();
		assertThat(figures(ana).get("purchases").asInt()).isEqualTo(4);
		assertThat(figures(ana).get("averageBasket").decimalValue()).isEqualByComparingTo("80.00");
		assertThat(figures(bea).get("purchases").asInt()).isEqualTo(2);
		assertThat(figures(bea).get("averageBasket").decimalValue()).isEqualByComparingTo("30.00");
	}

	@Test
	void theBulkWriterCountsOnlyThePurchasesInTheBusinessCurrencyInTheAverageBasket() {
		UUID ana = this.fx.customer();
		String source = "basket-" + InteractionFixture.unique();
		List<BulkInteraction> first = List.of(bulk(ana, source, 1, "2024-07-01T10:00:00Z", "100.00", "EUR"),
				bulk(ana, source, 2, "2024-07-02T10:00:00Z", "50.00", "USD"));
		List<BulkInteraction> second = List.of(bulk(ana, source, 3, "2024-07-03T10:00:00Z", "40.00", "EUR"),
				bulk(ana, source, 4, "2024-07-04T10:00:00Z", "20.00", "USD"));

		this.writer.write(first.iterator(), 1, null);
		CustomerFigures afterFirst = this.interactions.figures(ana);
		this.writer.write(second.iterator(), 1, null);

		assertThat(afterFirst.purchases()).isEqualTo(2);
		assertThat(afterFirst.averageBasket()).isEqualByComparingTo("100.00");
		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(4);
		assertThat(figures.revenue()).isEqualByComparingTo("140.00");
		assertThat(figures.averageBasket()).isEqualByComparingTo("70.00");
	}

	@Test
	void anImportCountsOnlyThePurchasesInTheBusinessCurrencyInTheAverageBasketOnBothWritePaths() throws IOException {
		UUID ana = this.fx.customer();
		UUID bea = this.fx.customer();
		String source = "basket-" + InteractionFixture.unique();
		String header = "customer_id,occurred_at,order_reference,sku,quantity,unit_price,currency\n";
		String firstRun = header + row(ana, "2024-08-01", "B-1", "100.00", "EUR")
				+ row(ana, "2024-08-02", "B-2", "50.00", "USD") + row(bea, "2024-08-01", "B-3", "25.00", "USD");
		// a re-run with rows stored before goes through the staging table
		String rerun = firstRun + row(ana, "2024-08-03", "B-4", "60.00", "EUR")
				+ row(bea, "2024-08-03", "B-5", "10.00", "USD");
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, source);

		ImportJobView straight = this.imports.importFile(write("first.csv", firstRun), "first.csv", options,
				ImportListener.NONE);
		CustomerFigures anaFirst = this.interactions.figures(ana);
		CustomerFigures beaFirst = this.interactions.figures(bea);
		ImportJobView staged = this.imports.importFile(write("rerun.csv", rerun), "rerun.csv", options,
				ImportListener.NONE);

		assertThat(straight.stored()).isEqualTo(3);
		assertThat(anaFirst.purchases()).isEqualTo(2);
		assertThat(anaFirst.averageBasket()).isEqualByComparingTo("100.00");
		assertThat(beaFirst.purchases()).isEqualTo(1);
		assertThat(beaFirst.averageBasket()).isNull();
		assertThat(staged.stored()).isEqualTo(2);
		assertThat(staged.skipped()).isEqualTo(3);
		assertThat(this.interactions.figures(ana).purchases()).isEqualTo(3);
		assertThat(this.interactions.figures(ana).averageBasket()).isEqualByComparingTo("80.00");
		assertThat(this.interactions.figures(bea).purchases()).isEqualTo(2);
		assertThat(this.interactions.figures(bea).averageBasket()).isNull();
	}

	@Test
	void aMergeRecomputesTheAverageBasketFromThePurchasesInTheBusinessCurrencyOfBothCustomers() {
		UUID survivor = this.fx.customer();
		UUID merged = this.fx.customer();
		this.fx.record(purchase(survivor, "2024-09-01T10:00:00Z", "100.00", "EUR"));
		this.fx.record(purchase(merged, "2024-09-02T10:00:00Z", "50.00", "USD"));
		this.fx.record(purchase(merged, "2024-09-03T10:00:00Z", "20.00", "EUR"));

		this.merger.merge(survivor, merged, null, null);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode figures = figures(survivor);
			assertThat(figures.get("purchases").asInt()).isEqualTo(3);
			assertThat(figures.get("revenue").decimalValue()).isEqualByComparingTo("120.00");
			assertThat(figures.get("averageBasket").decimalValue()).isEqualByComparingTo("60.00");
		});
	}

	@Test
	void aMergeOfCustomersWithNoPurchaseInTheBusinessCurrencyLeavesNoAverageBasket() {
		UUID survivor = this.fx.customer();
		UUID merged = this.fx.customer();
		this.fx.record(purchase(survivor, "2024-09-01T10:00:00Z", "10.00", "USD"));
		this.fx.record(purchase(merged, "2024-09-02T10:00:00Z", "20.00", "GBP"));

		this.merger.merge(survivor, merged, null, null);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode figures = figures(survivor);
			assertThat(figures.get("purchases").asInt()).isEqualTo(2);
			assertThat(figures.get("averageBasket").isNull()).isTrue();
		});
	}

	private Map<String, Object> purchase(UUID customer, String at, String price, String currency) {
		Map<String, Object> body = this.fx.purchase(customer, at, this.sku, 1, price);
		body.put("currency", currency);
		return body;
	}

	@SafeVarargs
	private void batch(Map<String, Object>... items) {
		MvcTestResult result = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", List.of(items)));
		assertThat(result).hasStatus(200);
		assertThat(this.fx.body(result).get("created").asInt()).isEqualTo(items.length);
	}

	private JsonNode figures(UUID customer) {
		MvcTestResult result = this.fx.get(this.fx.as(Role.SALES), "/api/v1/customers/" + customer + "/figures");
		assertThat(result).hasStatus(200);
		return this.fx.body(result);
	}

	private BulkInteraction bulk(UUID customer, String source, int n, String at, String total, String currency) {
		String key = "purchase-" + n;
		UUID id = BulkInteraction.idFor(source, key);
		BigDecimal amount = new BigDecimal(total);
		return new BulkInteraction(id, customer, InteractionKind.PURCHASE, "store", Instant.parse(at), source, key,
				null, null, null, null, null, amount, currency, null, null, null, null,
				List.of(new BulkInteraction.Line(1, this.sku, null, BigDecimal.ONE, amount, BigDecimal.ZERO, amount,
						null)));
	}

	private String row(UUID customer, String date, String order, String price, String currency) {
		return customer + "," + date + "T10:00:00Z," + order + "," + this.sku + ",1," + price + "," + currency + "\n";
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, text);
		return file;
	}

}
