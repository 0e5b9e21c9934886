package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tiers through the HTTP API on the real database. */
@IntegrationTest
class TiersApiTest {

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

	final Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	static Map<String, Object> tier(String code, int threshold, String multiplier) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("code", code);
		t.put("name", code.charAt(0) + code.substring(1).toLowerCase());
		t.put("threshold", threshold);
		t.put("earnMultiplier", multiplier);
		t.put("discountPercent", 5);
		t.put("priorityService", code.equals("GOLD"));
		return t;
	}

	static Map<String, Object> ladder(int graceMonths, List<Map<String, Object>> tiers) {
		return Map.of("measure", "POINTS_EARNED", "window", "ROLLING_12_MONTHS", "graceMonths", graceMonths, "tiers",
				tiers);
	}

	JsonNode apply(LoyaltyProgramme p, Map<String, Object> ladder) {
		MvcTestResult r = this.fx.mvc.put()
			.uri(ProgrammeApi.BASE + "/" + p.code() + "/tiers")
			.with(this.fx.as(Role.ADMIN))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(ladder))
			.exchange();
		assertThat(r).hasStatus(200);
		return this.fx.body(r);
	}

	JsonNode tierOf(UUID account) {
		return this.fx.body(this.fx.get(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/tier"));
	}

	String tierCode(UUID account) {
		JsonNode t = tierOf(account).get("tier");
		return (t == null || t.isNull()) ? null : t.get("code").asString();
	}

	UUID member(LoyaltyProgramme p, String amount) {
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(p, customer).get("accountId").asString());
		if (amount != null) {
			long before = this.loyalty.member(account).available() + this.loyalty.member(account).pending();
			this.fx.record(this.fx.purchase(customer, this.yesterday.toString(), this.fx.product("tiers"), amount));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.loyalty.member(account).available()
						+ this.loyalty.member(account).pending() > before);
		}
		return account;
	}

	void nightly(Instant asOf) {
		assertThat(this.fx.post(this.fx.as(Role.ADMIN), "/api/v1/loyalty/jobs/tiers?asOf=" + asOf, Map.of(), null))
			.hasStatus(200);
	}

	@Test
	void aPurchaseThatReachesTheThresholdUpgradesAtOnceAndTheTierCountsPointsEarnedNotTheBalance() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1.5"), tier("GOLD", 100, "2"))));
		UUID account = member(p, null);
		assertThat(tierCode(account)).isNull();

		UUID customer = this.loyalty.member(account).customerId();
		this.fx.record(this.fx.purchase(customer, this.yesterday.toString(), this.fx.product("t"), "61.00"));

		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));
		this.loyalty.redeem(account, 10, "Spent it all", "spend-" + UUID.randomUUID());
		nightly(Instant.now());
		JsonNode tier = tierOf(account);
		assertThat(tier.get("tier").get("code").asString()).isEqualTo("SILVER");
		assertThat(tier.get("source").asString()).isEqualTo("QUALIFIED");
		assertThat(tier.get("qualifyingValue").asInt()).isEqualTo(10);
		assertThat(tier.get("next").get("code").asString()).isEqualTo("GOLD");
		assertThat(tier.get("missingForNext").asInt()).isEqualTo(90);
		assertThat(this.loyalty.tierHistory(account)).singleElement()
			.satisfies((h) -> assertThat(h.get("to")).isEqualTo("SILVER"));
	}

	@Test
	void theTierMultiplierIsAppliedWhenEarningIsSimulated() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1.5"))));
		UUID account = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));

		Map<String, Object> basket = Map.of("kind", "PURCHASE", "occurredAt", Instant.now().toString(), "currency",
				"EUR", "total", "60.00");
		JsonNode earning = this.fx
			.body(this.fx.post(this.fx.as(Role.SALES), ProgrammeApi.BASE + "/" + p.code() + "/simulate",
					Map.of("customerId", this.loyalty.member(account).customerId(), "basket", basket), null));
		assertThat(earning.get("points").asLong()).isEqualTo(15);
		assertThat(earning.get("steps").toString()).contains("×1.5");
	}

	@Test
	void aTierIsKeptUntilThePeriodEndPlusGraceAndLoweredByTheNightlyJobAfter() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(1, List.of(tier("SILVER", 10, "1"))));
		UUID account = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));

		Instant halfYear = this.yesterday.atZone(ZoneOffset.UTC).plusMonths(6).toInstant();
		nightly(halfYear);
		Instant keptUntil = Instant.parse(tierOf(account).get("keptUntil").asString());
		assertThat(keptUntil).isEqualTo(halfYear.atZone(ZoneOffset.UTC).plusMonths(13).toInstant());

		nightly(keptUntil.minus(1, ChronoUnit.DAYS));
		assertThat(tierCode(account)).isEqualTo("SILVER");
		nightly(keptUntil);
		assertThat(tierCode(account)).isNull();
		nightly(keptUntil);
		assertThat(this.loyalty.tierHistory(account)).hasSize(2);
	}

	@Test
	void anOverrideHoldsUntilItsEndIsVisibleAndNeedsTheAdjustPermission() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 1000, "2"))));
		UUID account = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));
		Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> body = Map.of("tier", "GOLD", "until", until.toString(), "reason", "Complaint goodwill");
		String uri = MemberApi.MEMBERS + "/" + account + "/tier/override";

		assertThat(this.fx.mvc.put()
			.uri(uri)
			.with(this.fx.as(Role.SALES))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange()).hasStatus(403);
		assertThat(this.fx.mvc.put()
			.uri(uri)
			.with(this.fx.as(Role.MANAGER))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange()).hasStatus(200);

		JsonNode tier = tierOf(account);
		assertThat(tier.get("tier").get("code").asString()).isEqualTo("GOLD");
		assertThat(tier.get("source").asString()).isEqualTo("OVERRIDE");
		assertThat(Instant.parse(tier.get("overrideUntil").asString())).isEqualTo(until);
		nightly(until.minus(1, ChronoUnit.DAYS));
		assertThat(tierCode(account)).isEqualTo("GOLD");
		nightly(until.plus(1, ChronoUnit.DAYS));
		assertThat(tierCode(account)).isEqualTo("SILVER");
		assertThat(tierOf(account).get("source").asString()).isEqualTo("QUALIFIED");
		assertThat(this.loyalty.tierHistory(account)).extracting((h) -> h.get("source"))
			.containsExactly("QUALIFIED", "OVERRIDE", "QUALIFIED");
	}

	@Test
	void aPreviewShowsExactlyTheMovesThatApplyingTheSameLadderMakes() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 50, "1"), tier("PLATINUM", 100, "1"))));
		UUID silver = member(p, "61.00");
		UUID gold = member(p, "310.00");
		UUID platinum = member(p, "610.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "PLATINUM".equals(tierCode(platinum)));
		Map<String, Object> proposal = ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 60, "1")));
		Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		JsonNode preview = this.fx.body(this.fx.post(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + p.code() + "/tiers/preview?asOf=" + asOf, proposal, null));
		assertThat(tierCode(platinum)).isEqualTo("PLATINUM");
		assertThat(this.loyalty.tierLadder(p.code()).tiers()).hasSize(3);
		assertThat(preview.get("moves")).hasSize(1);
		assertThat(preview.get("moves").get(0).get("toTier").asString()).isEqualTo("GOLD");
		assertThat(preview.get("atRisk").get(0).get("accountId").asString()).isEqualTo(gold.toString());

		MvcTestResult applied = this.fx.mvc.put()
			.uri(ProgrammeApi.BASE + "/" + p.code() + "/tiers?asOf=" + asOf + "&fingerprint="
					+ preview.get("fingerprint").asString())
			.with(this.fx.as(Role.ADMIN))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(proposal))
			.exchange();
		assertThat(applied).hasStatus(200);
		assertThat(this.fx.body(applied).get("fingerprint")).isEqualTo(preview.get("fingerprint"));
		assertThat(this.fx.body(applied).get("moves")).isEqualTo(preview.get("moves"));
		assertThat(this.fx.body(applied).get("atRisk")).isEqualTo(preview.get("atRisk"));
		assertThat(tierCode(platinum)).isEqualTo("GOLD");
		assertThat(tierCode(gold)).isEqualTo("GOLD");
		assertThat(tierCode(silver)).isEqualTo("SILVER");
	}

	@Test
	void applyingAStalePreviewIsRefusedWithNothingChanged() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 1000, "1"))));
		UUID member = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(member)));
		Map<String, Object> proposal = ladder(0, List.of(tier("SILVER", 5, "1"), tier("GOLD", 10, "1")));
		Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String fingerprint = this.fx
			.body(this.fx.post(this.fx.as(Role.MARKETER),
					ProgrammeApi.BASE + "/" + p.code() + "/tiers/preview?asOf=" + asOf, proposal, null))
			.get("fingerprint")
			.asString();
		// someone else saves a ladder in between
		apply(p, ladder(1, List.of(tier("SILVER", 10, "1"), tier("GOLD", 1000, "1"))));

		MvcTestResult stale = this.fx.mvc.put()
			.uri(ProgrammeApi.BASE + "/" + p.code() + "/tiers?asOf=" + asOf + "&fingerprint=" + fingerprint)
			.with(this.fx.as(Role.ADMIN))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(proposal))
			.exchange();
		assertThat(stale).hasStatus(409);
		assertThat(this.fx.body(stale).get("type").asString()).endsWith("preview-stale");
		assertThat(tierCode(member)).isEqualTo("SILVER");
		assertThat(this.loyalty.tierLadder(p.code()).graceMonths()).isEqualTo(1);
		assertThat(this.loyalty.tierLadder(p.code()).tier("GOLD").threshold()).isEqualByComparingTo("1000");
	}

	@Test
	void anOverrideEndedEarlyNeedsAReasonAndTheAdjustPermissionAndGivesBackTheQualifiedTier() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 1000, "2"))));
		UUID account = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));
		this.loyalty.overrideTier(account, "GOLD", Instant.now().plus(30, ChronoUnit.DAYS), "Goodwill");
		String uri = MemberApi.MEMBERS + "/" + account + "/tier/override/ending";

		assertThat(this.fx.post(this.fx.as(Role.SALES), uri, Map.of("reason", "Mistake"), null)).hasStatus(403);
		assertThat(this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of(), null)).hasStatus(400);
		assertThat(tierCode(account)).isEqualTo("GOLD");
		assertThat(this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of("reason", "Set on the wrong member"), null))
			.hasStatus(200);
		assertThat(tierCode(account)).isEqualTo("SILVER");
		assertThat(tierOf(account).get("source").asString()).isEqualTo("QUALIFIED");
		assertThat(this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of("reason", "Again"), null)).hasStatus(409);
		assertThat(this.loyalty.tierHistory(account)).extracting((h) -> h.get("source"))
			.containsExactly("QUALIFIED", "OVERRIDE", "OVERRIDE_ENDED", "QUALIFIED");
	}

	@Test
	void theTierHistoryGivesTheEnginesReasonsInTheCallersLanguageAndTheStaffMembersAsTyped() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 1000, "2"))));
		UUID account = member(p, "61.00");
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(account)));
		this.loyalty.overrideTier(account, "GOLD", Instant.parse("2030-01-31T00:00:00Z"), "Our best client");
		String uri = MemberApi.MEMBERS + "/" + account + "/tier/history";

		MvcTestResult spanish = this.mvc.get()
			.uri(uri)
			.with(this.fx.as(Role.MANAGER))
			.header("Accept-Language", "es")
			.exchange();
		MvcTestResult english = this.mvc.get().uri(uri).with(this.fx.as(Role.MANAGER)).exchange();

		assertThat(spanish).hasStatus(200);
		List<String> reasons = new java.util.ArrayList<>();
		this.fx.body(spanish).forEach((change) -> reasons.add(change.get("reason").asString()));
		assertThat(reasons).hasSize(2);
		assertThat(reasons.get(0)).isEqualTo("Clasificado: 10 puntos ganados en el periodo");
		assertThat(reasons.get(1)).startsWith("Nivel fijado a mano hasta 2030-01-31T00:00:00Z por ")
			.endsWith(": Our best client");
		assertThat(this.fx.body(english).get(0).get("reason").asString())
			.isEqualTo("Qualified: 10 points earned in the window");
	}

	@Test
	void membersNearTheNextTierAndThoseWhoQualifyForABetterOneAreListed() {
		LoyaltyProgramme p = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		apply(p, ladder(0, List.of(tier("SILVER", 10, "1"), tier("GOLD", 12, "1"))));
		UUID near = member(p, "61.00");
		UUID far = member(p, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> "SILVER".equals(tierCode(near)));
		JsonNode list = this.fx.body(this.fx.get(this.fx.as(Role.SALES),
				ProgrammeApi.BASE + "/" + p.code() + "/tiers/near-next?withinPercent=20"));
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("accountId").asString()).isEqualTo(near.toString());
		assertThat(list.get(0).get("towards").asString()).isEqualTo("GOLD");
		assertThat(list.get(0).get("missing").asInt()).isEqualTo(2);
		TierOfferLists before = this.loyalty.tierOffers(p.code(), 20, 30, 100);
		assertThat(before.near()).isEqualTo(this.loyalty.nearNextTier(p.code(), 20, 100))
			.singleElement()
			.satisfies((c) -> assertThat(c.accountId()).isEqualTo(near));
		assertThat(before.better()).isEmpty();

		this.loyalty.overrideTier(near, null, Instant.now().plus(5, ChronoUnit.DAYS), "Test of the list");
		JsonNode better = this.fx.body(
				this.fx.get(this.fx.as(Role.SALES), ProgrammeApi.BASE + "/" + p.code() + "/tiers/qualify-for-better"));
		assertThat(better).hasSize(1);
		assertThat(better.get(0).get("accountId").asString()).isEqualTo(near.toString());
		assertThat(better.get(0).get("source").asString()).isEqualTo("OVERRIDE");
		assertThat(better.get(0).get("towards").asString()).isEqualTo("SILVER");
		assertThat(far).isNotNull();
		// the member's own tier says so, on the member panel, in the head of the 360 page
		// and at the counter, so that staff offer it before the member has to ask
		JsonNode tier = tierOf(near);
		assertThat(tier.get("better").get("code").asString()).isEqualTo("SILVER");
		assertThat(tierOf(far).get("better").isNull()).isTrue();
		UUID customer = this.loyalty.member(near).customerId();
		ConsoleStaff console = new ConsoleStaff(this.staff, this.users);
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", customer).with(console.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("Already qualifies for Silver: offer it first.");
		assertThat(this.mvc.get().uri("/customers/{id}/badges/loyalty", customer).with(console.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains(">Qualifies for Silver<")
			.doesNotContain("class=\"pill tier-name\"");
		assertThat(this.mvc.get()
			.uri("/loyalty/counter?q={q}", this.loyalty.member(near).cards().get(0).number())
			.with(console.as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains("Already qualifies for Silver: offer it first.");

		// the console reads both lists in one statement: the same lists
		TierOfferLists after = this.loyalty.tierOffers(p.code(), 20, 30, 100);
		assertThat(after.near()).isEqualTo(this.loyalty.nearNextTier(p.code(), 20, 100));
		assertThat(after.better()).isEqualTo(this.loyalty.qualifyForBetterTier(p.code(), 100))
			.singleElement()
			.satisfies((c) -> assertThat(c.accountId()).isEqualTo(near));
	}

}
