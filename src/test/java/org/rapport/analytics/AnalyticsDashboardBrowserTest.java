package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeSettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics dashboard in a real (headless) browser: the charts are drawn by Chart.js,
 * and a cell of the RFM grid and of the loyalty matrix, and a bar of the CLV histogram,
 * open the list of exactly the customers behind them. Four buyers are scored in a run
 * scoped to them: A and B buy often, recently and for much (the true friends), C and D
 * little. With a loyalty programme, its figures of the snapshot's month are shown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class AnalyticsDashboardBrowserTest {

	static final String PASSWORD = "dashboard-browser-password";

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
	void aMarketerSeesTheChartsAndOpensTheCustomersBehindACell() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		Map<String, UUID> ids = new LinkedHashMap<>();
		for (String name : List.of("A", "B", "C", "D", "E")) {
			ids.put(name, fx.customer(name));
		}
		fx.purchases(ids.get("A"), "100.00", "2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01", "2025-12-20");
		fx.purchases(ids.get("B"), "100.00", "2025-08-10", "2025-09-10", "2025-10-10", "2025-12-10");
		fx.purchases(ids.get("C"), "100.00", "2025-08-20", "2025-09-20", "2025-11-20");
		fx.purchases(ids.get("D"), "100.00", "2025-08-20", "2025-10-20");
		fx.purchases(ids.get("E"), "100.00", "2025-09-15");
		AnalyticsRun run = this.analytics.runFor(ids.values(), Instant.parse("2026-01-01T00:00:00Z"));
		String marketer = "dash-marketer-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(marketer, "Test Marketer", PASSWORD, EnumSet.of(Role.MARKETER));

		this.browser.signIn(marketer, PASSWORD);
		assertThat(this.browser.isPresent("#nav-analytics")).isTrue();
		this.browser.go("/analytics?run=" + run.id());
		this.browser.await((d) -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
				return window.Chart !== undefined && ['chart-lorenz', 'chart-segments', 'chart-funnel', 'chart-cohorts']
				  .every((id) => Chart.getChart(document.getElementById(id)) !== undefined);
				"""));
		assertThat(this.browser.driver()
			.executeScript("return Chart.getChart(document.getElementById('chart-segments')).data.labels;")).asString()
			.contains("Champions");
		// the funnel follows the ladder, a stage nobody is at included
		assertThat(this.browser.driver()
			.executeScript("return Chart.getChart(document.getElementById('chart-funnel')).data.labels;")).isEqualTo(
					List.of("Prospect", "Potential", "First-time buyer", "Repeat buyer", "Loyal", "Promoter", "Lost"));
		// the cohort chart: the curve of all cohorts first (August's four buyers and
		// September's one: 3 of 5 again at +1 and +2, 2 of 5 at +3; at +4 September's
		// month is still running), then the cohorts, none of 20 buyers
		assertThat(this.browser.driver().executeScript("""
				return Chart.getChart(document.getElementById('chart-cohorts')).data.datasets
				  .map((d) => d.label + ':' + d.data.map((p) => p.y).join(','));
				""")).isEqualTo(List.of("All cohorts (weighted by buyers):100,60,60,40", "2025-08:100,75,75,50,50",
				"2025-09:100,0,0,0"));
		// it starts a month after the first purchase, fitted to the highest share after
		// it: 75 % (August at +1), with room above it
		assertThat(this.browser.driver().executeScript("""
				const scales = Chart.getChart(document.getElementById('chart-cohorts')).options.scales;
				return scales.x.min + '..' + scales.y.max;
				""")).isEqualTo("1..90");
		// September's buyer did not buy again in the three months since (0 %); January,
		// its fourth, has only begun
		assertThat(this.browser.driver()
			.findElements(By.cssSelector("#cohort-table tbody tr:nth-child(2) td"))
			.stream()
			.map(WebElement::getText)
			.toList()).containsExactly("1", "100%", "0%", "0%", "0%", "");
		assertThat(this.browser.find("#clv-empty").getText()).isEqualTo("No predictions yet.");
		assertThat(this.browser.isPresent("#slot-classes")).isTrue();
		assertThat(this.browser.isPresent("#slot-churn")).isTrue();
		this.browser.screenshot("analytics-dashboard-laptop");

		// the most recent and most frequent buyer is alone in the top right cell of the
		// grid
		this.browser.find("#rfm-5-5").click();
		this.browser.await(ExpectedConditions.urlContains("/analytics/customers"));
		assertThat(listed()).containsExactly(ids.get("A").toString());
		assertThat(this.browser.find("#csv-export").getAttribute("href")).contains("/analytics/customers/export?run=");

		// true friends: loyal and profitable, above both medians
		this.browser.driver().navigate().back();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("matrix-TRUE_FRIEND")));
		this.browser.find("#matrix-TRUE_FRIEND").click();
		this.browser.await(ExpectedConditions.urlContains("loyaltyClass=TRUE_FRIEND"));
		assertThat(listed()).containsExactly(ids.get("A").toString(), ids.get("B").toString());
		this.browser.screenshot("analytics-drill-down-laptop");

		// the list links to the 360 page, which loads the analytics panel next to the
		// timeline
		this.browser.find("#drill-customers a").click();
		this.browser.await(ExpectedConditions.urlContains("/customers/" + ids.get("A")));
		this.browser
			.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#analytics-panel #customer-analytics")));
	}

	@Test
	void withALoyaltyProgrammeTheDashboardShowsItsFiguresForTheSnapshotMonth() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		String code = "br-" + UUID.randomUUID().toString().substring(0, 8);
		this.loyalty.createProgramme(
				new ProgrammeSettings(code, "Browser Club " + code, "EUR", "points", new BigDecimal("0.01"), 0,
						ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.ALLOW, null, Map.of(), null));
		List<UUID> members = new java.util.ArrayList<>();
		for (String name : List.of("M1", "M2", "M3")) {
			UUID id = fx.customer(name);
			fx.purchases(id, "30.00", "2026-01-10");
			assertThat(this.mvc.post()
				.uri("/api/v1/loyalty/programmes/{code}/members", code)
				.with(fx.as(Role.SERVICE_AGENT))
				.header("Idempotency-Key", "enrol-" + UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("customerId", id, "card", "VIRTUAL")))
				.exchange()).hasStatus(201);
			members.add(id);
		}
		AnalyticsRun run = this.analytics.runFor(members, Instant.now());
		String marketer = "prog-marketer-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(marketer, "Test Marketer", PASSWORD, EnumSet.of(Role.MARKETER));

		this.browser.signIn(marketer, PASSWORD);
		this.browser.go("/analytics?run=" + run.id());
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("programme-" + code)));
		WebElement row = this.browser.find("#programme-" + code);
		assertThat(row.findElement(By.cssSelector(".programme-name")).getDomProperty("textContent").strip())
			.isEqualTo("Browser Club " + code);
		assertThat(row.findElement(By.cssSelector(".programme-members")).getText()).isEqualTo("3");
		assertThat(this.browser.find("#programmes h2").getDomProperty("textContent").strip())
			.isEqualTo("Loyalty programmes");
		this.browser.screenshot("analytics-programme-figures-laptop");
	}

	@Test
	void aBarOfTheClvHistogramOpensTheBuyersPredictedInItsRange() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		PredictedBuyers.Population population = PredictedBuyers.score(fx, this.analytics, "BR");
		UUID run = population.run().id();
		List<Charts.ClvBin> bins = this.analytics.clvHistogram(run).bins();
		int fullest = 0;
		for (int i = 1; i < bins.size(); i++) {
			if (bins.get(i).customers() > bins.get(fullest).customers()) {
				fullest = i;
			}
		}
		Charts.ClvBin bin = bins.get(fullest);
		List<String> expected = this.analytics
			.customers(
					new ScoreFilter(run, null, null, null, null, null, null, null, null, null, null,
							ScoreFilter.Order.REVENUE, null, new ScoreFilter.ClvRange(bin.from(), bin.to()), null),
					new org.rapport.customer.Paging(0, 100))
			.items()
			.stream()
			.map((s) -> s.customerId().toString())
			.toList();
		assertThat(expected).hasSize((int) bin.customers()).isNotEmpty();
		String marketer = "clv-marketer-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(marketer, "Test Marketer", PASSWORD, EnumSet.of(Role.MARKETER));

		this.browser.signIn(marketer, PASSWORD);
		this.browser.go("/analytics?run=" + run);
		this.browser.await((d) -> ((JavascriptExecutor) d)
			.executeScript("return window.Chart !== undefined && Chart.getChart(document.getElementById('chart-clv'))"
					+ " !== undefined;"));
		WebElement canvas = this.browser.find("#chart-clv");
		this.browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", canvas);
		@SuppressWarnings("unchecked")
		List<Number> point = (List<Number>) this.browser.driver().executeScript("""
				const chart = Chart.getChart(document.getElementById('chart-clv'));
				const bar = chart.getDatasetMeta(0).data[arguments[0]];
				const box = chart.canvas.getBoundingClientRect();
				return [bar.x - box.width / 2, (bar.y + bar.base) / 2 - box.height / 2];
				""", fullest);
		new Actions(this.browser.driver())
			.moveToElement(canvas, (int) Math.round(point.get(0).doubleValue()),
					(int) Math.round(point.get(1).doubleValue()))
			.click()
			.perform();
		this.browser.await(ExpectedConditions.urlContains("clvFrom=" + bin.from().toPlainString()));
		assertThat(listed()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.browser.find("#csv-export").getAttribute("href")).contains("clvFrom=");
		this.browser.screenshot("analytics-clv-drill-down-laptop");
	}

	private List<String> listed() {
		return this.browser.driver()
			.findElements(By.cssSelector("#drill-customers tbody tr"))
			.stream()
			.map((WebElement row) -> row.getAttribute("data-customer"))
			.toList();
	}

}
