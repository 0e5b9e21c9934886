package org.rapport.loyalty;

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

}
