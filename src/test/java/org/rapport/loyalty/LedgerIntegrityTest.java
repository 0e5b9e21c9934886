package org.rapport.loyalty;

import java.math.BigDecimal;
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

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.platform.web.ApiException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger on the real database: append-only, and never overspent under concurrency.
 */
@IntegrationTest
class LedgerIntegrityTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Ledger ledger;

	@Autowired
	TransactionTemplate transactions;

	private UUID member(NegativeBalancePolicy policy) {
		LoyaltyProgramme p = this.loyalty
			.createProgramme(new ProgrammeSettings("p-" + LoyaltyFixture.unique(), "Club", "EUR", "points",
					new java.math.BigDecimal("0.01"), 14, ExpiryPolicy.NONE, 0, null, policy, null, Map.of(), null));
		UUID customer = this.customers.create(NewCustomer.person("Iker", "Ledger " + LoyaltyFixture.unique())).id();
		return this.loyalty.enrol(p.code(), new Enrolment(customer, null, null, null, null), null).accountId();
	}

	@Test
	void sixteenThreadsRedeemingFromOneAccountAtOnceNeverOverspendIt() throws Exception {
		UUID account = member(NegativeBalancePolicy.ALLOW);
		this.loyalty.adjust(account, 100, "Opening balance", "open");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String key = "redeem-" + i;
			results.add(pool.submit(() -> {
				start.await();
				try {
					this.loyalty.redeem(account, 10, "Coffee", key);
					return true;
				}
				catch (ApiException ex) {
					return false;
				}
			}));
		}
		start.countDown();
		int succeeded = 0;
		for (Future<Boolean> f : results) {
			succeeded += f.get() ? 1 : 0;
		}
		pool.shutdown();

		assertThat(succeeded).isEqualTo(10);
		assertThat(this.loyalty.member(account).available()).isZero();
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(0, 0));
		assertThat(remainingInLots(account)).isZero();
	}

	@Test
	void movementsCannotBeChangedOrDeleted() {
		UUID account = member(NegativeBalancePolicy.ALLOW);
		this.loyalty.adjust(account, 5, "Gift", "gift");

		assertThatThrownBy(() -> this.jdbc.sql("UPDATE loyalty_movement SET available_delta = 500 WHERE account_id = ?")
			.param(account)
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("DELETE FROM loyalty_movement WHERE account_id = ?").param(account).update())
			.hasMessageContaining("append-only");
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(5, 0));
	}

	@Test
	void expiryTakesTheOldestPointsAndARerunExpiresNothingMore() {
		UUID account = member(NegativeBalancePolicy.ALLOW);
		this.loyalty.adjust(account, 30, "Old gift", "old");
		this.loyalty.adjust(account, 20, "New gift", "new");
		this.jdbc
			.sql("UPDATE loyalty_lot SET earned_at = now() - interval '2 years', expires_at = now() - interval '1 day' "
					+ "WHERE account_id = ? AND points = 30")
			.param(account)
			.update();
		this.loyalty.redeem(account, 10, "Mug", "mug");

		JobRun run = this.loyalty.expirePoints(java.time.Instant.now());
		JobRun again = this.loyalty.expirePoints(java.time.Instant.now());

		assertThat(this.loyalty.member(account).available()).isEqualTo(20);
		assertThat(again.movements()).isZero();
		assertThat(run.points()).isGreaterThanOrEqualTo(20);
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(20, 0));
		assertThat(remainingInLots(account)).isEqualTo(20);
	}

	private long remainingInLots(UUID account) {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lot WHERE account_id = ? AND status = 'AVAILABLE'")
			.param(account)
			.query(Long.class)
			.single();
	}

	@Test
	void aMovementLotOrPurchaseRowForAnAccountThatDoesNotExistIsRefusedAndNothingOfItsWriteStays() {
		UUID real = member(NegativeBalancePolicy.ALLOW);
		UUID unknown = UUID.randomUUID();
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant later = at.plus(14, ChronoUnit.DAYS);
		Ledger.PurchaseRow bought = new Ledger.PurchaseRow(UUID.randomUUID(), new BigDecimal("10.00"), 10, at, true);
		// a movement alone has no per-row key check (ADR 0017): the writer's own check
		// refuses it, as it refuses a lot opened on its own
		List<Runnable> checkedByTheWriter = List.of(
				() -> this.ledger.append(new Ledger.Entry(unknown, MovementKind.ADJUST, 10, 0, "Goodwill", "STAFF", "x",
						"adjust:" + UUID.randomUUID(), at, null, null)),
				() -> this.ledger.openLot(unknown, false, 10, at, at, null));
		for (Runnable write : checkedByTheWriter) {
			assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> write.run()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("No balance row");
		}
		// a lot or purchase row with its movement: refused whole (the lot's and purchase
		// row's key to the account, ADR 0065), also a group whose first purchase is a
		// real member's
		List<Runnable> refusedWhole = List
			.of(() -> this.ledger.appendWithLot(new Ledger.Entry(unknown, MovementKind.PENDING, 0, 10, "Purchase",
					"INTERACTION", "x", "purchase:" + UUID.randomUUID(), at, null, null), later, null, bought),
					() -> this.ledger.recordPurchase(unknown, bought),
					() -> this.ledger
						.appendAll(List.of(
								new Ledger.Earned(real, MovementKind.PENDING, 10, "Purchase", "x",
										"purchase:" + UUID.randomUUID(), at, later, null, null,
										new Ledger.PurchaseRow(UUID.randomUUID(), new BigDecimal("10.00"), 10, at,
												true)),
								new Ledger.Earned(unknown, MovementKind.PENDING, 10, "Purchase", "x",
										"purchase:" + UUID.randomUUID(), at, later, null, null, bought))));
		for (Runnable write : refusedWhole) {
			assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> write.run()))
				.isInstanceOf(RuntimeException.class);
		}
		for (UUID account : List.of(real, unknown)) {
			assertThat(count("loyalty_lot", account)).isZero();
			assertThat(count("loyalty_purchase", account)).isZero();
			assertThat(count("loyalty_movement", account)).isZero();
		}
		assertThat(this.ledger.balance(real)).isEqualTo(new Balance(0, 0));
	}

	private long count(String table, UUID account) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ?")
			.param(account)
			.query(Long.class)
			.single();
	}

}
