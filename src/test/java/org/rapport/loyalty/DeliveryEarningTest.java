package org.rapport.loyalty;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery of recorded interactions reads its programme and rules once (ADR 0022):
 * every rule still applies to every purchase, member state changed by an earlier purchase
 * of the same delivery is seen by the next, a rule saved between two deliveries applies
 * from the next one, and a member purchase costs a handful of statements.
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
	void aDeliveryReadsItsProgrammeAndRulesOnceAndAMemberPurchaseTakesFourStatements() {
		String code = programme();
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			members.add(member(code));
		}
		deliver(members.stream().map((m) -> purchase(m, "food", 20)).toList());
		List<InteractionRecorded> second = members.stream().map((m) -> purchase(m, "food", 20)).toList();

		List<String> statements = deliver(second);
		System.out.printf("Statements for a delivery of %d member purchases: %d%n", second.size(), statements.size());

		assertThat(members).allSatisfy((m) -> assertThat(pending(m)).isEqualTo(40));
		assertThat(statements).filteredOn((s) -> s.contains("FROM loyalty_rule")).hasSize(1);
		assertThat(statements).filteredOn((s) -> s.contains("FROM loyalty_programme")).hasSize(1);
		// per delivery: the members, the programme, its rules, its ladder (two reads);
		// per purchase: lock, state, lot + movement + balance, purchase row
		assertThat(statements).hasSizeLessThanOrEqualTo(5 + 4 * second.size());
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
				total, "EUR", null, List.of(new LineSummary("sku-" + category, category, BigDecimal.ONE, total)));
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
