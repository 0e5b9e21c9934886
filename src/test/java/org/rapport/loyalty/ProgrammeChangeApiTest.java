package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Impact preview and programme migration through the HTTP API on the real database. */
@IntegrationTest
class ProgrammeChangeApiTest {

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
	org.springframework.security.core.userdetails.UserDetailsService users;

	LoyaltyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	Map<String, Object> ladder(String... codes) {
		List<Map<String, Object>> tiers = new java.util.ArrayList<>();
		int threshold = 10;
		for (String code : codes) {
			tiers.add(TiersApiTest.tier(code, threshold, "1.5"));
			threshold *= 10;
		}
		return TiersApiTest.ladder(0, tiers);
	}

	void apply(LoyaltyProgramme p, Map<String, Object> ladder) {
		assertThat(this.mvc.put()
			.uri(ProgrammeApi.BASE + "/" + p.code() + "/tiers")
			.with(this.fx.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(ladder))
			.exchange()).hasStatus(200);
	}

	UUID memberWithPoints(LoyaltyProgramme p, String amount) {
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(p, customer).get("accountId").asString());
		String when = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		this.fx.record(this.fx.purchase(customer, when, this.fx.product("mig"), amount));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.tierOf(account, Instant.now()).tier() != null);
		return account;
	}

	@Test
	void migrationKeepsBalanceTierCardsAndHistory() {
		LoyaltyProgramme from = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		LoyaltyProgramme to = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		apply(from, ladder("SILVER", "GOLD"));
		apply(to, ladder("SILVER", "GOLD"));
		UUID old = memberWithPoints(from, "61.00");
		this.loyalty.adjust(old, 7, "Goodwill", "goodwill-" + UUID.randomUUID());
		MemberSummary before = this.loyalty.member(old);
		String card = before.cards().get(0).number();
		long oldMovements = this.loyalty.ledger(old, 0, 50).total();

		MvcTestResult run = this.fx.post(this.fx.as(Role.ADMIN), ProgrammeApi.BASE + "/" + from.code() + "/migration",
				Map.of("toProgramme", to.code()), null);
		assertThat(run).hasStatus(200);
		assertThat(this.fx.body(run).get("members").asInt()).isEqualTo(1);

		CardLookup found = this.loyalty.findByCard(card).orElseThrow();
		assertThat(found.usable()).isTrue();
		MemberSummary after = found.member();
		assertThat(after.accountId()).isNotEqualTo(old);
		assertThat(after.programmeCode()).isEqualTo(to.code());
		assertThat(after.available()).isEqualTo(before.available());
		assertThat(after.pending()).isEqualTo(before.pending());
		assertThat(this.loyalty.sumOfLedger(after.accountId())).isEqualTo(new Balance(7, 10));
		assertThat(this.loyalty.sumOfLedger(old)).isEqualTo(new Balance(0, 0));
		assertThat(this.loyalty.member(old).status()).isEqualTo("MIGRATED");
		assertThat(this.loyalty.ledger(old, 0, 50).total()).isEqualTo(oldMovements + 1);
		assertThat(this.loyalty.ledger(after.accountId(), 0, 50).items()).singleElement().satisfies((m) -> {
			assertThat(m.kind()).isEqualTo(MovementKind.TRANSFER);
			assertThat(m.reason()).contains("Programme migration");
		});
		MemberTier tier = this.loyalty.tierOf(after.accountId(), Instant.now());
		assertThat(tier.tier().code()).isEqualTo("SILVER");
		assertThat(tier.qualifyingValue()).isEqualByComparingTo("10");

		this.loyalty.activatePending(Instant.now().plus(20, ChronoUnit.DAYS));
		assertThat(this.loyalty.member(after.accountId()).available()).isEqualTo(17);
		JsonNode rerun = this.fx.body(this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + from.code() + "/migration", Map.of("toProgramme", to.code()), null));
		assertThat(rerun.get("members").asInt()).isZero();
	}

	@Test
	void aProgrammeWhoseMembersWereMigratedTakesNoNewMembersAndIsNoLongerOffered() {
		LoyaltyProgramme from = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		LoyaltyProgramme to = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		LoyaltyProgramme third = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		this.fx.enrol(from, this.fx.customer());
		assertThat(this.fx.post(this.fx.as(Role.ADMIN), ProgrammeApi.BASE + "/" + from.code() + "/migration",
				Map.of("toProgramme", to.code()), null))
			.hasStatus(200);
		UUID newcomer = this.fx.customer();

		MvcTestResult refused = this.mvc.post()
			.uri(ProgrammeApi.BASE + "/" + from.code() + "/members")
			.with(this.fx.as(Role.SERVICE_AGENT))
			.header("Idempotency-Key", "enrol-" + UUID.randomUUID())
			.header("Accept-Language", "es")
			.contentType("application/json")
			.content("{\"customerId\":\"" + newcomer + "\",\"card\":\"VIRTUAL\"}")
			.exchange();

		assertThat(refused).hasStatus(409);
		JsonNode problem = this.fx.body(refused);
		assertThat(problem.get("type").asString()).endsWith("programme-migrated");
		assertThat(problem.get("detail").asString()).contains(from.code(), to.code()).contains("no admite");
		assertThat(this.loyalty.membershipsOf(newcomer)).as("nothing written").isEmpty();
		assertThat(this.loyalty.openProgrammes()).extracting(LoyaltyProgramme::code)
			.contains(to.code(), third.code())
			.doesNotContain(from.code());
		assertThat(this.loyalty.programmes()).extracting(LoyaltyProgramme::code).contains(from.code());
		this.fx.enrol(to, newcomer);

		MvcTestResult page = this.mvc.get()
			.uri("/customers/" + this.fx.customer() + "/loyalty")
			.with(new ConsoleStaff(this.staff, this.users).as(Role.SERVICE_AGENT))
			.exchange();
		assertThat(page).bodyText()
			.contains("id=\"enrol-" + to.code() + "\"")
			.doesNotContain("id=\"enrol-" + from.code() + "\"");

		ConsoleStaff admin = new ConsoleStaff(this.staff, this.users);
		assertThat(this.mvc.get().uri("/loyalty/programmes").with(admin.as(Role.ADMIN)).exchange()).bodyText()
			.contains("id=\"migrated-" + from.code() + "\"", "Migrated into " + to.code())
			.doesNotContain("id=\"migrated-" + to.code() + "\"");
		assertThat(this.mvc.get().uri("/loyalty/programmes/" + from.code()).with(admin.as(Role.ADMIN)).exchange())
			.bodyText()
			.contains("id=\"programme-migrated\"", "takes no new members");

		MvcTestResult intoClosed = this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + third.code() + "/migration", Map.of("toProgramme", from.code()), null);
		assertThat(intoClosed).hasStatus(400);
		assertThat(this.fx.body(intoClosed).get("errors").get(0).get("message").asString()).contains(to.code());
	}

	@Test
	void lotsWhoseNewDateIsAlreadyPastExpireAtOnceAndAPendingLotNotBeforeItIsAvailable() {
		LoyaltyProgramme p = this.fx.programme(60, NegativeBalancePolicy.ALLOW, null);
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(p, customer).get("accountId").asString());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// its return window over 40 days ago: its new date (70 days ago) is past
		Instant longAgo = now.minus(100, ChronoUnit.DAYS);
		// still pending for 20 days: its new date (about 10 days ago) is past, but
		// points expire only once available
		Instant lately = now.minus(40, ChronoUnit.DAYS);
		this.fx.record(this.fx.purchase(customer, longAgo.toString(), this.fx.product("lots"), "60.00"));
		this.fx.record(this.fx.purchase(customer, lately.toString(), this.fx.product("lots"), "120.00"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loyalty.member(account).available() + this.loyalty.member(account).pending() == 30);
		Map<String, Object> settings = new java.util.HashMap<>(
				this.json.convertValue(this.loyalty.programme(p.code()).settings(), Map.class));
		settings.put("expiryMonths", 1);

		JsonNode impact = this.fx.body(this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + p.code() + "/impact-preview", Map.of("settings", settings), null));

		assertThat(impact).hasSize(1);
		JsonNode line = impact.get(0);
		assertThat(line.get("pointsExpiringEarlier").asLong()).isEqualTo(30);
		assertThat(line.get("pointsExpiringAtOnce").asLong()).isEqualTo(10);
		assertThat(Instant.parse(line.get("earliestNewExpiry").asString())).as("when the pending lot is available")
			.isEqualTo(lately.plus(60, ChronoUnit.DAYS))
			.isAfter(now);
		assertThat(this.loyalty.programme(p.code()).expiryMonths()).isEqualTo(12);
	}

	@Test
	void theImpactPreviewListsWhoLosesPointsTierAndBenefitsWithoutChangingAnything() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder("SILVER", "GOLD"));
		UUID member = memberWithPoints(p, "61.00");
		Map<String, Object> settings = new java.util.HashMap<>(
				this.json.convertValue(this.loyalty.programme(p.code()).settings(), Map.class));
		settings.put("expiryMonths", 1);
		Map<String, Object> change = Map.of("settings", settings, "ladder",
				TiersApiTest.ladder(0, List.of(TiersApiTest.tier("GOLD", 100, "1.5"))), "earnRateFactor", "0.5");

		JsonNode impact = this.fx.body(this.fx.post(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + p.code() + "/impact-preview", change, null));

		assertThat(impact).hasSize(1);
		JsonNode line = impact.get(0);
		assertThat(line.get("accountId").asString()).isEqualTo(member.toString());
		assertThat(line.get("pointsExpiringEarlier").asLong()).isEqualTo(10);
		assertThat(line.get("pointsLostPerYear").asLong()).isEqualTo(5);
		assertThat(line.get("tierFrom").asString()).isEqualTo("SILVER");
		assertThat(line.get("tierTo").isNull()).isTrue();
		assertThat(line.get("benefitsLost").toString()).as("in English, as before")
			.contains("earn multiplier", "discount");
		assertThat(line.has("benefits")).isFalse();
		assertThat(line.get("pointsExpiringAtOnce").asLong()).isZero();
		assertThat(this.loyalty.tierLadder(p.code()).tiers()).hasSize(2);
		assertThat(this.loyalty.tierOf(member, Instant.now()).tier().code()).isEqualTo("SILVER");
	}

}
