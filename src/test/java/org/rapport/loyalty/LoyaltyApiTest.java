package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.ConsentChange;
import org.rapport.customer.ConsentChannel;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loyalty engine through the HTTP API on the real database. */
@IntegrationTest
class LoyaltyApiTest {

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
	Loyalty loyalty;

	@Autowired
	AuditTrail audit;

	LoyaltyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	@Test
	void aPurchaseEarnsPendingPointsThatTheActivationJobMakesAvailable() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString());
		String sku = this.fx.product("coffee");
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

		this.fx.record(this.fx.purchase(customer, yesterday.toString(), sku, "61.00"));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).pending() == 10);
		assertThat(this.loyalty.member(account).available()).isZero();
		JsonNode ledger = this.fx
			.body(this.fx.get(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/ledger"));
		assertThat(ledger.get("items").get(0).get("kind").asString()).isEqualTo("PENDING");
		assertThat(ledger.get("items").get(0).get("explanation").asString()).contains("1 per 6 EUR");

		String asOf = yesterday.plus(15, ChronoUnit.DAYS).toString();
		MvcTestResult run = this.fx.post(this.fx.as(Role.ADMIN), "/api/v1/loyalty/jobs/activation?asOf=" + asOf,
				Map.of(), null);
		assertThat(run).hasStatus(200);
		MemberSummary after = this.loyalty.member(account);
		assertThat(after.available()).isEqualTo(10);
		assertThat(after.pending()).isZero();
		this.loyalty.activatePending(Instant.parse(asOf));
		assertThat(this.loyalty.member(account).available()).isEqualTo(10);
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(10, 0));
	}

	@Test
	void aReturnReversesInProportionAndNeverMoreThanItsPurchaseEarned() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString());
		String sku = this.fx.product("shoes");
		String when = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		String purchase = this.fx.record(this.fx.purchase(customer, when, sku, 2, "30.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).pending() == 10);

		this.fx.record(this.fx.returnOf(customer, purchase, when, sku, "30.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).pending() == 5);
		this.fx.record(this.fx.returnOf(customer, purchase, when, sku, "30.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).pending() == 0);

		assertThat(this.loyalty.member(account).available()).isZero();
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(0, 0));
	}

	@Test
	void aReturnAfterTheStayingPointsWereSpentTakesTheBalanceBelowZeroOnlyWhenThePolicyAllows() {
		for (NegativeBalancePolicy policy : NegativeBalancePolicy.values()) {
			LoyaltyProgramme programme = this.fx.programme(0, policy, null);
			UUID customer = this.fx.customer();
			UUID account = UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString());
			String sku = this.fx.product("tv");
			String when = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
			String purchase = this.fx.record(this.fx.purchase(customer, when, sku, "120.00"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).available() == 20);
			this.loyalty.redeem(account, 15, "Cinema tickets", "spend-" + UUID.randomUUID());

			this.fx.record(this.fx.returnOf(customer, purchase, when, sku, "120.00"));

			long expected = (policy == NegativeBalancePolicy.ALLOW) ? -15 : 0;
			await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).available() == expected);
			assertThat(this.loyalty.sumOfLedger(account).available()).isEqualTo(expected);
		}
	}

	@Test
	void anAdjustmentNeedsThePermissionAndAReasonAndIsAudited() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.CAP_AT_ZERO, null);
		UUID account = UUID.fromString(this.fx.enrol(programme, this.fx.customer()).get("accountId").asString());
		String uri = MemberApi.MEMBERS + "/" + account + "/adjustments";

		assertThat(this.fx.post(this.fx.as(Role.SALES), uri, Map.of("points", 50, "reason", "Goodwill"), "adj-1"))
			.hasStatus(403);
		MvcTestResult noReason = this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of("points", 50), "adj-2");
		assertThat(noReason).hasStatus(400);
		assertThat(this.fx.body(noReason).get("errors").get(0).get("field").asString()).isEqualTo("reason");

		String key = "adj-" + UUID.randomUUID();
		MvcTestResult first = this.fx.post(this.fx.as(Role.MANAGER), uri,
				Map.of("points", 50, "reason", "Goodwill for a late delivery"), key);
		MvcTestResult again = this.fx.post(this.fx.as(Role.MANAGER), uri,
				Map.of("points", 50, "reason", "Goodwill for a late delivery"), key);

		assertThat(first).hasStatus(201);
		assertThat(this.fx.body(again).get("id").asString()).isEqualTo(this.fx.body(first).get("id").asString());
		assertThat(this.loyalty.member(account).available()).isEqualTo(50);
		assertThat(this.audit.entriesAbout("loyalty_account", account.toString()))
			.anySatisfy((e) -> assertThat(e.summary()).contains("Goodwill for a late delivery"));
		assertThat(this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of("points", -80, "reason", "Too much"),
				"adj-" + UUID.randomUUID()))
			.hasStatus(409);
	}

	@Test
	void enrolmentWithoutTheConsentTheProgrammeNeedsIsRefused() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, ConsentPurpose.PROFILING);
		UUID customer = this.fx.customer();
		String uri = "/api/v1/loyalty/programmes/" + programme.code() + "/members";

		MvcTestResult refused = this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri, Map.of("customerId", customer),
				"e-" + UUID.randomUUID());
		assertThat(refused).hasStatus(409);
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("consent-required");

		this.customers.setConsent(customer,
				new ConsentChange(ConsentChannel.EMAIL, ConsentPurpose.PROFILING, true, "counter", null));
		assertThat(this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri, Map.of("customerId", customer),
				"e-" + UUID.randomUUID()))
			.hasStatus(201);
		assertThat(this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri, Map.of("customerId", customer), null))
			.hasStatus(400);
	}

	@Test
	void aMemberBroughtOverFromAnEarlierSystemKeepsTheDayTheyJoinedButNotOneInTheFuture() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String uri = "/api/v1/loyalty/programmes/" + programme.code() + "/members";
		Instant joined = Instant.parse("2019-03-04T10:00:00Z");

		MvcTestResult future = this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri,
				Map.of("customerId", this.fx.customer(), "enrolledAt", Instant.now().plusSeconds(86_400).toString()),
				"e-" + UUID.randomUUID());
		MvcTestResult brought = this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri,
				Map.of("customerId", this.fx.customer(), "enrolledAt", joined.toString()), "e-" + UUID.randomUUID());

		assertThat(future).hasStatus(400);
		assertThat(this.fx.body(future).toString()).contains("enrolledAt").contains("must not be in the future");
		assertThat(brought).hasStatus(201);
		UUID account = UUID.fromString(this.fx.body(brought).get("accountId").asString());
		assertThat(this.loyalty.member(account).enrolledAt()).isEqualTo(joined);
		assertThat(this.fx.body(brought).get("enrolledAt").asString()).isEqualTo(joined.toString());
	}

	@Test
	void aCardFindsItsMemberAndAReplacedCardNoLongerIdentifiesThem() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		UUID customer = this.fx.customer();
		JsonNode member = this.fx.enrol(programme, customer);
		UUID account = UUID.fromString(member.get("accountId").asString());
		JsonNode card = member.get("cards").get(0);
		String number = card.get("number").asString();
		assertThat(Luhn.isValid(number)).isTrue();
		this.loyalty.adjust(account, 40, "Welcome gift", "w-" + UUID.randomUUID());

		JsonNode found = this.fx.body(this.fx.get(this.fx.as(Role.SERVICE_AGENT), "/api/v1/loyalty/cards/" + number));
		assertThat(found.get("member").get("customerId").asString()).isEqualTo(customer.toString());
		assertThat(found.get("usable").asBoolean()).isTrue();
		assertThat(this.customers.findByIdentity(IdentityType.CARD, number)).isPresent();
		String wrong = number.substring(0, 15) + ((number.charAt(15) - '0' + 1) % 10);
		assertThat(this.fx.get(this.fx.as(Role.SERVICE_AGENT), "/api/v1/loyalty/cards/" + wrong)).hasStatus(400);

		MvcTestResult replaced = this.fx.post(this.fx.as(Role.SERVICE_AGENT),
				MemberApi.MEMBERS + "/" + account + "/cards/" + card.get("id").asString() + "/replace",
				Map.of("kind", "VIRTUAL"), "r-" + UUID.randomUUID());
		assertThat(replaced).hasStatus(201);
		String newNumber = this.fx.body(replaced).get("number").asString();

		JsonNode old = this.fx.body(this.fx.get(this.fx.as(Role.SERVICE_AGENT), "/api/v1/loyalty/cards/" + number));
		assertThat(old.get("usable").asBoolean()).isFalse();
		assertThat(old.get("card").get("status").asString()).isEqualTo("REPLACED");
		assertThat(this.customers.findByIdentity(IdentityType.CARD, number)).isEmpty();
		assertThat(this.customers.findByIdentity(IdentityType.CARD, newNumber)).isPresent();
		assertThat(this.loyalty.member(account).available()).isEqualTo(40);
	}

	@Test
	void aRedemptionAboveTheAvailableBalanceIsRefused() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		UUID account = UUID.fromString(this.fx.enrol(programme, this.fx.customer()).get("accountId").asString());
		this.loyalty.adjust(account, 30, "Welcome gift", "w-" + UUID.randomUUID());
		String uri = MemberApi.MEMBERS + "/" + account + "/redemptions";

		MvcTestResult refused = this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri, Map.of("points", 31, "reason", "Mug"),
				"x-" + UUID.randomUUID());
		assertThat(refused).hasStatus(409);
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("insufficient-points");
		assertThat(this.fx.post(this.fx.as(Role.SERVICE_AGENT), uri, Map.of("points", 30, "reason", "Mug"),
				"x-" + UUID.randomUUID()))
			.hasStatus(201);
		assertThat(this.loyalty.member(account).available()).isZero();
	}

	@Test
	void theSimulationExplainsEveryRuleAndKeepsOnlyTheBestOfABestOfGroup() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		this.loyalty.saveRule(programme.code(), null,
				new NewRule(RuleKind.FIRST_PURCHASE, "bonus", "Welcome", RuleParams.points(50), null, null, null));
		this.loyalty.saveRule(programme.code(), null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "bonus", "Triple coffee",
				RuleParams.multiplier("coffee", "3"), null, null, null));
		Map<String, Object> basket = Map.of("occurredAt", "2026-03-01T10:00:00Z", "currency", "EUR", "total", "60.00",
				"lines", java.util.List.of(Map.of("sku", "X", "category", "coffee", "quantity", 1, "amount", "60.00")));

		JsonNode earning = this.fx.body(this.fx.post(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + programme.code() + "/simulate", Map.of("basket", basket), null));

		assertThat(earning.get("points").asLong()).isEqualTo(10 + 50);
		assertThat(earning.get("steps").toString()).contains("Triple coffee", "not counted", "BEST_OF");
	}

	@Test
	void aRuleInAGroupWithoutADeclaredCombinationIsRefused() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		MvcTestResult r = this.fx.post(this.fx.as(Role.ADMIN), ProgrammeApi.BASE + "/" + programme.code() + "/rules",
				Map.of("kind", "BIRTHDAY", "group", "misc", "name", "Birthday", "params", Map.of("points", 20)), null);
		assertThat(r).hasStatus(400);
		assertThat(this.fx.body(r).get("errors").get(0).get("field").asString()).isEqualTo("group");
	}

}
