package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The updates the ledger makes by the million a night stay on their row's page
 * (PostgreSQL's heap-only update, ADR 0062): emptying a lot at expiry and taking points
 * from it for a debit change its {@code remaining}, which no index of the lots may name,
 * not even in a predicate; the nightly renewal rewrites every member's tier row, whose
 * table keeps room on each page for a new version of all its rows. Counted with the
 * transaction's own statistics, read before it commits.
 */
@IntegrationTest
class LotUpdatesStayOnTheirPageTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	private UUID member() {
		LoyaltyProgramme p = this.loyalty.createProgramme(
				new ProgrammeSettings("hot-" + LoyaltyFixture.unique(), "Club", "EUR", "points", new BigDecimal("0.01"),
						14, ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of(), null));
		UUID customer = this.customers.create(NewCustomer.person("Hana", "Heap " + LoyaltyFixture.unique())).id();
		return this.loyalty.enrol(p.code(), new Enrolment(customer, null, null, null, null), null).accountId();
	}

	/**
	 * Updates of the lots this connection counted and has not reported yet, which include
	 * its transaction's: all of them, and those on their page. Read at the start and at
	 * the end of one transaction, the difference is the transaction's.
	 */
	private long[] lotUpdates() {
		return this.jdbc
			.sql("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'loyalty_lot'")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	private static long[] since(long[] before, long[] after) {
		return new long[] { after[0] - before[0], after[1] - before[1] };
	}

	@Test
	void expiryEmptiesEachDueLotOnItsOwnPage() {
		UUID member = member();
		this.loyalty.adjust(member, 30, "Old gift", "old");
		this.loyalty.adjust(member, 20, "New gift", "new");
		this.jdbc
			.sql("UPDATE loyalty_lot SET earned_at = now() - interval '13 months', "
					+ "expires_at = now() - interval '1 month' WHERE account_id = ? AND points = 30")
			.param(member)
			.update();
		OffsetDateTime asOf = ProgrammeStore.utc(Instant.now().truncatedTo(ChronoUnit.MICROS));
		// ranges of one account: the range below holds the member's lots only
		LedgerJobs jobs = new LedgerJobs(this.jdbc, this.transactions, this.clock, 1, 1);
		List<LedgerJobs.Planned> plan = jobs.plan("expiry", asOf);
		AccountRanges.Range mine = plan.stream()
			.map(LedgerJobs.Planned::range)
			.filter((r) -> r.after().compareTo(member) < 0 && r.upTo().compareTo(member) >= 0)
			.findFirst()
			.orElseThrow();
		Map<UUID, LedgerJobs.Listed> listed = jobs.scan(List.of(mine), asOf, LedgerJobs.DUE_TO_EXPIRE);

		long[] updates = this.transactions.execute((s) -> {
			long[] before = lotUpdates();
			long[] done = jobs.range("expiry", mine, asOf, listed.get(mine.after()), LedgerJobs.EXPIRE);
			assertThat(done[0]).isEqualTo(1);
			return since(before, lotUpdates());
		});

		assertThat(updates[0]).isEqualTo(1);
		assertThat(updates[1]).isEqualTo(1);
		assertThat(this.loyalty.member(member).available()).isEqualTo(20);
		assertThat(this.loyalty.sumOfLedger(member)).isEqualTo(new Balance(20, 0));
	}

	@Test
	void aDebitTakesPointsFromTheOldestLotOnItsPage() {
		UUID member = member();
		this.loyalty.adjust(member, 30, "Gift", "gift");
		this.loyalty.adjust(member, 20, "Second gift", "gift-2");

		long[] updates = this.transactions.execute((s) -> {
			long[] before = lotUpdates();
			this.loyalty.adjust(member, -40, "Correction", "correction");
			return since(before, lotUpdates());
		});

		assertThat(updates[0]).isEqualTo(2);
		assertThat(updates[1]).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT remaining FROM loyalty_lot WHERE account_id = ? ORDER BY earned_at, id")
			.param(member)
			.query(Long.class)
			.list()).containsExactly(0L, 10L);
	}

	@Test
	void noIndexOfTheLotsOrTierRowsNamesAColumnTheNightlyJobsWrite() {
		// key columns, expressions and predicates of every index of the two tables
		List<String> lotIndexes = indexed("loyalty_lot");
		assertThat(lotIndexes).isNotEmpty()
			.noneSatisfy((definition) -> assertThat(definition).containsAnyOf("status", "remaining"));
		List<String> tierIndexes = indexed("loyalty_member_tier");
		assertThat(tierIndexes).isNotEmpty()
			.noneSatisfy((definition) -> assertThat(definition).containsAnyOf("tier_code", "since", "qualified_until",
					"source", "override"));
		// the renewal rewrites every row: each page keeps room for a new version of all
		assertThat(this.jdbc
			.sql("SELECT option_value::int FROM pg_options_to_table((SELECT reloptions FROM pg_class "
					+ "WHERE relname = 'loyalty_member_tier')) WHERE option_name = 'fillfactor'")
			.query(Integer.class)
			.single()).isLessThanOrEqualTo(50);
	}

	private List<String> indexed(String table) {
		return this.jdbc.sql("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = CAST(? AS regclass)")
			.param(table)
			.query(String.class)
			.list();
	}

}
