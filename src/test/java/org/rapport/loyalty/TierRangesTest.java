package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly tier re-qualification range by range (three accounts per range, two ranges
 * at once) decides exactly what the one statement over the whole programme decides (the
 * preview), and a rerun moves nobody.
 */
@IntegrationTest
class TierRangesTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	PurchaseEarning earning;

	@Autowired
	AccountStore accounts;

	@Autowired
	TierStore store;

	@Autowired
	TierJobs jobs;

	@Autowired
	ProgrammeStore programmes;

	@Autowired
	ProgrammeSnapshots snapshots;

	@Autowired
	AuditTrail audit;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager tx;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void rangeByRangeTheMembersMoveAsTheWholeProgrammeStatementWouldAndARerunMovesNobody() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("tr-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		Map<UUID, Integer> spent = new LinkedHashMap<>();
		int[] euros = { 10, 60, 120, 55, 250, 0, 99, 100, 49 };
		for (int e : euros) {
			UUID customer = this.customers.create(NewCustomer.person("Tia", "Tier " + LoyaltyFixture.unique())).id();
			UUID account = this.loyalty.enrol(p.code(), new Enrolment(customer, null, null, null, null), null)
				.accountId();
			if (e > 0) {
				// earned before the programme has a ladder: nobody has a tier yet
				Basket basket = new Basket("PURCHASE", Instant.now().minus(3, ChronoUnit.DAYS), "EUR",
						BigDecimal.valueOf(e), List.of());
				this.transactions.executeWithoutResult(
						(s) -> this.earning.earn(this.accounts.byId(account).orElseThrow(), UUID.randomUUID(), basket));
			}
			spent.put(account, e);
		}
		TierLadder ladder = new TierLadder(TierLadder.Measure.POINTS_EARNED, TierLadder.Window.ROLLING_12_MONTHS, 1,
				List.of(tier("SILVER", 50), tier("GOLD", 100), tier("PLATINUM", 200)));
		Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TierPlan preview = this.loyalty.previewTierLadder(p.code(), ladder, asOf);
		this.transactions.executeWithoutResult((s) -> this.store.saveLadder(p.id(), ladder));

		TierPlan byRange = ranges().requalifyAll(asOf)
			.stream()
			.filter((plan) -> plan.programmeCode().equals(p.code()))
			.findFirst()
			.orElseThrow();

		assertThat(moves(byRange)).isEqualTo(moves(preview)).hasSize(6);
		assertThat(moves(byRange)).containsEntry(accountSpending(spent, 250), "PLATINUM")
			.containsEntry(accountSpending(spent, 100), "GOLD")
			.containsEntry(accountSpending(spent, 99), "SILVER");
		assertThat(byRange.moves()).extracting(TierMove::revenue).isSortedAccordingTo((a, b) -> b.compareTo(a));
		for (Map.Entry<UUID, String> move : moves(preview).entrySet()) {
			assertThat(this.store.state(move.getKey()).orElseThrow().tierCode()).isEqualTo(move.getValue());
		}

		TierPlan rerun = ranges().requalifyAll(asOf)
			.stream()
			.filter((plan) -> plan.programmeCode().equals(p.code()))
			.findFirst()
			.orElseThrow();

		assertThat(rerun.moves()).isEmpty();
	}

	@Test
	void rangeByRangeTheRowsOfAMergedAccountCountForTheAccountItWasMergedIntoAsInTheWholeProgrammeStatement() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("tm-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		List<UUID> members = new java.util.ArrayList<>();
		int[] euros = { 30, 40, 0, 60, 25, 80, 10, 45 };
		for (int e : euros) {
			UUID customer = this.customers.create(NewCustomer.person("Mia", "Merged " + LoyaltyFixture.unique())).id();
			UUID account = this.loyalty.enrol(p.code(), new Enrolment(customer, null, null, null, null), null)
				.accountId();
			if (e > 0) {
				Basket basket = new Basket("PURCHASE", Instant.now().minus(3, ChronoUnit.DAYS), "EUR",
						BigDecimal.valueOf(e), List.of());
				this.transactions.executeWithoutResult(
						(s) -> this.earning.earn(this.accounts.byId(account).orElseThrow(), UUID.randomUUID(), basket));
			}
			members.add(account);
		}
		// the first account merged into the last and the second into the fourth (with
		// three accounts per range: another range, and the same range)
		merge(members.get(0), members.get(7));
		merge(members.get(1), members.get(3));
		TierLadder ladder = new TierLadder(TierLadder.Measure.POINTS_EARNED, TierLadder.Window.ROLLING_12_MONTHS, 1,
				List.of(tier("SILVER", 50), tier("GOLD", 100), tier("PLATINUM", 200)));
		Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TierPlan preview = this.loyalty.previewTierLadder(p.code(), ladder, asOf);
		this.transactions.executeWithoutResult((s) -> this.store.saveLadder(p.id(), ladder));

		TierPlan byRange = ranges().requalifyAll(asOf)
			.stream()
			.filter((plan) -> plan.programmeCode().equals(p.code()))
			.findFirst()
			.orElseThrow();

		assertThat(moves(byRange)).isEqualTo(moves(preview));
		assertThat(moves(byRange)).containsEntry(members.get(7), "SILVER")
			.containsEntry(members.get(3), "GOLD")
			.containsEntry(members.get(5), "SILVER")
			.doesNotContainKeys(members.get(0), members.get(1), members.get(2), members.get(4), members.get(6));
		assertThat(byRange.moves()).filteredOn((m) -> m.accountId().equals(members.get(3)))
			.extracting(TierMove::qualifyingValue)
			.allSatisfy((v) -> assertThat(v).isEqualByComparingTo("100"));
	}

	@Test
	void aRangesQualifyingValuesOfEveryMeasureCanBeReadFromTheAccountIndexAlone() {
		// as the nightly run leaves them: vacuumed, their pages marked visible to all
		this.jdbc.sql("VACUUM loyalty_movement").update();
		this.jdbc.sql("VACUUM loyalty_purchase").update();
		for (TierLadder.Measure measure : TierLadder.Measure.values()) {
			String plan = this.transactions.execute((s) -> {
				// a visit to a row's page made dear and the table's scans ruled out: a
				// plan has to do without the rows' pages if an index lets it, and an
				// account index lacking a column of the sum would be read with its rows
				this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
				this.jdbc.sql("SET LOCAL enable_bitmapscan = off").update();
				this.jdbc.sql("SET LOCAL random_page_cost = 100").update();
				return String.join("\n",
						this.jdbc.sql("EXPLAIN " + TierJobs.valuesInRange(measure))
							.param("p", UUID.randomUUID())
							.param("after", new UUID(0, 0))
							.param("upTo", new UUID(-1, -1))
							.param("ws", OffsetDateTime.now(ZoneOffset.UTC).minusYears(1))
							.param("asOf", OffsetDateTime.now(ZoneOffset.UTC))
							.query(String.class)
							.list());
			});

			String index = (measure == TierLadder.Measure.POINTS_EARNED) ? "loyalty_movement_account_idx"
					: "loyalty_purchase_account_idx";
			assertThat(plan).as(measure.name())
				.contains("Index Only Scan using " + index)
				.doesNotContain("Index Scan using " + index);
		}
	}

	@Test
	void theNightlyReQualificationFirstVacuumsTheTableTheValuesAreSummedFrom() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("tv-" + LoyaltyFixture.unique(), "Club",
				"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.transactions
			.executeWithoutResult((s) -> this.store.saveLadder(p.id(), new TierLadder(TierLadder.Measure.POINTS_EARNED,
					TierLadder.Window.ROLLING_12_MONTHS, 1, List.of(tier("SILVER", 50)))));
		long before = vacuums("loyalty_movement");

		ranges().requalifyAll(Instant.now());

		assertThat(vacuums("loyalty_movement")).isGreaterThan(before);
	}

	private long vacuums(String table) {
		return this.jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = ?")
			.param(table)
			.query(Long.class)
			.single();
	}

	private void merge(UUID from, UUID into) {
		this.jdbc.sql("UPDATE loyalty_account SET status = 'MERGED', merged_into = ? WHERE id = ?")
			.params(into, from)
			.update();
	}

	private Tiers ranges() {
		return new Tiers(this.store, this.jobs, this.programmes, this.snapshots, this.accounts, this.audit, this.events,
				this.jdbc, this.tx, this.clock, 3, 2);
	}

	private static Map<UUID, String> moves(TierPlan plan) {
		return plan.moves().stream().collect(Collectors.toMap(TierMove::accountId, TierMove::toTier));
	}

	private static UUID accountSpending(Map<UUID, Integer> spent, int euros) {
		return spent.entrySet().stream().filter((e) -> e.getValue() == euros).findFirst().orElseThrow().getKey();
	}

	private static Tier tier(String code, int threshold) {
		return new Tier(code, code, BigDecimal.valueOf(threshold), BigDecimal.ONE, BigDecimal.ZERO, false, null);
	}

}
