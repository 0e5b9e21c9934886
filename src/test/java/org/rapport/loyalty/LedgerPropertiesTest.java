package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.rapport.Rapport;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.platform.web.ApiException;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of purchases, returns, redemptions, adjustments, expiries, payments
 * with points and their cancellation, and replays against the real ledger on the real
 * database: after every step the balance equals the sum of the ledger, available lots
 * hold exactly the non-negative available balance and pending lots the pending balance
 * (what the ledger audit checks, ADR 0085), the balance is below zero only under the
 * ALLOW policy, no return reverses more than its purchase earned, spending takes the
 * oldest lots first, expired lots keep nothing, and a replayed idempotency key changes
 * nothing.
 */
class LedgerPropertiesTest {

	private static ConfigurableApplicationContext context;

	static synchronized ConfigurableApplicationContext context() {
		if (context == null) {
			context = new SpringApplicationBuilder(Rapport.class).run("--server.port=0");
		}
		return context;
	}

	@AfterContainer
	static void close() {
		if (context != null) {
			context.close();
			context = null;
		}
	}

	sealed interface Op permits Purchase, Return, Redeem, Adjust, Expire, Replay, Pay, Cancel {

	}

	record Purchase(int cents) implements Op {
	}

	record Return(int purchase, int percent) implements Op {
	}

	record Redeem(int points) implements Op {
	}

	record Adjust(int points) implements Op {
	}

	record Expire(int oldestLots) implements Op {
	}

	record Replay(int step) implements Op {
	}

	/** Points paying part of a purchase: a redemption with a voucher. */
	record Pay(int points) implements Op {
	}

	/** Cancels one of the redemptions made so far. */
	record Cancel(int redemption) implements Op {
	}

	@Provide
	Arbitrary<List<Op>> operations() {
		Arbitrary<Op> op = Arbitraries.oneOf(Arbitraries.integers().between(100, 50_000).map(Purchase::new),
				Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(1, 100))
					.as(Return::new),
				Arbitraries.integers().between(1, 120).map(Redeem::new),
				Arbitraries.integers().between(-60, 80).filter((p) -> p != 0).map(Adjust::new),
				Arbitraries.integers().between(1, 3).map(Expire::new),
				Arbitraries.integers().between(0, 20).map(Replay::new),
				Arbitraries.integers().between(1, 120).map(Pay::new),
				Arbitraries.integers().between(0, 9).map(Cancel::new));
		return op.list().ofMinSize(1).ofMaxSize(25);
	}

	@Property(tries = 30)
	void theLedgerKeepsItsInvariantsUnderAnySequence(@ForAll("operations") List<Op> ops,
			@ForAll NegativeBalancePolicy policy) {
		ConfigurableApplicationContext ctx = context();
		Loyalty loyalty = ctx.getBean(Loyalty.class);
		PurchaseEarning earning = ctx.getBean(PurchaseEarning.class);
		AccountStore accounts = ctx.getBean(AccountStore.class);
		JdbcClient jdbc = ctx.getBean(JdbcClient.class);
		TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
		LoyaltyProgramme p = loyalty.createProgramme(new ProgrammeSettings("prop-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.ROLLING, 12, null, policy, null,
				Map.of("base", Combination.STACK), null));
		loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		UUID customer = ctx.getBean(Customers.class)
			.create(NewCustomer.person("Prop", "Erty " + LoyaltyFixture.unique()))
			.id();
		UUID account = loyalty.enrol(p.code(), new Enrolment(customer, null, null, null, null), null).accountId();
		List<UUID> purchases = new ArrayList<>();
		List<UUID> redemptions = new ArrayList<>();
		List<Runnable> done = new ArrayList<>();
		for (int i = 0; i < ops.size(); i++) {
			String key = "op-" + i;
			Runnable step = (ops.get(i) instanceof Pay || ops.get(i) instanceof Cancel)
					? redemptionStep(ops.get(i), key, redemptions, ctx.getBean(Rewards.class), account)
					: step(ops.get(i), key, purchases, done, loyalty, earning, accounts, jdbc, tx, account);
			long before = loyalty.ledger(account, 0, 1).total();
			step.run();
			boolean wrote = loyalty.ledger(account, 0, 1).total() > before;
			if (wrote && !(ops.get(i) instanceof Expire) && !(ops.get(i) instanceof Replay)) {
				// a refused request leaves no trace, so only done operations are replayed
				done.add(step);
			}
			check(loyalty, jdbc, account, policy);
		}
	}

	private static Runnable step(Op op, String key, List<UUID> purchases, List<Runnable> done, Loyalty loyalty,
			PurchaseEarning earning, AccountStore accounts, JdbcClient jdbc, TransactionTemplate tx, UUID account) {
		if (op instanceof Purchase buy) {
			UUID id = UUID.randomUUID();
			purchases.add(id);
			Basket basket = new Basket("PURCHASE", Instant.now(), "EUR", BigDecimal.valueOf(buy.cents(), 2), List.of());
			return () -> tx.executeWithoutResult((s) -> earning.earn(accounts.byId(account).orElseThrow(), id, basket));
		}
		if (op instanceof Return ret) {
			if (purchases.isEmpty()) {
				return () -> {
				};
			}
			UUID purchase = purchases.get(ret.purchase() % purchases.size());
			UUID returnId = UUID.randomUUID();
			return () -> tx.executeWithoutResult((s) -> {
				for (AccountStore.Purchase known : accounts.purchases(purchase)) {
					BigDecimal amount = known.total()
						.multiply(BigDecimal.valueOf(ret.percent()))
						.divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN);
					earning.reverse(known, returnId, amount, Instant.now());
				}
			});
		}
		if (op instanceof Redeem r) {
			return () -> refusedOrDone(() -> loyalty.redeem(account, r.points(), "Reward", key));
		}
		if (op instanceof Adjust a) {
			return () -> refusedOrDone(() -> loyalty.adjust(account, a.points(), "Correction", key));
		}
		if (op instanceof Expire e) {
			return () -> expireOldest(jdbc, loyalty, account, e.oldestLots());
		}
		Replay rp = (Replay) op;
		return done.isEmpty() ? () -> {
		} : replay(loyalty, account, done.get(rp.step() % done.size()));
	}

	private static Runnable redemptionStep(Op op, String key, List<UUID> redemptions, Rewards rewards, UUID account) {
		if (op instanceof Pay pay) {
			return () -> refusedOrDone(
					() -> redemptions.add(rewards.payWithPoints(account, pay.points(), "Till", key).id()));
		}
		Cancel cancel = (Cancel) op;
		if (redemptions.isEmpty()) {
			return () -> {
			};
		}
		// the redemption is chosen once: a replay cancels the same one again
		UUID redemption = redemptions.get(cancel.redemption() % redemptions.size());
		return () -> rewards.cancelRedemption(redemption);
	}

	private static Runnable replay(Loyalty loyalty, UUID account, Runnable earlier) {
		return () -> {
			Balance before = loyalty.sumOfLedger(account);
			long movements = loyalty.ledger(account, 0, 1).total();
			earlier.run();
			assertThat(loyalty.sumOfLedger(account)).isEqualTo(before);
			assertThat(loyalty.ledger(account, 0, 1).total()).isEqualTo(movements);
		};
	}

	private static void refusedOrDone(Runnable action) {
		try {
			action.run();
		}
		catch (ApiException ex) {
			assertThat(ex.type()).isEqualTo("insufficient-points");
		}
	}

	/**
	 * Time passes for the oldest lots: with rolling expiry, the oldest lots reach their
	 * date first.
	 */
	private static void expireOldest(JdbcClient jdbc, Loyalty loyalty, UUID account, int lots) {
		Instant asOf = Instant.now();
		jdbc.sql(
				"""
						UPDATE loyalty_lot SET expires_at = ? WHERE id IN (
						  SELECT id FROM loyalty_lot WHERE account_id = ? AND status = 'AVAILABLE' ORDER BY earned_at, id LIMIT ?)
						""")
			.params(ProgrammeStore.utc(asOf.minusSeconds(1)), account, lots)
			.update();
		loyalty.expirePoints(asOf);
		long left = jdbc
			.sql("SELECT count(*) FROM loyalty_lot WHERE account_id = ? AND expires_at <= ? " + "AND remaining > 0")
			.params(account, ProgrammeStore.utc(asOf))
			.query(Long.class)
			.single();
		assertThat(left).isZero();
	}

	private static void check(Loyalty loyalty, JdbcClient jdbc, UUID account, NegativeBalancePolicy policy) {
		MemberSummary m = loyalty.member(account);
		assertThat(new Balance(m.available(), m.pending())).isEqualTo(loyalty.sumOfLedger(account));
		if (policy == NegativeBalancePolicy.CAP_AT_ZERO) {
			assertThat(m.available()).isGreaterThanOrEqualTo(0);
		}
		long inLots = jdbc
			.sql("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lot WHERE account_id = ? "
					+ "AND status = 'AVAILABLE'")
			.param(account)
			.query(Long.class)
			.single();
		assertThat(inLots).isEqualTo(Math.max(0, m.available()));
		long pendingInLots = jdbc
			.sql("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lot WHERE account_id = ? AND status = 'PENDING'")
			.param(account)
			.query(Long.class)
			.single();
		assertThat(pendingInLots).isEqualTo(m.pending());
		assertThat(jdbc
			.sql("SELECT count(*) FROM loyalty_purchase WHERE account_id = ? AND "
					+ "(points_reversed > points_earned OR points_reversed < 0)")
			.param(account)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM loyalty_purchase p WHERE p.account_id = ? AND p.points_earned <
				  (SELECT COALESCE(-SUM(m.available_delta + m.pending_delta), 0) FROM loyalty_movement m
				   WHERE m.account_id = p.account_id AND m.kind = 'REVERSE' AND m.lot_id = p.lot_id)
				""").param(account).query(Long.class).single()).isZero();
		// spending takes the oldest first: a lot that was only ever consumed (never
		// reduced by a
		// return) and is partly used has no older lot with points left
		assertThat(jdbc.sql("""
				SELECT count(*) FROM loyalty_lot newer JOIN loyalty_lot older
				  ON older.account_id = newer.account_id AND (older.earned_at, older.id) < (newer.earned_at, newer.id)
				WHERE newer.account_id = ? AND newer.status = 'AVAILABLE' AND older.status = 'AVAILABLE'
				  AND newer.remaining < newer.points AND older.remaining > 0
				  AND NOT EXISTS (SELECT 1 FROM loyalty_purchase p WHERE p.lot_id = newer.id AND p.points_reversed > 0)
				""").param(account).query(Long.class).single()).isZero();
	}

}
