package org.rapport.loyalty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;
import org.rapport.interaction.InteractionRecorded.LineSummary;
import org.rapport.interaction.InteractionsRecorded;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery of recorded interactions reads its programme and rules at most once (ADR
 * 0022), and not at all while the programme's revision has not moved (ADR 0033): every
 * rule still applies to every purchase, member state changed by an earlier purchase of
 * the same delivery is seen by the next, a rule, ladder or programme change made between
 * two deliveries applies from the next one, a change rolled back never does, a purchase
 * delivered again earns once (also while its first delivery holds the member's lock), and
 * a member purchase costs two statements.
 */
@IntegrationTest
class DeliveryEarningTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	InteractionListener listener;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	private final Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

	@Test
	void everyRuleAppliesToEachPurchaseOfADeliveryAndARuleSavedInBetweenAppliesFromTheNextDelivery() {
		String code = programme();
		this.loyalty.saveRule(code, null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Shoes x2",
				RuleParams.multiplier("shoes", "2"), null, null, null));
		this.loyalty.saveRule(code, null,
				new NewRule(RuleKind.FIRST_PURCHASE, "base", "Welcome", RuleParams.points(5), null, null, null));
		this.loyalty.saveRule(code, null, new NewRule(RuleKind.CAP, "base", "100 a day",
				RuleParams.cap(RuleParams.CapPeriod.DAY, 100), null, null, null));
		Member ana = member(code);
		Member ben = member(code);
		Member cy = member(code);

		deliver(List.of(purchase(ana, "shoes", 30), purchase(ana, "food", 10), purchase(ben, "food", 30),
				purchase(cy, "shoes", 80)));

		// ana: 30 + 30 (shoes x2) + 5 (first purchase), then 10 (no second welcome)
		assertThat(pending(ana)).isEqualTo(75);
		assertThat(pending(ben)).isEqualTo(35);
		// cy: 80 + 80 + 5 capped at 100 a day
		assertThat(pending(cy)).isEqualTo(100);

		this.loyalty.saveRule(code, null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Food x3",
				RuleParams.multiplier("food", "3"), null, null, null));
		deliver(List.of(purchase(ana, "shoes", 10), purchase(ben, "food", 10), purchase(cy, "food", 10)));

		assertThat(pending(ana)).isEqualTo(95);
		assertThat(pending(ben)).isEqualTo(65);
		assertThat(pending(cy)).isEqualTo(100);
		for (Member m : List.of(ana, ben, cy)) {
			assertThat(this.loyalty.sumOfLedger(m.account())).isEqualTo(new Balance(0, pending(m)));
		}
	}

	@Test
	void aDeliveryAfterTheFirstReadsNoProgrammeOrRulesAndTakesThreeStatementsWhateverItsSize() {
		String code = programme();
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			members.add(member(code));
		}
		deliver(members.stream().map((m) -> purchase(m, "food", 20)).toList());
		List<InteractionRecorded> second = members.stream().map((m) -> purchase(m, "food", 20)).toList();

		List<String> statements = deliver(second);
		List<String> single = deliver(List.of(purchase(members.get(0), "food", 20)));
		System.out.printf("Statements for a delivery of %d member purchases: %d, of one: %d%n", second.size(),
				statements.size(), single.size());

		assertThat(members.subList(1, members.size())).allSatisfy((m) -> assertThat(pending(m)).isEqualTo(40));
		assertThat(pending(members.get(0))).isEqualTo(60);
		assertThat(statements).noneMatch((s) -> s.contains("FROM loyalty_rule") || s.contains("FROM loyalty_tier "));
		// per delivery, whatever its size (ADR 0038): the members; the locks with every
		// purchase's state and the revision; the lots, movements, purchase rows and
		// balances
		assertThat(statements).hasSize(3);
		assertThat(single).hasSize(3);
	}

	@Test
	void aKeptRuleSetSeesARuleChangeMadeAfterItWasKept() {
		String code = programme();
		Member ana = member(code);
		deliver(List.of(purchase(ana, "food", 10)));
		assertThat(pending(ana)).isEqualTo(10);

		EarnRule food = this.loyalty.saveRule(code, null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Food x3",
				RuleParams.multiplier("food", "3"), null, null, null));
		List<String> statements = deliver(List.of(purchase(ana, "food", 10)));
		assertThat(pending(ana)).isEqualTo(40);
		assertThat(statements).filteredOn((s) -> s.contains("FROM loyalty_rule")).hasSize(1);

		this.loyalty.saveRule(code, food.id(), new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Food x2",
				RuleParams.multiplier("food", "2"), null, null, null));
		deliver(List.of(purchase(ana, "food", 10)));
		assertThat(pending(ana)).isEqualTo(60);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 60));
	}

	@Test
	void everyChangeToAProgrammeItsRulesOrItsLadderGivesItANewRevision() {
		String code = programme();
		Member ana = member(code);
		deliver(List.of(purchase(ana, "food", 10)));
		UUID id = this.loyalty.programme(code).id();
		long created = revision(id);

		this.jdbc
			.sql("INSERT INTO loyalty_tier_ladder (programme_id, measure, qualification_window, grace_months, "
					+ "updated_at) VALUES (?, 'POINTS_EARNED', 'ROLLING_12_MONTHS', 0, now())")
			.param(id)
			.update();
		long ladder = revision(id);
		this.jdbc
			.sql("INSERT INTO loyalty_tier (programme_id, code, rank, name, threshold) "
					+ "VALUES (?, 'gold', 1, 'Gold', 100000)")
			.param(id)
			.update();
		long tier = revision(id);
		this.jdbc.sql("UPDATE loyalty_tier SET earn_multiplier = 2 WHERE programme_id = ?").param(id).update();
		long multiplier = revision(id);
		this.jdbc.sql("UPDATE loyalty_programme SET name = 'Club 2' WHERE id = ?").param(id).update();
		long renamed = revision(id);

		assertThat(List.of(created, ladder, tier, multiplier, renamed)).doesNotHaveDuplicates().isSorted();
		List<String> statements = deliver(List.of(purchase(ana, "food", 10)));
		assertThat(statements).filteredOn((s) -> s.contains("FROM loyalty_rule")).hasSize(1);
		assertThat(pending(ana)).isEqualTo(20);
	}

	private long revision(UUID programmeId) {
		return this.jdbc.sql("SELECT revision FROM loyalty_programme WHERE id = ?")
			.param(programmeId)
			.query(Long.class)
			.single();
	}

	@Test
	void aRuleChangeRolledBackIsNeverEarnedWithAfterwards() {
		String code = programme();
		Member ana = member(code);
		deliver(List.of(purchase(ana, "food", 10)));

		this.transactions.executeWithoutResult((status) -> {
			this.loyalty.saveRule(code, null, new NewRule(RuleKind.PRODUCT_MULTIPLIER, "base", "Food x5",
					RuleParams.multiplier("food", "5"), null, null, null));
			InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
			target.on(new InteractionsRecorded(List.of(purchase(ana, "food", 10))));
			assertThat(pending(ana)).isEqualTo(60);
			status.setRollbackOnly();
		});
		deliver(List.of(purchase(ana, "food", 10)));

		assertThat(pending(ana)).isEqualTo(20);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 20));
	}

	@Test
	void aRedeliveredPurchaseEarnsOnce() {
		String code = programme();
		Member ana = member(code);
		InteractionRecorded bought = purchase(ana, "food", 25);
		deliver(List.of(bought));
		deliver(List.of(bought, purchase(ana, "food", 5)));

		assertThat(pending(ana)).isEqualTo(30);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 30));
	}

	@Test
	void aPurchaseDeliveredAgainWhileItsFirstDeliveryHoldsTheLockEarnsOnce() throws Exception {
		String code = programme();
		Member ana = member(code);
		deliver(List.of(purchase(ana, "food", 1)));
		InteractionRecorded bought = purchase(ana, "food", 25);

		List<String> second = whileHeld(List.of(bought), ana, List.of(bought));

		assertThat(second).filteredOn((s) -> s.contains("FROM loyalty_movement m")).hasSize(2);
		assertThat(pending(ana)).isEqualTo(26);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 26));
	}

	@Test
	void twoFirstPurchasesDeliveredAtOnceEarnTheWelcomeBonusOnce() throws Exception {
		String code = programme();
		this.loyalty.saveRule(code, null,
				new NewRule(RuleKind.FIRST_PURCHASE, "base", "Welcome", RuleParams.points(50), null, null, null));
		Member ana = member(code);

		whileHeld(List.of(purchase(ana, "food", 10)), ana, List.of(purchase(ana, "food", 20)));

		assertThat(pending(ana)).isEqualTo(80);
		assertThat(this.loyalty.sumOfLedger(ana.account())).isEqualTo(new Balance(0, 80));
	}

	/**
	 * Delivers the first interactions in a transaction left open while the second ones
	 * are delivered in another, which waits for the member's balance lock; then commits
	 * the first and answers the statements of the second, once it committed.
	 */
	private List<String> whileHeld(List<InteractionRecorded> first, Member member, List<InteractionRecorded> then)
			throws Exception {
		InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
		CountDownLatch delivered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> holder = threads.submit(() -> this.transactions.executeWithoutResult((status) -> {
				target.on(new InteractionsRecorded(first));
				delivered.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
			Future<List<String>> waiting = threads.submit(() -> deliver(then));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
							+ "AND query LIKE '%FROM loyalty_movement m%'")
					.query(Long.class)
					.single() > 0);
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
			return waiting.get(30, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
	}

	@Test
	void sixHundredSingleDeliveriesOfMemberPurchasesEachEarnOnceAndKeepBalancesEqualToTheLedger() throws Exception {
		String code = programme();
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			members.add(member(code));
		}
		// a first purchase each, then as many deliveries as are measured, to warm the
		// code
		for (int round = 0; round < 4; round++) {
			for (Member m : members) {
				deliverAsTheListener(purchase(m, "food", (round == 0) ? 1 : 10));
			}
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long pgBefore = postgresCpu();
		long cpuBefore = threads.getCurrentThreadCpuTime();
		long started = System.nanoTime();
		for (int round = 0; round < 3; round++) {
			for (Member m : members) {
				deliverAsTheListener(purchase(m, "food", 10));
			}
		}
		long wall = System.nanoTime() - started;
		long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
		long pg = postgresCpu() - pgBefore;
		System.out.printf(
				"600 single deliveries of member purchases: %.3f ms wall, %.3f ms JVM CPU (delivering "
						+ "thread), %.3f ms PostgreSQL CPU per delivery%n",
				wall / 600 / 1e6, cpu / 600 / 1e6, pg / 600 / 1e6);

		for (Member m : members) {
			assertThat(pending(m)).isEqualTo(61);
			assertThat(this.loyalty.sumOfLedger(m.account())).isEqualTo(new Balance(0, 61));
		}
	}

	/**
	 * What a member purchase costs when the purchases are earned in groups (ADR 0038):
	 * 480 purchases of 240 members in groups of 1, 4 and 16, each group delivered in a
	 * transaction of its own as the listener's combiner earns them, after as many to warm
	 * the code; prints the delivering thread's CPU and the test database's PostgreSQL CPU
	 * per purchase, and the same for groups of 16 without the foreign keys of lots and
	 * purchase rows to the account (the audit of ADR 0038). Every balance stays the sum
	 * of its ledger.
	 */
	@Test
	void purchasesEarnedInGroupsEachEarnOnceAndKeepBalancesEqualToTheLedger() throws Exception {
		String code = programme();
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < 240; i++) {
			members.add(member(code));
		}
		InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int rounds = 0;
		for (int size : new int[] { 1, 4, 16, 16, 1 }) {
			boolean withoutKeys = rounds == 3;
			if (withoutKeys) {
				this.jdbc.sql("ALTER TABLE loyalty_lot DROP CONSTRAINT loyalty_lot_account_id_fkey").update();
				this.jdbc.sql("ALTER TABLE loyalty_purchase DROP CONSTRAINT loyalty_purchase_account_id_fkey").update();
			}
			try {
				long cpu = 0;
				long pg = 0;
				for (int pass = 0; pass < 2; pass++) {
					List<InteractionRecorded> all = new ArrayList<>();
					for (int twice = 0; twice < 2; twice++) {
						for (Member m : members) {
							all.add(purchase(m, "food", 10));
						}
					}
					long pgBefore = postgresCpu();
					long cpuBefore = threads.getCurrentThreadCpuTime();
					for (int from = 0; from < all.size(); from += size) {
						List<InteractionRecorded> group = all.subList(from, from + size);
						// no transaction around it: the combiner earns the group in its
						// own, on
						// kept plans, as it does in production (ADR 0056, 0064)
						target.on(new InteractionsRecorded(group));
					}
					// the first pass warms the code
					cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
					pg = postgresCpu() - pgBefore;
				}
				System.out.printf(
						"480 purchases in groups of %d%s: %.3f ms JVM CPU (delivering thread), %.3f ms PostgreSQL "
								+ "CPU per purchase%n",
						size, withoutKeys ? " without the foreign keys of lots and purchase rows to the account" : "",
						cpu / 480 / 1e6, pg / 480 / 1e6);
			}
			finally {
				if (withoutKeys) {
					this.jdbc.sql(
							"ALTER TABLE loyalty_lot ADD CONSTRAINT loyalty_lot_account_id_fkey FOREIGN KEY (account_id) "
									+ "REFERENCES loyalty_account (id)")
						.update();
					this.jdbc
						.sql("ALTER TABLE loyalty_purchase ADD CONSTRAINT loyalty_purchase_account_id_fkey "
								+ "FOREIGN KEY (account_id) REFERENCES loyalty_account (id)")
						.update();
				}
			}
			rounds++;
		}
		for (Member m : members) {
			assertThat(pending(m)).isEqualTo(40L * rounds);
			assertThat(this.loyalty.sumOfLedger(m.account())).isEqualTo(new Balance(0, pending(m)));
		}
	}

	/**
	 * One delivery of one interaction in its own transaction, as the listener gets it.
	 */
	private void deliverAsTheListener(InteractionRecorded interaction) {
		InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
		this.transactions.executeWithoutResult((status) -> target.on(new InteractionsRecorded(List.of(interaction))));
	}

	/** The CPU time of the test database's server processes, nanoseconds. */
	private long postgresCpu() throws Exception {
		Path dir = Path.of(this.jdbc.sql("SHOW data_directory").query(String.class).single());
		long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
		return ProcessHandle.of(pid)
			.map((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
				.mapToLong((p) -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
				.sum())
			.orElse(0L);
	}

	private record Member(UUID customer, UUID account) {
	}

	private String programme() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("de-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		return p.code();
	}

	private Member member(String code) {
		UUID customer = this.customers.create(NewCustomer.person("Dee", "Delivery " + LoyaltyFixture.unique())).id();
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

	/**
	 * Delivers the interactions as the listener gets them (one event, one transaction)
	 * and answers the SQL statements the transaction sent, up to its commit.
	 */
	private List<String> deliver(List<InteractionRecorded> interactions) {
		InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
		List<String> statements = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(this.dataSource);
			Connection real = holder.getConnection();
			Connection counting = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
							statements.add((args != null && args.length > 0) ? String.valueOf(args[0]) : "");
						}
						try {
							return method.invoke(real, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
			TransactionSynchronizationManager.unbindResource(this.dataSource);
			TransactionSynchronizationManager.bindResource(this.dataSource, new ConnectionHolder(counting, true));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCompletion() {
					TransactionSynchronizationManager.unbindResource(DeliveryEarningTest.this.dataSource);
					TransactionSynchronizationManager.bindResource(DeliveryEarningTest.this.dataSource, holder);
				}
			});
			target.on(new InteractionsRecorded(interactions));
		});
		return statements;
	}

}
