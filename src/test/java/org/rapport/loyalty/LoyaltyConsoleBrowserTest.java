package org.rapport.loyalty;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.NewIdentity;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.Product;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loyalty console in a real (headless) browser: a purchase recorded through the
 * interactions API shows on the member panel as pending points, then as available once
 * the activation job ran; at the counter the member is found by card and points are
 * redeemed with a reason, which the ledger then shows; a voucher the member holds is used
 * there without its code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoyaltyConsoleBrowserTest {

	static final String PASSWORD = "loyalty-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JsonMapper json;

	@Autowired
	Clock clock;

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
	void aPurchaseEarnsPendingThenAvailablePointsThatAreRedeemedAtTheCounter() throws Exception {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("bt-" + suffix, "Browser club",
				"EUR", "points", new BigDecimal("0.01"), 1, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(programme.code(), null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 point per 6 EUR",
				RuleParams.spendRatio(1, "6"), null, null, null));
		UUID customer = this.customers.create(NewCustomer.person("Bea", "Browser " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		String card = member.cards().get(0).number();
		String sku = "SKU-" + suffix.toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Garden table " + suffix, "garden", true));
		String sales = "lb-sales-" + suffix;
		this.staff.create(sales, "Sam Sales", PASSWORD, EnumSet.of(Role.SALES));
		String agent = "lb-agent-" + suffix;
		this.staff.create(agent, "Alex Agent", PASSWORD, EnumSet.of(Role.SERVICE_AGENT));

		recordPurchase(sales, customer, sku, "600.00");

		this.browser.signIn(agent, PASSWORD);
		this.browser.go("/customers/" + customer);
		String panel = "#membership-" + programme.code();
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-pending"), "100"));
		assertThat(this.browser.find(panel + " .loyalty-available").getText()).isEqualTo("0");
		assertThat(this.browser.find(panel + " .ledger").getText()).contains("Pending");
		this.browser.screenshot("loyalty-panel-pending");

		// the purchase's id, the earning's source, takes one line cut short and stays
		// whole in its title
		WebElement source = this.browser.find(panel + " tr.movement .source-id.interaction");
		assertThat(source.getAttribute("title")).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
		assertThat(source.getSize().getHeight()).isLessThan(30);
		// the card form's number field keeps the height of a field beside its list of
		// kinds
		WebElement cardNumber = this.browser.find("#card-number-" + programme.code());
		assertThat(cardNumber.getSize().getHeight())
			.isLessThan(this.browser.find("#card-kind-" + programme.code()).getSize().getHeight() + 10);

		// the nightly job, run as of the end of the one-day return window
		this.loyalty.activatePending(this.clock.instant().plus(2, ChronoUnit.DAYS));
		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "100"));
		assertThat(this.browser.find(panel + " .loyalty-pending").getText()).isEqualTo("0");

		// the ledger's reasons in the staff member's language, the stored ones English
		this.browser.go("/customers/" + customer + "?lang=es");
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "100"));
		assertThat(this.browser.find(panel + " .ledger").getText())
			.contains("Fin del plazo de devolución: puntos disponibles", "Compra de 600.00 EUR")
			.doesNotContain("Purchase of 600.00 EUR");
		this.browser.screenshot("loyalty-panel-spanish-reasons");
		this.browser.go("/customers/" + customer + "?lang=en");
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "100"));

		this.browser.find("#nav-counter").click();
		this.browser.find("#counter-q").sendKeys(card);
		this.browser.find("#counter-find").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("counter-available"), "100"));
		this.browser.find("#redeem-points").sendKeys("40");
		this.browser.find("#redeem-reason").sendKeys("Garden voucher " + suffix);
		this.browser.find("#redeem-submit").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("counter-redeemed")));
		assertThat(this.browser.find("#counter-available").getText()).isEqualTo("60");
		this.browser.screenshot("loyalty-counter-redeemed");

		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "60"));
		String redemption = this.browser.find(panel + " tr.movement[data-kind='REDEEM']").getText();
		assertThat(redemption).contains("-40").contains("Garden voucher " + suffix).contains("Alex Agent");

		// the member has not brought the code of a voucher they hold: the counter uses it
		Reward cushion = this.rewards.createReward(programme.code(),
				new NewReward("Garden cushion " + suffix, null, 10L, null, null, null, null, null, 30, true));
		Redemption held = this.rewards.redeemReward(member.accountId(), cushion.id(), "held-" + suffix);
		this.browser.find("#nav-counter").click();
		this.browser.find("#counter-q").sendKeys(card);
		this.browser.find("#counter-find").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("open-voucher-" + held.id())));
		assertThat(this.browser.find("#open-voucher-" + held.id()).getText()).contains("Garden cushion " + suffix)
			.contains("…" + held.voucherHint());
		this.browser.find("#use-" + held.id()).click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("voucher-consumed")));
		assertThat(this.browser.find("#voucher-result").getAttribute("data-status")).isEqualTo("CONSUMED");
		assertThat(this.browser.isPresent("#open-voucher-" + held.id())).isFalse();
		this.browser.screenshot("loyalty-counter-held-voucher-used");

		// a customer who is not a member yet, found by phone, is enrolled at the counter
		UUID newcomer = this.customers.create(NewCustomer.person("Nico", "Newcomer " + suffix)).id();
		String phone = "+3467"
				+ String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
		this.customers.addIdentity(newcomer, new NewIdentity(IdentityType.PHONE, null, phone, null));
		this.browser.find("#counter-q").clear();
		this.browser.find("#counter-q").sendKeys(phone);
		this.browser.find("#counter-find").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("counter-enrol-" + programme.code())));
		assertThat(this.browser.find("#counter-join h2").getText()).isEqualTo("Nico Newcomer " + suffix);
		this.browser.find("#counter-enrol-submit-" + programme.code()).click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("counter-enrolled")));
		assertThat(this.browser.find("#counter-available").getText()).isEqualTo("0");
		assertThat(this.loyalty.membershipsOf(newcomer)).extracting(MemberSummary::programmeCode)
			.contains(programme.code());
		this.browser.screenshot("loyalty-counter-enrolled");
	}

	@Test
	void afterAProgrammeMigrationTheEarlierMembershipsHistoryOpensFromTheMigrationsTransfer() throws Exception {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme old = this.loyalty.createProgramme(new ProgrammeSettings("bo-" + suffix, "Old club " + suffix,
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		LoyaltyProgramme next = this.loyalty.createProgramme(new ProgrammeSettings("bn-" + suffix, "New club " + suffix,
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		UUID customer = this.customers.create(NewCustomer.person("Mia", "Migrated " + suffix)).id();
		UUID account = this.loyalty
			.enrol(old.code(), new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix)
			.accountId();
		this.loyalty.adjust(account, 300, "Points from the old shop " + suffix, "adj-" + suffix);
		this.loyalty.migrateProgramme(old.code(), next.code());
		String agent = "lb-migrated-" + suffix;
		this.staff.create(agent, "Alex Agent", PASSWORD, EnumSet.of(Role.SERVICE_AGENT));

		this.browser.signIn(agent, PASSWORD);
		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("earlier-" + account)));
		assertThat(this.browser.find("#earlier-" + account).getText()).contains("Old club " + suffix)
			.contains("migrated into New club " + suffix)
			.doesNotContain("Points from the old shop");
		WebElement transfer = this.browser
			.find("#membership-" + next.code() + " tr.movement[data-kind='TRANSFER'] a.source-account");
		assertThat(transfer.getText()).isEqualTo("Old club " + suffix);
		transfer.click();
		this.browser
			.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#earlier-" + account + " .ledger")));
		assertThat(this.browser.find("#earlier-" + account + " .ledger").getText())
			.contains("Points from the old shop " + suffix);
		this.browser.screenshot("loyalty-panel-earlier-membership");

		this.browser.find("#statement-" + account).click();
		this.browser.await(ExpectedConditions.urlContains("/loyalty/members/" + account + "/statement"));
		assertThat(this.browser.find("main").getText()).contains("Points from the old shop " + suffix);
	}

	@Test
	void aMarketerListsTheMembersWhosePointsExpireSoonAndOpensOne() throws Exception {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("be-" + suffix, "Expiring club",
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(programme.code(), null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 point per 6 EUR",
				RuleParams.spendRatio(1, "6"), null, null, null));
		UUID customer = this.customers.create(NewCustomer.person("Ebba", "Expiring " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		String sku = "SKU-" + suffix.toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Lamp " + suffix, "home", true));
		String sales = "le-sales-" + suffix;
		this.staff.create(sales, "Sam Sales", PASSWORD, EnumSet.of(Role.SALES));
		String marketer = "le-marketer-" + suffix;
		this.staff.create(marketer, "Mia Marketer", PASSWORD, EnumSet.of(Role.MARKETER));
		// bought 350 days ago: the points expire in about two weeks
		recordPurchase(sales, customer, sku, "600.00", this.clock.instant().minus(350, ChronoUnit.DAYS));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.loyalty.member(member.accountId()).available() == 100);

		this.browser.signIn(marketer, PASSWORD);
		this.browser.go("/loyalty/programmes/" + programme.code() + "/expiring");
		String row = "#expiring tr[data-customer='" + customer + "']";
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
		assertThat(this.browser.find(row).getText()).contains("Ebba Expiring " + suffix)
			.contains("100")
			.contains("1.00 EUR");
		this.browser.screenshot("loyalty-points-expiring");

		// a horizon before the expiry lists nobody; the field is as wide as a few digits
		WebElement days = this.browser.find("#expiring-form input[name='days']");
		assertThat(days.getSize().getWidth()).isLessThan(200);
		days.clear();
		days.sendKeys("5");
		this.browser.find("#expiring-form button").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("expiring-none")));
		days = this.browser.find("#expiring-form input[name='days']");
		assertThat(days.getAttribute("value")).isEqualTo("5");

		days.clear();
		days.sendKeys("30");
		this.browser.find("#expiring-form button").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
		this.browser.find(row + " a").click();
		this.browser.await(ExpectedConditions.urlContains("/customers/" + customer));
		assertThat(this.browser.find("h1").getText()).contains("Ebba Expiring " + suffix);
	}

	private void recordPurchase(String username, UUID customer, String sku, String amount) throws Exception {
		recordPurchase(username, customer, sku, amount, this.clock.instant().minus(1, ChronoUnit.HOURS));
	}

	private void recordPurchase(String username, UUID customer, String sku, String amount, Instant occurredAt)
			throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customerId", customer);
		body.put("kind", "PURCHASE");
		body.put("channel", "store");
		body.put("occurredAt", occurredAt.toString());
		body.put("sourceSystem", "pos");
		body.put("idempotencyKey", "purchase-" + LoyaltyFixture.unique());
		body.put("lines", List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", amount)));
		body.put("total", new BigDecimal(amount));
		body.put("currency", "EUR");
		String auth = Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/interactions"))
			.header("Authorization", "Basic " + auth)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

}
