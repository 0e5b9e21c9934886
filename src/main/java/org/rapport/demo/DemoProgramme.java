package org.rapport.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.analytics.Analytics;
import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.interaction.BatchResult;
import org.rapport.interaction.Direction;
import org.rapport.interaction.Outcome;
import org.rapport.interaction.CustomerFigures;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.NewInteraction;
import org.rapport.interaction.TimelineFilter;
import org.rapport.loyalty.CardKind;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.MemberSummary;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.NewReward;
import org.rapport.loyalty.NewRule;
import org.rapport.loyalty.ProgrammeSettings;
import org.rapport.loyalty.Redemption;
import org.rapport.loyalty.Reward;
import org.rapport.loyalty.Rewards;
import org.rapport.loyalty.RuleKind;
import org.rapport.loyalty.RuleParams;
import org.rapport.loyalty.Tier;
import org.rapport.loyalty.TierLadder;
import org.rapport.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In demo mode, after the demo data set is loaded: a loyalty programme ("Rapport Club", 1
 * point per euro, 14 days pending) with the showcase customer enrolled and a welcome
 * bonus on her account; three rewards for the counter screen; its tier ladder (Silver and
 * Gold on the spend of 12 months); {@code rapport.demo.members} more members, the
 * customers with the highest revenue among those who bought in the last year, each with a
 * virtual card, and a few purchases of each recorded through the interactions' front door
 * in the last six weeks, which the programme earns from as in production
 * ({@link ClubSpend}); once the programme has earned from those purchases, a few rewards
 * redeemed and most of their vouchers used ({@link #redeemSome()}), so the programme's
 * figures show a redemption rate; and a first analytics run so the dashboard has
 * something to show. Each step is skipped when its result exists already, so restarts
 * change nothing.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "rapport.demo.enabled", havingValue = "true")
class DemoProgramme implements ApplicationRunner {

	static final String CODE = "rapport-club";

	/** The source system of the members' purchases in the club. */
	static final String SOURCE = "demo-club";

	static final String COFFEE = "Coffee and a pastry";

	static final String DISCOUNT = "10 EUR off your next basket";

	static final String TOTE_BAG = "Rapport Club tote bag";

	/** How long the redemptions wait for the programme to earn from the purchases. */
	private static final Duration EARNING_WAIT = Duration.ofMinutes(3);

	private static final Logger log = LoggerFactory.getLogger(DemoProgramme.class);

	private final Loyalty loyalty;

	private final Rewards rewards;

	private final Customers customers;

	private final Interactions interactions;

	private final Analytics analytics;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final int members;

	DemoProgramme(Loyalty loyalty, Rewards rewards, Customers customers, Interactions interactions, Analytics analytics,
			Clock clock, JdbcClient jdbc, @Value("${rapport.demo.members:200}") int members) {
		this.loyalty = loyalty;
		this.rewards = rewards;
		this.customers = customers;
		this.interactions = interactions;
		this.analytics = analytics;
		this.clock = clock;
		this.jdbc = jdbc;
		this.members = members;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.loyalty.programmes().isEmpty()) {
			createProgramme();
		}
		setUpRewards();
		setUpTiers();
		if (this.analytics.current().isEmpty()) {
			log.info("Demo mode: starting the first analytics run");
			this.analytics.startRun();
		}
		if (redemptionsMade()) {
			return;
		}
		// the programme earns from the members' purchases in the background, as in
		// production; the redemptions wait for it, and the console is usable meanwhile
		Thread redeeming = new Thread(() -> {
			try {
				awaitEarning(EARNING_WAIT);
				redeemSome();
			}
			catch (RuntimeException ex) {
				log.warn("Demo mode: the club's redemptions were not made", ex);
			}
		}, "demo-redemptions");
		redeeming.setDaemon(true);
		redeeming.start();
	}

	/**
	 * Waits until every event recorded so far has been delivered to its listeners (a
	 * delivered publication is deleted from the log), at most {@code atMost}.
	 */
	void awaitEarning(Duration atMost) {
		long until = System.nanoTime() + atMost.toNanos();
		int emptyReads = 0;
		while (emptyReads < 2 && System.nanoTime() < until) {
			long outstanding = this.jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single();
			emptyReads = (outstanding == 0) ? emptyReads + 1 : 0;
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * A few members take rewards with the points they have available, and most of the
	 * vouchers are used, as at a counter: every third member a coffee, every fourth from
	 * the second a discount, every seventh from the third the tote bag, each while the
	 * member's points last ({@link #wishes(int)}); every fifth member keeps their
	 * vouchers unused. The showcase customer, last, has had a coffee and keeps a discount
	 * voucher for the counter screen. Skipped once the showcase customer has a
	 * redemption; the idempotency keys make a run cut short safe to repeat.
	 */
	void redeemSome() {
		if (redemptionsMade()) {
			return;
		}
		Optional<CustomerView> showcase = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE);
		Optional<MemberSummary> maria = showcase.flatMap(this::clubMember);
		Map<String, Reward> offered = new HashMap<>();
		this.rewards.rewards(CODE, false).forEach((r) -> offered.put(r.name(), r));
		List<UUID> chosen = chooseMembers(showcase.get().id());
		int redeemed = 0;
		int used = 0;
		for (int rank = 0; rank < chosen.size(); rank++) {
			Optional<MemberSummary> member = clubMember(chosen.get(rank));
			if (member.isEmpty()) {
				continue;
			}
			int[] done = redeem(member.get(), wishes(rank), offered, rank % 5 != 4);
			redeemed += done[0];
			used += done[1];
		}
		int[] hers = redeem(maria.get(), List.of(COFFEE), offered, true);
		int[] kept = redeem(maria.get(), List.of(DISCOUNT), offered, false);
		log.info("Demo mode: {} rewards redeemed in {}, {} vouchers used", redeemed + hers[0] + kept[0], CODE,
				used + hers[1]);
	}

	/**
	 * Whether there is nothing to redeem: no club or no showcase member, or the showcase
	 * customer, who redeems last, has a redemption.
	 */
	private boolean redemptionsMade() {
		if (this.loyalty.programmes().stream().noneMatch((p) -> p.code().equals(CODE))) {
			return true;
		}
		Optional<MemberSummary> maria = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE)
			.flatMap(this::clubMember);
		return maria.isEmpty() || !this.rewards.redemptionsOf(maria.get().accountId(), 1).isEmpty();
	}

	/** The rewards the member at this rank takes, in order, while the points last. */
	static List<String> wishes(int rank) {
		List<String> wishes = new ArrayList<>();
		if (rank % 3 == 0) {
			wishes.add(COFFEE);
		}
		if (rank % 4 == 1) {
			wishes.add(DISCOUNT);
		}
		if (rank % 7 == 2) {
			wishes.add(TOTE_BAG);
		}
		return wishes;
	}

	/** Redeems each wish the points allow; answers {redeemed, vouchers used}. */
	private int[] redeem(MemberSummary member, List<String> wishes, Map<String, Reward> offered, boolean use) {
		long available = member.available();
		int redeemed = 0;
		int used = 0;
		for (String name : wishes) {
			Reward reward = offered.get(name);
			if (reward == null || reward.costPoints() > available) {
				continue;
			}
			String key = "demo-redeem-" + reward.id() + "-" + member.accountId();
			Redemption redemption = this.rewards.redeemReward(member.accountId(), reward.id(), key);
			available -= reward.costPoints();
			redeemed++;
			// a repeated key answers without the code: that voucher stays as it was
			if (use && redemption.voucherCode() != null) {
				this.rewards.consumeVoucher(redemption.voucherCode(), "demo-use-" + redemption.id());
				used++;
			}
		}
		return new int[] { redeemed, used };
	}

	private Optional<MemberSummary> clubMember(CustomerView customer) {
		return clubMember(customer.id());
	}

	private Optional<MemberSummary> clubMember(UUID customer) {
		return this.loyalty.membershipsOf(customer).stream().filter((m) -> m.programmeCode().equals(CODE)).findFirst();
	}

	/**
	 * The tier ladder, then the members and their purchases, each skipped when done: the
	 * ladder comes first so that a member is upgraded at once when the programme earns
	 * from their purchases (ADR 0013).
	 */
	void setUpTiers() {
		if (this.loyalty.programmes().stream().noneMatch((p) -> p.code().equals(CODE))) {
			return;
		}
		if (!hasLadder()) {
			this.loyalty.applyTierLadder(CODE, ladder(), this.clock.instant());
			log.info("Demo mode: tier ladder Silver ({} EUR) and Gold ({} EUR) on {}", ClubSpend.SILVER, ClubSpend.GOLD,
					CODE);
		}
		Optional<CustomerView> showcase = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE);
		if (showcase.isEmpty() || clubPurchasesRecorded(showcase.get().id())) {
			return;
		}
		long started = System.nanoTime();
		List<UUID> chosen = chooseMembers(showcase.get().id());
		long choseIn = Duration.ofNanos(System.nanoTime() - started).toMillis();
		for (int rank = 0; rank < chosen.size(); rank++) {
			UUID customer = chosen.get(rank);
			if (this.loyalty.membershipsOf(customer).stream().anyMatch((m) -> m.programmeCode().equals(CODE))) {
				continue; // enrolled before a restart, or by staff meanwhile
			}
			// members since a week before their first purchase in the club, so that the
			// programme's figures by month count them when they buy
			Instant since = ClubSpend.memberSince(clubRank(rank), ClubSpend.totalFor(rank), this.clock.instant());
			this.loyalty.enrol(CODE, new Enrolment(customer, null, null, CardKind.VIRTUAL, null, since),
					"demo-enrol-" + customer);
		}
		long enrolledIn = Duration.ofNanos(System.nanoTime() - started).toMillis() - choseIn;
		List<NewInteraction> purchases = new ArrayList<>();
		for (int rank = 0; rank < chosen.size(); rank++) {
			addPurchases(purchases, chosen.get(rank), rank, ClubSpend.totalFor(rank));
			if (rank % UNHAPPY_EVERY == UNHAPPY_FROM) {
				addTrouble(purchases, chosen.get(rank));
			}
		}
		// the showcase's purchases last: they mark the step as done
		addPurchases(purchases, showcase.get().id(), -1, ClubSpend.SHOWCASE);
		BatchResult result = this.interactions.recordBatch(purchases);
		if (result.rejected() > 0) {
			log.warn("Demo mode: {} of the club's interactions were refused: {}", result.rejected(),
					result.items()
						.stream()
						.filter((r) -> r.errors() != null && !r.errors().isEmpty())
						.findFirst()
						.map(Object::toString)
						.orElse(""));
		}
		log.info(
				"Demo mode: {} members enrolled in {} with {} purchases and contacts ({} already there) in {} ms "
						+ "(chosen in {} ms, enrolled in {} ms)",
				chosen.size(), CODE, result.created(), result.duplicates(),
				Duration.ofNanos(System.nanoTime() - started).toMillis(), choseIn, enrolledIn);
	}

	/**
	 * A small catalogue for the counter screen, added once when the club has no reward:
	 * something cheap that most members can take at once, a discount limited to one a
	 * month, and a gift in limited stock.
	 */
	void setUpRewards() {
		if (this.loyalty.programmes().stream().noneMatch((p) -> p.code().equals(CODE))
				|| !this.rewards.rewards(CODE, true).isEmpty()) {
			return;
		}
		for (NewReward reward : catalogue()) {
			this.rewards.createReward(CODE, reward);
		}
		log.info("Demo mode: {} rewards in {}", catalogue().size(), CODE);
	}

	static List<NewReward> catalogue() {
		return List.of(
				new NewReward(COFFEE, "At any Rapport Club café counter.", 150L, null, null, null, null, null, 30,
						true),
				new NewReward(DISCOUNT, "On a basket of 30 EUR or more.", 1_000L, null, null, null, 1,
						Reward.LimitPeriod.MONTH, 60, true),
				new NewReward(TOTE_BAG, "Organic cotton, while stocks last.", 600L, 40, null, null, 1,
						Reward.LimitPeriod.LIFETIME, 90, true));
	}

	static TierLadder ladder() {
		return new TierLadder(TierLadder.Measure.SPEND, TierLadder.Window.ROLLING_12_MONTHS, 1,
				List.of(new Tier("silver", "Silver", ClubSpend.SILVER, new BigDecimal("1.25"), new BigDecimal("5"),
						false, null),
						new Tier("gold", "Gold", ClubSpend.GOLD, new BigDecimal("1.5"), new BigDecimal("10"), true,
								"Birthday bottle")));
	}

	private boolean hasLadder() {
		try {
			this.loyalty.tierLadder(CODE);
			return true;
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			return false;
		}
	}

	private boolean clubPurchasesRecorded(UUID showcase) {
		Instant now = this.clock.instant();
		return this.interactions
			.timeline(showcase,
					new TimelineFilter(Set.of(InteractionKind.PURCHASE), null, now.minus(Duration.ofDays(60)), null), 0,
					50, null)
			.items()
			.stream()
			.anyMatch((i) -> SOURCE.equals(i.sourceSystem()));
	}

	/**
	 * The customers with the highest revenue among those who bought in the last year
	 * (ties by id), without the showcase customer, who is enrolled already.
	 */
	List<UUID> chooseMembers(UUID showcase) {
		return this.interactions.topBuyers(this.clock.instant().minus(Duration.ofDays(365)), this.members + 1)
			.stream()
			.map(CustomerFigures::customerId)
			.filter((id) -> !id.equals(showcase))
			.limit(this.members)
			.toList();
	}

	/**
	 * The rank the club's purchases are drawn for (the showcase, rank -1, has its own).
	 */
	private static int clubRank(int rank) {
		return Math.max(rank, 0) + ((rank < 0) ? 1_000 : 0);
	}

	/**
	 * Every {@value #UNHAPPY_EVERY}th member from the {@value #UNHAPPY_FROM}th was let
	 * down this week: a call refused (the club's apology rule pays for it) and a
	 * complaint still open. Two warning signals make them members at high risk of
	 * leaving, whom the impact preview of a programme change counts and offers a goodwill
	 * bonus (ADR 0083).
	 */
	static final int UNHAPPY_EVERY = 40;

	static final int UNHAPPY_FROM = 7;

	private void addTrouble(List<NewInteraction> into, UUID customer) {
		Instant now = this.clock.instant();
		into.add(new NewInteraction(customer, null, InteractionKind.CALL, "phone", now.minus(Duration.ofDays(3)),
				SOURCE, null, SOURCE + "-" + customer + "-refused", Outcome.REFUSED, "no delivery slot this week",
				Direction.INBOUND, null, null, null, null, null, null, null, null, null));
		into.add(new NewInteraction(customer, null, InteractionKind.SERVICE_REQUEST, "phone",
				now.minus(Duration.ofDays(2)), SOURCE, null, SOURCE + "-" + customer + "-complaint", Outcome.PENDING,
				null, null, null, null, null, null, null, null, null, Map.of("summary", "Order arrived damaged"),
				null));
	}

	private void addPurchases(List<NewInteraction> into, UUID customer, int rank, BigDecimal total) {
		Instant now = this.clock.instant();
		ClubSpend.Purchase earlier = ClubSpend.earlier(rank);
		if (earlier != null) {
			into.add(new NewInteraction(customer, null, InteractionKind.PURCHASE, "store", earlier.at(now, into.size()),
					SOURCE, null, SOURCE + "-" + customer + "-earlier", null, null, null, null, earlier.total(), "EUR",
					"Madrid", null, null, null, null, null));
		}
		List<ClubSpend.Purchase> purchases = ClubSpend.purchases(clubRank(rank), total);
		for (int n = 0; n < purchases.size(); n++) {
			ClubSpend.Purchase p = purchases.get(n);
			into.add(new NewInteraction(customer, null, InteractionKind.PURCHASE, "store", p.at(now, into.size()),
					SOURCE, null, SOURCE + "-" + customer + "-" + n, null, null, null, null, p.total(), "EUR", "Madrid",
					null, null, null, null, null));
		}
	}

	void createProgramme() {
		this.loyalty.createProgramme(new ProgrammeSettings(CODE, "Rapport Club", "EUR", "points",
				new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 24, null, NegativeBalancePolicy.CAP_AT_ZERO, null,
				Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(CODE, null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 point per euro",
				RuleParams.spendRatio(1, "1"), null, null, null));
		// a refused call recorded from now on (the generated history does not earn) is
		// made up for
		this.loyalty.saveRule(CODE, null, new NewRule(RuleKind.EVENT, "base", "Apology for a refused call",
				RuleParams.event("CALL", "REFUSED", 25), null, null, null));
		Optional<CustomerView> showcase = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE);
		if (showcase.isEmpty()) {
			return;
		}
		MemberSummary member = this.loyalty.enrol(CODE,
				new Enrolment(showcase.get().id(), null, null, CardKind.VIRTUAL, null,
						ClubSpend.memberSince(clubRank(-1), ClubSpend.SHOWCASE, this.clock.instant())),
				"demo-enrol-showcase");
		this.loyalty.adjust(member.accountId(), 500, "Welcome bonus", "demo-welcome-showcase");
		log.info("Demo mode: loyalty programme {} with the showcase customer enrolled", CODE);
	}

}
