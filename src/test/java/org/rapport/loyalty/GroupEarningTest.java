package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;
import org.rapport.interaction.InteractionRecorded.LineSummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries that arrive while another is being earned are earned together, in one
 * transaction with a fixed number of statements (ADR 0038), and each member ends up
 * exactly as if the purchases had been earned one by one: several purchases of one member
 * in one group carry the member's state from one to the next (one welcome bonus), a
 * purchase delivered twice earns once, and a delivery that cannot be earned fails alone
 * while the others of its group are earned. Each on the set-based path (ADR 0038) and on
 * the purchase-by-purchase path of small groups.
 */
@IntegrationTest
class GroupEarningTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	EarningCombiner combiner;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private final Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

	private final ExecutorService pool = Executors.newFixedThreadPool(6);

	@Autowired
	PurchaseEarning earning;

	private PurchaseEarning earning() {
		return AopTestUtils.getUltimateTargetObject(this.earning);
	}

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
		earning().setBasedFrom(PurchaseEarning.SET_BASED_FROM);
	}

	@ParameterizedTest(name = "set-based from {0} purchases")
	@ValueSource(ints = { 1, PurchaseEarning.SET_BASED_FROM })
	void deliveriesQueuedBehindAnEarningAreEarnedInOneTransactionAndEachMemberAsIfOneByOne(int setBasedFrom)
			throws Exception {
		earning().setBasedFrom(setBasedFrom);
		String code = programme();
		Member ana = member(code);
		Member ben = member(code);
		Member cy = member(code);
		// ana: two purchases in one delivery and one in another; ben and cy one each
		List<List<InteractionRecorded>> deliveries = List.of(
				List.of(purchase(ana, "food", 10), purchase(ana, "shoes", 20)),
				List.of(purchase(ben, "food", 30), purchase(ana, "food", 5)), List.of(purchase(cy, "shoes", 7)));

		List<Future<?>> answers = queuedBehindAnEarning(code, deliveries);
		for (Future<?> answer : answers) {
			answer.get(30, TimeUnit.SECONDS);
		}

		// 1 point per euro, shoes x2, a welcome bonus of 5 on each member's first
		// purchase
		assertThat(pending(ana)).isEqualTo(10 + 5 + 40 + 5);
		assertThat(pending(ben)).isEqualTo(30 + 5);
		assertThat(pending(cy)).isEqualTo(14 + 5);
		for (Member m : List.of(ana, ben, cy)) {
			assertThat(this.loyalty.sumOfLedger(m.account())).isEqualTo(new Balance(0, pending(m)));
		}
		assertThat(count("loyalty_movement", ana, ben, cy)).isEqualTo(5);
		assertThat(count("loyalty_purchase", ana, ben, cy)).isEqualTo(5);
		assertThat(this.jdbc
			.sql("SELECT count(DISTINCT xmin::text) FROM loyalty_movement WHERE account_id = ANY(CAST(? AS uuid[]))")
			.param(accounts(ana, ben, cy))
			.query(Long.class)
			.single()).as("written by one transaction").isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT first_purchase_at FROM loyalty_account WHERE id = ?")
			.param(ana.account())
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(this.at);
	}

	@ParameterizedTest(name = "set-based from {0} purchases")
	@ValueSource(ints = { 1, PurchaseEarning.SET_BASED_FROM })
	void aPurchaseDeliveredTwiceInOneGroupAndAgainLaterEarnsOnce(int setBasedFrom) throws Exception {
		earning().setBasedFrom(setBasedFrom);
		String code = programme();
		Member ana = member(code);
		Member ben = member(code);
		InteractionRecorded bought = purchase(ana, "food", 25);
		List<InteractionRecorded> delivery = List.of(bought, purchase(ben, "food", 3));

		List<Future<?>> answers = queuedBehindAnEarning(code, List.of(delivery, List.of(bought), delivery));
		for (Future<?> answer : answers) {
			answer.get(30, TimeUnit.SECONDS);
		}
		this.combiner.earn(delivery);

		assertThat(pending(ana)).isEqualTo(25 + 5);
		assertThat(pending(ben)).isEqualTo(3 + 5);
		assertThat(count("loyalty_movement", ana, ben)).isEqualTo(2);
		assertThat(count("loyalty_purchase", ana, ben)).isEqualTo(2);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 30));
	}

	@ParameterizedTest(name = "set-based from {0} purchases")
	@ValueSource(ints = { 1, PurchaseEarning.SET_BASED_FROM })
	void aDeliveryThatCannotBeEarnedFailsAloneAndTheOthersOfItsGroupAreEarned(int setBasedFrom) throws Exception {
		earning().setBasedFrom(setBasedFrom);
		String code = programme();
		Member ana = member(code);
		Member ben = member(code);
		Member cy = member(code);
		// a total beyond what a purchase row holds (numeric(14, 2)) makes the write fail
		InteractionRecorded poisoned = purchase(cy, "food", 1);
		poisoned = new InteractionRecorded(poisoned.interactionId(), cy.customer(), InteractionKind.PURCHASE, "STORE",
				this.at, new BigDecimal("10000000000000"), "EUR", null, List.of(), null);
		List<InteractionRecorded> bad = List.of(purchase(ben, "food", 9), poisoned);

		List<Future<?>> answers = queuedBehindAnEarning(code,
				List.of(List.of(purchase(ana, "food", 10)), bad, List.of(purchase(ana, "food", 20))));

		answers.get(0).get(30, TimeUnit.SECONDS);
		answers.get(2).get(30, TimeUnit.SECONDS);
		assertThatThrownBy(() -> answers.get(1).get(30, TimeUnit.SECONDS)).isNotNull();
		assertThat(pending(ana)).isEqualTo(10 + 5 + 20);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 35));
		// the failed delivery is all or nothing: ben's purchase in it earned nothing yet
		assertThat(pending(ben)).isZero();
		assertThat(pending(cy)).isZero();
		assertThat(count("loyalty_purchase", ben, cy)).isZero();
	}

	/**
	 * Starts a delivery that waits for a member's balance lock held here, queues the
	 * deliveries behind it from threads of their own (as concurrent listener calls), lets
	 * the first go once all are queued, and answers the queued deliveries' futures.
	 */
	private List<Future<?>> queuedBehindAnEarning(String code, List<List<InteractionRecorded>> deliveries)
			throws Exception {
		Member blocker = member(code);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = this.pool.submit(() -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("SELECT 1 FROM loyalty_balance WHERE account_id = ? FOR UPDATE")
				.param(blocker.account())
				.query(Integer.class)
				.single();
			locked.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
		try {
			Future<?> first = this.pool.submit(() -> this.combiner.earn(List.of(purchase(blocker, "food", 1))));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
							+ "AND query LIKE '%FROM loyalty_movement m%'")
					.query(Long.class)
					.single() > 0);
			List<Future<?>> answers = new ArrayList<>();
			for (List<InteractionRecorded> delivery : deliveries) {
				answers.add(this.pool.submit(() -> this.combiner.earn(delivery)));
				int queued = answers.size();
				await().atMost(Duration.ofSeconds(30)).until(() -> this.combiner.queued() == queued);
			}
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
			first.get(30, TimeUnit.SECONDS);
			return answers;
		}
		finally {
			release.countDown();
		}
	}

	private long count(String table, Member... members) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ANY(CAST(? AS uuid[]))")
			.param(accounts(members))
			.query(Long.class)
			.single();
	}

	private static UUID[] accounts(Member... members) {
		return java.util.Arrays.stream(members).map(Member::account).toArray(UUID[]::new);
	}

	private record Member(UUID customer, UUID account) {
	}

	private String programme() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("ge-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		this.loyalty.saveRule(p.code(), null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Shoes x2",
				RuleParams.multiplier("shoes", "2"), null, null, null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.FIRST_PURCHASE, "base", "Welcome", RuleParams.points(5), null, null, null));
		return p.code();
	}

	private Member member(String code) {
		UUID customer = this.customers.create(NewCustomer.person("Gil", "Group " + LoyaltyFixture.unique())).id();
		return new Member(customer,
				this.loyalty.enrol(code, new Enrolment(customer, null, null, null, null), null).accountId());
	}

	private InteractionRecorded purchase(Member m, String category, int euros) {
		BigDecimal total = BigDecimal.valueOf(euros);
		return new InteractionRecorded(UUID.randomUUID(), m.customer(), InteractionKind.PURCHASE, "STORE", this.at,
				total, "EUR", null, List.of(new LineSummary("sku-" + category, category, BigDecimal.ONE, total)), null);
	}

	private long pending(Member m) {
		return this.loyalty.member(m.account()).pending();
	}

}
