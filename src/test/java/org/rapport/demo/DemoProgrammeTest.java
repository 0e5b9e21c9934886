package org.rapport.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.NewInteraction;
import org.rapport.interaction.TimelineFilter;
import org.rapport.loyalty.CardKind;
import org.rapport.loyalty.ExpiringPoints;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.Reward;
import org.rapport.loyalty.Rewards;
import org.rapport.loyalty.MemberSummary;
import org.rapport.loyalty.MonthFigures;
import org.rapport.loyalty.ProgrammeFigures;
import org.rapport.loyalty.Redemption;
import org.rapport.loyalty.Tier;
import org.rapport.loyalty.TierCandidate;
import org.rapport.loyalty.TierLadder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class DemoProgrammeTest {

	static final int MEMBERS = 24;

	@Autowired
	ProgrammeFigures figures;

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	Customers customers;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	Interactions interactions;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoProgrammeEnrolsTheShowcaseCustomerWithAnExplainedWelcomeBonus() {
		UUID maria = demoSetUp().showcase;

		assertThat(club(maria)).singleElement().satisfies((m) -> {
			assertThat(m.cards()).hasSize(1);
			assertThat(this.loyalty.ledger(m.accountId(), 0, 50).items()).anySatisfy((mv) -> {
				assertThat(mv.reason()).isEqualTo("Welcome bonus");
				assertThat(mv.available()).isEqualTo(500);
			});
		});
	}

	@Test
	void theDemoClubOffersThreeRewardsOnceWhateverTheRestarts() {
		DemoSetUp set = demoSetUp();

		set.demo.setUpRewards();

		assertThat(this.rewards.rewards(DemoProgramme.CODE, true)).extracting(Reward::name)
			.containsExactlyInAnyOrder("Coffee and a pastry", "10 EUR off your next basket", "Rapport Club tote bag");
		assertThat(this.rewards.rewards(DemoProgramme.CODE, false)).hasSize(3);
	}

	@Test
	void theDemoProgrammeHasASilverAndGoldLadderOnTheSpendOfTwelveMonths() {
		demoSetUp();

		TierLadder ladder = this.loyalty.tierLadder(DemoProgramme.CODE);

		assertThat(ladder.measure()).isEqualTo(TierLadder.Measure.SPEND);
		assertThat(ladder.window()).isEqualTo(TierLadder.Window.ROLLING_12_MONTHS);
		assertThat(ladder.tiers()).extracting(Tier::code).containsExactly("silver", "gold");
		assertThat(ladder.tier("gold").priorityService()).isTrue();
	}

	@Test
	void theBestCustomersOfTheLastYearBecomeMembersWithAVirtualCard() {
		DemoSetUp set = demoSetUp();

		List<UUID> chosen = set.demo.chooseMembers(set.showcase);

		assertThat(chosen).hasSize(MEMBERS).doesNotContain(set.showcase);
		assertThat(chosen).allSatisfy((c) -> assertThat(club(c)).singleElement()
			.satisfies((m) -> assertThat(m.cards()).singleElement()
				.satisfies((card) -> assertThat(card.kind()).isEqualTo(CardKind.VIRTUAL))));
	}

	@Test
	void membersEarnOnTheirClubPurchasesAndStaffSeeWhoIsReadyForMore() {
		DemoSetUp set = demoSetUp();
		UUID account = club(set.showcase).get(0).accountId();
		List<UUID> chosen = set.demo.chooseMembers(set.showcase);

		// earned asynchronously, as in production, and upgraded at once on earning
		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			assertThat(this.loyalty.tierOf(account, this.clock.instant()).tier()).isNotNull()
				.extracting(Tier::code)
				.isEqualTo("silver");
			assertThat(chosen).allSatisfy((c) -> assertThat(points(c)).isPositive());
		});

		// the welcome bonus and at least a point per euro of her 1,420 EUR (spent or not)
		assertThat(points(set.showcase) + redeemed(set.showcase)).isGreaterThanOrEqualTo(500 + 1_420);
		List<TierCandidate> near = this.loyalty.nearNextTier(DemoProgramme.CODE, 10, 1_000);
		assertThat(near).anySatisfy((c) -> {
			assertThat(c.customerId()).isEqualTo(set.showcase);
			assertThat(c.towards()).isEqualTo("gold");
		});
		assertThat(near).anySatisfy((c) -> assertThat(c.towards()).isEqualTo("silver"));
		// members joined a week before their first club purchase: every month's active
		// members were members by its end
		YearMonth now = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		List<MonthFigures> months = this.figures.monthly(DemoProgramme.CODE, now.minusMonths(2), now);
		assertThat(months).allSatisfy((m) -> assertThat(m.activeMembers()).isLessThanOrEqualTo(m.members()));
		// joined six weeks ago at least: members at the end of last month
		assertThat(months.get(1).members()).isPositive();
		assertThat(months.get(1).activeMembers()).isPositive();
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(chosen).anySatisfy(
					(c) -> assertThat(this.loyalty.tierOf(club(c).get(0).accountId(), this.clock.instant()).tier())
						.isNotNull()
						.extracting(Tier::code)
						.isEqualTo("gold")));
	}

	@Test
	void runningTheDemoSetUpAgainChangesNothing() {
		DemoSetUp set = demoSetUp();
		List<UUID> chosen = set.demo.chooseMembers(set.showcase);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(chosen).allSatisfy((c) -> assertThat(points(c)).isPositive()));
		Map<UUID, List<Long>> before = balances(chosen, set.showcase);
		long purchases = clubPurchases(set.showcase) + chosen.stream().mapToLong(this::clubPurchases).sum();
		TierLadder ladder = this.loyalty.tierLadder(DemoProgramme.CODE);

		set.demo.setUpTiers();
		set.demo.setUpTiers();

		assertThat(this.loyalty.tierLadder(DemoProgramme.CODE)).isEqualTo(ladder);
		assertThat(clubPurchases(set.showcase) + chosen.stream().mapToLong(this::clubPurchases).sum())
			.isEqualTo(purchases);
		assertThat(set.demo.chooseMembers(set.showcase)).isEqualTo(chosen);
		assertThat(balances(chosen, set.showcase)).isEqualTo(before);
	}

	@Test
	void onceTheirPointsAreEarnedAFewMembersRedeemRewardsAndUseMostVouchersOnlyOnce() {
		DemoSetUp set = demoSetUp();
		List<UUID> chosen = set.demo.chooseMembers(set.showcase);
		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			assertThat(chosen).allSatisfy((c) -> assertThat(club(c).get(0).available()).isPositive());
			assertThat(club(set.showcase).get(0).available() + redeemed(set.showcase))
				.isGreaterThanOrEqualTo(500 + 1_420);
		});

		set.demo.redeemSome();
		Map<UUID, List<String>> first = redemptions(chosen, set.showcase);
		set.demo.redeemSome();

		assertThat(redemptions(chosen, set.showcase)).isEqualTo(first);
		// she had a coffee and keeps a discount voucher for the counter
		assertThat(first.get(set.showcase)).containsExactlyInAnyOrder(DemoProgramme.COFFEE + " CONSUMED",
				DemoProgramme.DISCOUNT + " ISSUED");
		// rank 0: a coffee, used; rank 1: a discount, used; rank 2: the tote bag, used;
		// rank 4 wishes for nothing; rank 9 wishes for all three, takes what its points
		// allow, the coffee first, and keeps the vouchers unused
		assertThat(first.get(chosen.get(0))).containsExactly(DemoProgramme.COFFEE + " CONSUMED");
		assertThat(first.get(chosen.get(1))).containsExactly(DemoProgramme.DISCOUNT + " CONSUMED");
		assertThat(first.get(chosen.get(2))).containsExactly(DemoProgramme.TOTE_BAG + " CONSUMED");
		assertThat(first.get(chosen.get(4))).isEmpty();
		assertThat(first.get(chosen.get(9))).contains(DemoProgramme.COFFEE + " ISSUED")
			.allSatisfy((r) -> assertThat(r).endsWith(" ISSUED"));
		// the programme's figures of this month count the points redeemed
		YearMonth now = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		assertThat(this.figures.monthly(DemoProgramme.CODE, now, now)).singleElement()
			.satisfies((m) -> assertThat(m.pointsRedeemed()).isGreaterThanOrEqualTo(150 + 1_000 + 600 + 150 + 1_000));
	}

	@Test
	void membersOfTwoYearsAreOnTheListOfPointsAboutToExpireWithThePointsOfTheirEarlierPurchase() {
		DemoSetUp set = demoSetUp();
		List<UUID> chosen = set.demo.chooseMembers(set.showcase);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(chosen).allSatisfy((c) -> assertThat(points(c)).isPositive()));
		Instant now = this.clock.instant();

		// ranks 4, 10, 16 and 22 of the 24 bought 707 to 722 days ago (a redemption may
		// have spent some of those points since: the oldest go first)
		List<ExpiringPoints> expiring = this.loyalty.pointsExpiring(DemoProgramme.CODE, 30, 1_000);
		assertThat(expiring).isNotEmpty().hasSizeLessThanOrEqualTo(4).allSatisfy((e) -> {
			assertThat(e.firstAt()).isBetween(now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(25)));
			assertThat(e.points()).isBetween(1L, 240L * 3 / 2);
			assertThat(this.loyalty.member(e.accountId()).enrolledAt()).isBefore(now.minus(Duration.ofDays(700)));
		});
		assertThat(expiring).extracting(ExpiringPoints::customerId).doesNotContain(set.showcase);
		assertThat(this.loyalty.pointsExpiring(DemoProgramme.CODE, 5, 1_000)).isEmpty();
	}

	@Test
	void theRewardsAMemberWishesForFollowTheirRank() {
		assertThat(DemoProgramme.wishes(0)).containsExactly(DemoProgramme.COFFEE);
		assertThat(DemoProgramme.wishes(9)).containsExactly(DemoProgramme.COFFEE, DemoProgramme.DISCOUNT,
				DemoProgramme.TOTE_BAG);
		assertThat(DemoProgramme.wishes(2)).containsExactly(DemoProgramme.TOTE_BAG);
		assertThat(DemoProgramme.wishes(4)).isEmpty();
	}

	/** Each customer's redemptions in the club as "reward STATUS". */
	private Map<UUID, List<String>> redemptions(List<UUID> chosen, UUID maria) {
		Map<UUID, List<String>> all = new LinkedHashMap<>();
		for (UUID c : chosen) {
			all.put(c,
					this.rewards.redemptionsOf(club(c).get(0).accountId())
						.stream()
						.map((r) -> r.rewardName() + " " + r.status())
						.toList());
		}
		all.put(maria,
				this.rewards.redemptionsOf(club(maria).get(0).accountId())
					.stream()
					.map((r) -> r.rewardName() + " " + r.status())
					.toList());
		return all;
	}

	/** The points the customer's redemptions in the club took. */
	private long redeemed(UUID customer) {
		return this.rewards.redemptionsOf(club(customer).get(0).accountId())
			.stream()
			.filter((r) -> r.cancelledAt() == null)
			.mapToLong(Redemption::points)
			.sum();
	}

	@Test
	void aFewMembersWereLetDownThisWeekByARefusedCallAndAComplaintStillOpen() {
		DemoSetUp set = demoSetUp();
		List<UUID> chosen = set.demo.chooseMembers(set.showcase);
		Instant weekAgo = this.clock.instant().minus(Duration.ofDays(7));

		List<UUID> letDown = chosen.stream().filter((c) -> {
			List<org.rapport.interaction.InteractionView> items = this.interactions
				.timeline(c, TimelineFilter.all(), 0, 100, null)
				.items()
				.stream()
				.filter((i) -> DemoProgramme.SOURCE.equals(i.sourceSystem()) && i.occurredAt().isAfter(weekAgo))
				.toList();
			boolean refused = items.stream()
				.anyMatch((i) -> i.kind() == InteractionKind.CALL
						&& i.outcome() == org.rapport.interaction.Outcome.REFUSED
						&& "no delivery slot this week".equals(i.outcomeReason()));
			boolean complaint = items.stream()
				.anyMatch((i) -> i.kind() == InteractionKind.SERVICE_REQUEST
						&& i.outcome() == org.rapport.interaction.Outcome.PENDING);
			assertThat(refused).as("a refused call comes with an open complaint").isEqualTo(complaint);
			return refused;
		}).toList();

		// one in forty from the eighth: one of the test's 24 members
		assertThat(letDown).hasSize((MEMBERS - DemoProgramme.UNHAPPY_FROM - 1) / DemoProgramme.UNHAPPY_EVERY + 1);
	}

	record DemoSetUp(DemoProgramme demo, UUID showcase) {
	}

	/**
	 * The showcase customer and {@code MEMBERS + 6} customers who bought in the last
	 * year, then the demo programme set up once for all tests of this class.
	 */
	private DemoSetUp demoSetUp() {
		DemoProgramme demo = new DemoProgramme(this.loyalty, this.rewards, this.customers, this.interactions, null,
				this.clock, this.jdbc, MEMBERS);
		synchronized (DemoProgrammeTest.class) {
			if (this.loyalty.programmes().stream().noneMatch((p) -> p.code().equals(DemoProgramme.CODE))) {
				GenerateCommand.load(this.bulk, GeneratorSettings.of(61_061, 3).withShowcase(),
						new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
				Instant months = this.clock.instant().minus(Duration.ofDays(90));
				for (int i = 0; i < MEMBERS + 6; i++) {
					UUID buyer = this.customers.create(NewCustomer.person("Buyer" + i, "Demo Club")).id();
					// far above what other tests spend, so these are the best customers
					this.interactions.record(new NewInteraction(buyer, null, InteractionKind.PURCHASE, "store", months,
							"pos", null, "demo-club-test-" + buyer, null, null, null, null,
							new BigDecimal(900_000_000 + i), "EUR", null, null, null, null, null, null));
				}
				demo.createProgramme();
				demo.setUpRewards();
				demo.setUpTiers();
			}
		}
		return new DemoSetUp(demo,
				this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE).orElseThrow().id());
	}

	private Map<UUID, List<Long>> balances(List<UUID> chosen, UUID maria) {
		Map<UUID, List<Long>> balances = new LinkedHashMap<>();
		for (UUID c : chosen) {
			List<MemberSummary> club = club(c);
			balances.put(c,
					club.stream()
						.flatMap((m) -> List.of(m.available(), m.pending(), (long) m.cards().size()).stream())
						.toList());
		}
		MemberSummary m = club(maria).get(0);
		balances.put(maria, List.of(m.available(), m.pending(), (long) m.cards().size()));
		return balances;
	}

	/** Available and pending points of the customer in the club. */
	private long points(UUID customer) {
		MemberSummary m = this.loyalty.member(club(customer).get(0).accountId());
		return m.available() + m.pending();
	}

	private long clubPurchases(UUID customer) {
		return this.interactions.timeline(customer, TimelineFilter.all(), 0, 100, null)
			.items()
			.stream()
			.filter((i) -> DemoProgramme.SOURCE.equals(i.sourceSystem()))
			.count();
	}

	private List<MemberSummary> club(UUID customer) {
		return this.loyalty.membershipsOf(customer)
			.stream()
			.filter((m) -> m.programmeCode().equals(DemoProgramme.CODE))
			.toList();
	}

}
