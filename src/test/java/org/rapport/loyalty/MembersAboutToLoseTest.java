package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lists of members about to lose something, so staff can act first: points that
 * expire within the days ahead, and a tier held below its threshold whose protection ends
 * within them. Through the API and the console, on the real database.
 */
@IntegrationTest
class MembersAboutToLoseTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	Tiers tiers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	LoyaltyFixture fx;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		// points are available at once and expire 12 months after the purchase
		this.programme = this.fx.programme(0, NegativeBalancePolicy.ALLOW, null);
	}

	/**
	 * A new member whose purchases (61.00 EUR each: 10 points) were made {@code daysAgo}.
	 */
	Member member(int... daysAgo) {
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(this.programme, customer).get("accountId").asString());
		String sku = this.fx.product("expiring");
		String last = null;
		for (int days : daysAgo) {
			last = this.fx
				.record(this.fx.purchase(customer, this.now.minus(days, ChronoUnit.DAYS).toString(), sku, "61.00"));
		}
		long expected = 10L * daysAgo.length;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).available() == expected);
		return new Member(customer, account, sku, last);
	}

	record Member(UUID customer, UUID account, String sku, String lastPurchase) {
	}

	JsonNode expiring(int withinDays) {
		return this.fx.body(this.fx.get(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/points/expiring?withinDays=" + withinDays));
	}

	JsonNode atRisk(int withinDays) {
		return this.fx.body(this.fx.get(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/tiers/at-risk?withinDays=" + withinDays));
	}

	@Test
	void membersWhosePointsExpireWithinTheDaysAheadAreListedMostPointsFirstWithTheirWorthAndBalance() {
		// 350 days ago: expires in about 15 days; yesterday: in about a year
		Member ana = member(350, 1);
		Member ben = member(340, 340);
		Member cal = member(1);

		JsonNode list = expiring(30);
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("accountId").asString()).isEqualTo(ben.account().toString());
		assertThat(list.get(0).get("points").asLong()).isEqualTo(20);
		assertThat(list.get(0).get("value").decimalValue()).isEqualByComparingTo("0.20");
		assertThat(list.get(0).get("available").asLong()).isEqualTo(20);
		assertThat(Instant.parse(list.get(0).get("firstAt").asString())).isBetween(this.now.plus(20, ChronoUnit.DAYS),
				this.now.plus(30, ChronoUnit.DAYS));
		assertThat(list.get(1).get("accountId").asString()).isEqualTo(ana.account().toString());
		assertThat(list.get(1).get("points").asLong()).isEqualTo(10);
		assertThat(list.get(1).get("available").asLong()).isEqualTo(20);
		assertThat(Instant.parse(list.get(1).get("firstAt").asString())).isBetween(this.now.plus(10, ChronoUnit.DAYS),
				this.now.plus(20, ChronoUnit.DAYS));
		assertThat(list.findValuesAsString("accountId")).doesNotContain(cal.account().toString());

		// in all: two members lose 30 points, worth 0.30 EUR
		JsonNode total = this.fx.body(this.fx.get(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/points/expiring/total?withinDays=30"));
		assertThat(total.get("members").asLong()).isEqualTo(2);
		assertThat(total.get("points").asLong()).isEqualTo(30);
		assertThat(total.get("value").decimalValue()).isEqualByComparingTo("0.30");
		assertThat(this.loyalty.pointsExpiringTotal(this.programme.code(), 366).points()).isEqualTo(50);

		// a horizon before the first expiry lists nobody; a year ahead lists all three
		assertThat(expiring(5)).isEmpty();
		assertThat(expiring(366).findValuesAsString("accountId")).contains(cal.account().toString());
		assertThat(this.loyalty.pointsExpiring(this.programme.code(), 30, 100)).extracting(ExpiringPoints::accountId)
			.containsExactly(ben.account(), ana.account());

		// points are spent oldest first: Ana's 10 points from 350 days ago are gone, not
		// lost
		this.loyalty.redeem(ana.account(), 10, "Coffee", "coffee-" + UUID.randomUUID());
		assertThat(expiring(30).findValuesAsString("accountId")).containsExactly(ben.account().toString());
	}

	@Test
	void theWholeListOfExpiringPointsDownloadsAsCsvMostPointsFirstWithTheCustomersNames() throws Exception {
		Member ana = member(350, 1);
		Member ben = member(340, 340);
		Member cal = member(1);

		String csv = this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring.csv?days=30", this.programme.code())
			.with(this.staff.as(Role.MARKETER))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		String[] lines = csv.split("\r\n");
		// a marketer may read customers' scores: the outlook's columns close each row
		assertThat(lines[0]).isEqualTo(
				"customer_id,display_name,points,first_expiry_at,value,currency,available,revenue,predicted_value,churn_risk");
		assertThat(lines).hasSize(3);
		assertThat(lines[1])
			.startsWith(ben.customer() + "," + this.customers.get(ben.customer()).displayName() + ",20,")
			.contains(",0.20,EUR,20,");
		assertThat(lines[2])
			.startsWith(ana.customer() + "," + this.customers.get(ana.customer()).displayName() + ",10,");
		assertThat(csv).doesNotContain(cal.customer().toString());
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring.csv?days=366", this.programme.code())
			.with(this.staff.as(Role.MARKETER))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(cal.customer().toString());
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("href=\"/loyalty/programmes/" + this.programme.code() + "/expiring.csv?days=30\"");
	}

	@Test
	void aListOfExpiringPointsOrOfTiersAtRiskRefusesAHorizonOrLengthOutOfRange() {
		String expiring = ProgrammeApi.BASE + "/" + this.programme.code() + "/points/expiring";
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), expiring + "?withinDays=367")).hasStatus(400)
			.bodyText()
			.contains("withinDays");
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), expiring + "?withinDays=-1")).hasStatus(400);
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), expiring + "?limit=0")).hasStatus(400)
			.bodyText()
			.contains("limit");
		String atRisk = ProgrammeApi.BASE + "/" + this.programme.code() + "/tiers/at-risk";
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), atRisk + "?withinDays=732")).hasStatus(400)
			.bodyText()
			.contains("withinDays");
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), atRisk + "?limit=1001")).hasStatus(400);
	}

	@Test
	void aMemberBelowTheThresholdOfTheTierTheyQualifiedForIsAtRiskWhenItsProtectionEndsWithinTheDaysAhead()
			throws Exception {
		this.loyalty.applyTierLadder(this.programme.code(),
				new TierLadderForm("POINTS_EARNED", "ROLLING_12_MONTHS", "0", "SILVER; Silver; 10\nGOLD; Gold; 1000")
					.ladder(new HashMap<>()),
				Instant.now());
		Member kept = member(1);
		Member returned = member(1);
		Member byHand = member(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "SILVER".equals(tierOf(kept.account())) && "SILVER".equals(tierOf(returned.account()))
					&& "SILVER".equals(tierOf(byHand.account())));
		// the purchase goes back: its points are reversed, the tier is kept until the
		// period ends
		this.fx.record(this.fx.returnOf(returned.customer(), returned.lastPurchase(),
				this.now.minus(1, ChronoUnit.HOURS).toString(), returned.sku(), "61.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(returned.account()).available() == 0);
		assertThat(tierOf(returned.account())).isEqualTo("SILVER");
		// a tier set by hand ends on its own date, not on the threshold
		this.loyalty.overrideTier(byHand.account(), "GOLD", Instant.now().plus(20, ChronoUnit.DAYS), "Goodwill");

		// qualified today, the tier is protected for twelve months
		assertThat(atRisk(30)).isEmpty();
		JsonNode list = atRisk(400);
		assertThat(list).hasSize(1);
		JsonNode risk = list.get(0);
		assertThat(risk.get("accountId").asString()).isEqualTo(returned.account().toString());
		assertThat(risk.get("tier").asString()).isEqualTo("SILVER");
		assertThat(risk.get("dropsTo").isNull()).isTrue();
		assertThat(risk.get("qualifyingValue").decimalValue()).isEqualByComparingTo("0");
		assertThat(risk.get("missing").decimalValue()).isEqualByComparingTo("10");
		assertThat(Instant.parse(risk.get("protectedUntil").asString())).isBetween(this.now.plus(360, ChronoUnit.DAYS),
				this.now.plus(370, ChronoUnit.DAYS));
		assertThat(this.loyalty.tierOffers(this.programme.code(), 10, 400, 100).atRisk())
			.isEqualTo(this.loyalty.tierAtRisk(this.programme.code(), 400, 100));
		// with a percentage wide enough, the member at risk is also near the next tier:
		// the
		// one pass puts them on both lists, as the lists read one by one do
		TierOfferLists wide = this.loyalty.tierOffers(this.programme.code(), 100, 400, 100);
		assertThat(wide.atRisk()).isEqualTo(this.loyalty.tierAtRisk(this.programme.code(), 400, 100));
		assertThat(wide.near()).isEqualTo(this.loyalty.nearNextTier(this.programme.code(), 100, 100))
			.anySatisfy((c) -> assertThat(c.accountId()).isEqualTo(returned.account()));
		assertThat(wide.better()).isEqualTo(this.loyalty.qualifyForBetterTier(this.programme.code(), 100));
		// a large programme is read in two halves of its accounts at once: the same lists
		TierLadder ladder = this.tiers.ladder(this.loyalty.programme(this.programme.code()));
		Instant at = Instant.now();
		TransactionTemplate tx = new TransactionTemplate(this.transactions);
		tx.setReadOnly(true);
		TierOfferLists halves = tx.execute((s) -> new TierOffers(this.jdbc, this.transactions, 2)
			.all(this.loyalty.programme(this.programme.code()), ladder, at, 100, 400, 100));
		TierOfferLists whole = tx.execute((s) -> new TierOffers(this.jdbc, this.transactions, Integer.MAX_VALUE)
			.all(this.loyalty.programme(this.programme.code()), ladder, at, 100, 400, 100));
		assertThat(halves).isEqualTo(whole);
		List<TierCandidate> nearInHalves = tx.execute((s) -> new TierOffers(this.jdbc, this.transactions, 2)
			.nearNext(this.loyalty.programme(this.programme.code()), ladder, at, 100, 100));
		List<TierAtRisk> atRiskInHalves = tx.execute((s) -> new TierOffers(this.jdbc, this.transactions, 2)
			.atRisk(this.loyalty.programme(this.programme.code()), ladder, at, 400, 100));
		assertThat(nearInHalves).isEqualTo(whole.near());
		assertThat(atRiskInHalves).isEqualTo(whole.atRisk());
		assertThat(halves.near()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(halves.atRisk()).singleElement()
			.satisfies((r) -> assertThat(r.accountId()).isEqualTo(returned.account()));

		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers?days=365", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("id=\"offers-at-risk\"")
			.contains("data-customer=\"" + returned.customer() + "\"")
			.doesNotContain("data-customer=\"" + kept.customer() + "\"")
			.contains("<td class=\"num\">10 points</td>")
			.contains("<td>No tier</td>");
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk().bodyText().contains("offers-at-risk-none");

		// every member at risk, as CSV, tiers by their names
		String csv = this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers/at-risk.csv?days=365", this.programme.code())
			.with(this.staff.as(Role.MARKETER))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv.split("\r\n")).hasSize(2)
			.startsWith("customer_id,display_name,tier,kept_until,qualifying_value,threshold,missing,then,revenue,"
					+ "predicted_value,churn_risk");
		assertThat(csv.split("\r\n")[1])
			.startsWith(returned.customer() + "," + this.customers.get(returned.customer()).displayName() + ",Silver,")
			.contains(",0,10.00,10.00,,");

		// the member's own tier says what keeps it, and until when; a member at the
		// threshold and one set by hand are told nothing of the kind
		String until = risk.get("protectedUntil").asString().substring(0, 10);
		JsonNode tier = this.fx
			.body(this.fx.get(this.fx.as(Role.SERVICE_AGENT), MemberApi.MEMBERS + "/" + returned.account() + "/tier"));
		assertThat(tier.get("missingToKeep").decimalValue()).isEqualByComparingTo("10");
		assertThat(this.mvc.get()
			.uri("/customers/{id}/loyalty", returned.customer())
			.with(this.staff.as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains("10 points earned missing to keep Silver after " + until);
		String card = this.loyalty.member(returned.account()).cards().get(0).number();
		assertThat(this.mvc.get().uri("/loyalty/counter?q={q}", card).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("10 points earned missing to keep Silver after " + until);
		assertThat(this.loyalty.tierOf(kept.account(), Instant.now()).missingToKeep()).isNull();
		assertThat(this.loyalty.tierOf(byHand.account(), Instant.now()).missingToKeep()).isNull();
		assertThat(
				this.mvc.get().uri("/customers/{id}/loyalty", kept.customer()).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("tier-to-keep");
	}

	@Test
	void theCounterTellsStaffWhenAMembersNextPointsExpireWithinThirtyDays() {
		Member ana = member(350, 1);
		Member ben = member(1);
		String anaCard = this.loyalty.member(ana.account()).cards().get(0).number();
		String benCard = this.loyalty.member(ben.account()).cards().get(0).number();
		String date = this.loyalty.pointsExpiring(this.programme.code(), 30, 1000)
			.stream()
			.filter((e) -> e.accountId().equals(ana.account()))
			.findFirst()
			.orElseThrow()
			.firstAt()
			.toString()
			.substring(0, 10);

		assertThat(this.mvc.get().uri("/loyalty/counter?q={q}", anaCard).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"counter-expiring-" + ana.account() + "\"")
			.contains("10 points expire on " + date + ": a reward before then keeps their value.");
		assertThat(this.mvc.get().uri("/loyalty/counter?q={q}", benCard).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"counter-available\"")
			.doesNotContain("counter-expiring-");
	}

	@Test
	void aLadderOnSpendShowsWhatIsMissingAsMoneyWithItsCents() {
		this.loyalty.applyTierLadder(this.programme.code(),
				new TierLadderForm("SPEND", "ROLLING_12_MONTHS", "0", "SILVER; Silver; 65.50\nGOLD; Gold; 1000")
					.ladder(new HashMap<>()),
				Instant.now());
		Member near = member(1);
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("data-customer=\"" + near.customer() + "\"")
			.contains("<td class=\"num\">4.50 EUR</td>");
	}

	@Test
	void theExpiringPointsPageListsTheMembersByNameWithTheirPointsWorthAndBalance() {
		Member ana = member(350, 1);
		// her 20 points pay for the pen, not the lamp; the mug is out of stock
		this.rewards.createReward(this.programme.code(),
				new NewReward("Pen", null, 15L, null, null, null, null, null, 30, true));
		this.rewards.createReward(this.programme.code(),
				new NewReward("Lamp", null, 500L, null, null, null, null, null, 30, true));
		this.rewards.createReward(this.programme.code(),
				new NewReward("Mug", null, 18L, 0, null, null, null, null, 30, true));
		String name = this.customers.get(ana.customer()).displayName();
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("id=\"expiring\"")
			.contains("data-customer=\"" + ana.customer() + "\"")
			.contains(name)
			.contains("1 member loses 10 points (0.10 EUR) unless they use them.")
			.contains("<td class=\"num\">0.10 EUR</td>")
			.contains("<td class=\"num\">20</td>")
			.contains("<td class=\"expiring-reward\">Pen (15)</td>");
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring?days=5", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk().bodyText().contains("expiring-none");
		assertThat(this.mvc.get().uri("/loyalty/programmes/{c}", this.programme.code()).with(this.staff.as(Role.ADMIN)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"expiring-link\"");
	}

	String tierOf(UUID account) {
		MemberTier tier = this.loyalty.tierOf(account, Instant.now());
		return (tier == null || tier.tier() == null) ? null : tier.tier().code();
	}

}
