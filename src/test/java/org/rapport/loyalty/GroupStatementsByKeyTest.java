package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earning's group statements answer the same whether PostgreSQL plans them for the
 * actual arrays or runs them on the plans kept for them, where they look the accounts up
 * by key (ADR 0056): the members of a group of customers with several accounts, merged
 * and migrated ones and none at all; the locked state of every purchase of a group with
 * several members, one of them twice; and the balances a group write leaves.
 */
@IntegrationTest
class GroupStatementsByKeyTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	AccountStore accounts;

	@Autowired
	Ledger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	private final Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

	@ParameterizedTest(name = "plan_cache_mode {0}")
	@ValueSource(strings = { "auto", "force_custom_plan", "force_generic_plan" })
	void theMembersOfAGroupAreEachCustomersActiveAccountsWhateverThePlan(String plans) {
		String club = programme();
		String other = programme();
		// ana: a member of two programmes
		UUID ana = customer();
		UUID anaClub = enrol(club, ana);
		UUID anaOther = enrol(other, ana);
		// ben: a member whose earlier account was merged into another
		UUID ben = customer();
		UUID benClub = enrol(club, ben);
		UUID benOld = enrol(other, ben);
		retire(benOld, "MERGED", benClub);
		// cy: migrated from one programme to the other, her old account stays behind
		UUID cy = customer();
		UUID cyOld = enrol(club, cy);
		UUID cyNew = enrol(other, cy);
		retire(cyOld, "MIGRATED", cyNew);
		// dee: no account at all; eve: only a merged one
		UUID dee = customer();
		UUID eve = customer();
		UUID eveOld = enrol(club, eve);
		retire(eveOld, "MERGED", anaClub);
		List<UUID> group = List.of(dee, cy, ana, eve, ben);

		Map<UUID, List<UUID>> members = repeated(plans, () -> ids(this.accounts.activeOfAll(group)));

		Map<UUID, List<UUID>> expected = new LinkedHashMap<>();
		for (UUID customer : group.stream().sorted().toList()) {
			List<UUID> active = this.jdbc
				.sql("SELECT id FROM loyalty_account WHERE customer_id = ? AND status = 'ACTIVE' ORDER BY id")
				.param(customer)
				.query(UUID.class)
				.list();
			if (!active.isEmpty()) {
				expected.put(customer, active);
			}
		}
		assertThat(members).containsExactlyEntriesOf(expected);
		assertThat(members).containsOnlyKeys(ana, ben, cy);
		assertThat(members.get(ana)).containsExactlyInAnyOrder(anaClub, anaOther);
		assertThat(members.get(ben)).containsExactly(benClub);
		assertThat(members.get(cy)).containsExactly(cyNew);
	}

	@ParameterizedTest(name = "plan_cache_mode {0}")
	@ValueSource(strings = { "auto", "force_custom_plan", "force_generic_plan" })
	void aGroupsLockedStatesAreEachPurchasesOwnWhateverThePlan(String plans) {
		String club = programme();
		UUID ana = enrol(club, customer());
		UUID ben = enrol(club, customer());
		UUID cy = enrol(club, customer());
		UUID counted = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> this.ledger.recordPurchase(cy,
				new Ledger.PurchaseRow(counted, BigDecimal.TEN, 0, this.at, true)));
		List<AccountStore.Want> wants = List.of(want(ben, UUID.randomUUID()), want(ana, UUID.randomUUID()),
				want(cy, counted), want(ana, UUID.randomUUID()), want(UUID.randomUUID(), UUID.randomUUID()));

		List<AccountStore.EarningState> states = repeated(plans, () -> this.accounts.lockForEarning(wants));

		assertThat(states).hasSize(wants.size());
		assertThat(states.get(4)).as("an account without a balance row").isNull();
		for (int i = 0; i < 4; i++) {
			AccountStore.Want want = wants.get(i);
			assertThat(states.get(i))
				.isEqualTo(this.accounts.earningState(want.accountId(), want.key(), want.interactionId()));
		}
		assertThat(states).extracting((s) -> (s == null) ? null : s.counted())
			.containsExactly(false, false, true, false, null);
	}

	@ParameterizedTest(name = "plan_cache_mode {0}")
	@ValueSource(strings = { "auto", "force_custom_plan", "force_generic_plan" })
	void aGroupWriteCreditsEachAccountTheSumOfItsRowsWhateverThePlan(String plans) {
		String club = programme();
		UUID ana = enrol(club, customer());
		UUID ben = enrol(club, customer());
		UUID cy = enrol(club, customer());
		UUID bystander = enrol(club, customer());
		String bystanderBefore = balanceRow(bystander);

		for (int round = 0; round < 7; round++) {
			List<Ledger.Earned> rows = List.of(earned(ana, MovementKind.PENDING, 10), earned(ben, MovementKind.EARN, 3),
					earned(ana, MovementKind.EARN, 4), earned(cy, null, 0));
			this.transactions.executeWithoutResult((status) -> {
				planning(plans);
				this.ledger.appendAll(rows);
			});
		}

		assertThat(this.loyalty.member(ana)).extracting(MemberSummary::available, MemberSummary::pending)
			.containsExactly(7L * 4, 7L * 10);
		assertThat(this.loyalty.member(ben)).extracting(MemberSummary::available, MemberSummary::pending)
			.containsExactly(7L * 3, 0L);
		assertThat(this.loyalty.member(cy)).extracting(MemberSummary::available, MemberSummary::pending)
			.containsExactly(0L, 0L);
		for (UUID account : List.of(ana, ben, cy)) {
			assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(
					new Balance(this.loyalty.member(account).available(), this.loyalty.member(account).pending()));
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM loyalty_purchase WHERE account_id = ?")
			.param(cy)
			.query(Long.class)
			.single()).isEqualTo(7);
		// the balance row of an account outside the group is not written
		assertThat(balanceRow(bystander)).isEqualTo(bystanderBefore);
	}

	private String balanceRow(UUID account) {
		return this.jdbc.sql("SELECT ctid::text || ' ' || updated_at::text FROM loyalty_balance WHERE account_id = ?")
			.param(account)
			.query(String.class)
			.single();
	}

	/**
	 * Runs the statement several times in transactions of its own with the plan choice
	 * given (more than the five executions after which the driver prepares it on the
	 * server, and PostgreSQL may keep a plan) and answers the last result, having checked
	 * that every run answered the same.
	 */
	private <T> T repeated(String plans, Supplier<T> statement) {
		List<T> results = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			results.add(this.transactions.execute((status) -> {
				planning(plans);
				return statement.get();
			}));
		}
		assertThat(results).allSatisfy((r) -> assertThat(r).isEqualTo(results.get(0)));
		return results.get(results.size() - 1);
	}

	private void planning(String plans) {
		this.jdbc.sql("SELECT set_config('plan_cache_mode', ?, true)").param(plans).query(String.class).single();
	}

	private static Map<UUID, List<UUID>> ids(Map<UUID, List<Account>> members) {
		Map<UUID, List<UUID>> ids = new LinkedHashMap<>();
		members.forEach((customer, accounts) -> ids.put(customer, accounts.stream().map(Account::id).toList()));
		return ids;
	}

	private static AccountStore.Want want(UUID account, UUID interaction) {
		return new AccountStore.Want(account, "purchase:" + interaction, interaction);
	}

	private Ledger.Earned earned(UUID account, MovementKind kind, long points) {
		UUID interaction = UUID.randomUUID();
		Ledger.PurchaseRow purchase = new Ledger.PurchaseRow(interaction, BigDecimal.valueOf(points), points, this.at,
				false);
		if (kind == null) {
			return new Ledger.Earned(account, null, 0, null, null, null, this.at, null, null, null, purchase);
		}
		return new Ledger.Earned(account, kind, points, "Purchase " + interaction, interaction.toString(),
				"purchase:" + interaction, this.at, this.at, this.at.plus(365, ChronoUnit.DAYS), "{}", purchase);
	}

	private String programme() {
		return this.loyalty
			.createProgramme(new ProgrammeSettings("gk-" + LoyaltyFixture.unique(), "Club", "EUR", "points",
					new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.ALLOW, null,
					Map.of("base", Combination.STACK), null))
			.code();
	}

	private UUID customer() {
		return this.customers.create(NewCustomer.person("Kim", "Keyed " + LoyaltyFixture.unique())).id();
	}

	/** The account left behind by a merge or a migration into another. */
	private void retire(UUID account, String status, UUID into) {
		this.jdbc.sql("UPDATE loyalty_account SET status = ?, merged_into = ? WHERE id = ?")
			.params(status, into, account)
			.update();
	}

	private UUID enrol(String code, UUID customer) {
		return this.loyalty.enrol(code, new Enrolment(customer, null, null, null, null), null).accountId();
	}

}
