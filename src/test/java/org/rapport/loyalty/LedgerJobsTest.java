package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The nightly jobs range by range (three accounts per range, two ranges at once, so the
 * members below are spread over many small transactions): the ledger's guarantees hold
 * after each job, and a rerun moves nothing.
 */
@IntegrationTest
class LedgerJobsTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	PurchaseEarning earning;

	@Autowired
	AccountStore accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	private LedgerJobs jobs() {
		return new LedgerJobs(this.jdbc, this.transactions, this.clock, 3, 2);
	}

	private String programme() {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("jobs-" + LoyaltyFixture.unique(),
				"Club", "EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
				NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(p.code(), null,
				new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"), null, null, null));
		return p.code();
	}

	private UUID member(String programme) {
		UUID customer = this.customers.create(NewCustomer.person("Nia", "Nightly " + LoyaltyFixture.unique())).id();
		return this.loyalty.enrol(programme, new Enrolment(customer, null, null, null, null), null).accountId();
	}

	private void purchase(UUID account, int euros) {
		Basket basket = new Basket("PURCHASE", Instant.now(), "EUR", BigDecimal.valueOf(euros), List.of());
		this.transactions.executeWithoutResult(
				(s) -> this.earning.earn(this.accounts.byId(account).orElseThrow(), UUID.randomUUID(), basket));
	}

	@Test
	void activationRunsRangeByRangeKeepsEveryBalanceEqualToItsLedgerAndARerunMovesNothing() {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme), member(programme),
				member(programme));
		for (UUID m : members) {
			purchase(m, 40);
			purchase(m, 60);
		}
		UUID inDebt = members.get(0);
		this.loyalty.adjust(inDebt, -130, "Correction", "debt");
		Instant asOf = Instant.now().plus(15, ChronoUnit.DAYS);

		jobs().activate(asOf);

		for (UUID m : members) {
			MemberSummary s = this.loyalty.member(m);
			assertThat(new Balance(s.available(), s.pending())).isEqualTo(this.loyalty.sumOfLedger(m));
			assertThat(s.pending()).isZero();
			assertThat(availableInLots(m)).isEqualTo(Math.max(0, s.available()));
			assertThat(activations(m)).isEqualTo(2);
		}
		assertThat(this.loyalty.member(inDebt).available()).isEqualTo(-30);
		assertThat(this.loyalty.member(members.get(1)).available()).isEqualTo(100);

		jobs().activate(asOf);

		for (UUID m : members) {
			assertThat(activations(m)).isEqualTo(2);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(m.equals(inDebt) ? -30 : 100, 0));
		}
	}

	@Test
	void expiryRangeByRangeTakesWhatIsLeftOfTheOldestLotsAndARerunExpiresNothing() {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme), member(programme));
		for (UUID m : members) {
			this.loyalty.adjust(m, 30, "Old gift", "old");
			this.loyalty.adjust(m, 20, "New gift", "new");
			this.jdbc
				.sql("UPDATE loyalty_lot SET earned_at = now() - interval '13 months', "
						+ "expires_at = now() - interval '1 month' WHERE account_id = ? AND points = 30")
				.param(m)
				.update();
			this.loyalty.redeem(m, 10, "Mug", "mug");
		}

		jobs().expire(Instant.now());
		jobs().expire(Instant.now());

		for (UUID m : members) {
			assertThat(this.loyalty.member(m).available()).isEqualTo(20);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(20, 0));
			assertThat(availableInLots(m)).isEqualTo(20);
			assertThat(this.jdbc
				.sql("SELECT COALESCE(SUM(available_delta), 0) FROM loyalty_movement WHERE account_id = ? "
						+ "AND kind = 'EXPIRE' AND idempotency_key LIKE 'expire:%'")
				.param(m)
				.query(Long.class)
				.single()).isEqualTo(-20);
		}
	}

	@Test
	void aRunStoppedHalfWayIsResumedByTheNextRunWhichSkipsTheRangesDoneAndCountsEachLotOnce() {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme), member(programme),
				member(programme), member(programme), member(programme));
		for (UUID m : members) {
			purchase(m, 40);
			purchase(m, 60);
		}
		UUID victim = members.get(3);
		Instant asOf = Instant.now().plus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
		// the range holding the victim fails half-way through its statement, as a
		// crash would: its transaction rolls back, the other ranges commit
		String trigger = "loyalty_test_crash_" + LoyaltyFixture.unique().replaceAll("\\W", "");
		this.jdbc.sql("""
				CREATE FUNCTION %1$s() RETURNS trigger AS $$
				BEGIN
				  IF NEW.account_id = '%2$s' THEN RAISE EXCEPTION 'crash in the middle of a range'; END IF;
				  RETURN NEW;
				END $$ LANGUAGE plpgsql""".formatted(trigger, victim)).update();
		this.jdbc
			.sql("CREATE TRIGGER %1$s BEFORE INSERT ON loyalty_movement FOR EACH ROW EXECUTE FUNCTION %1$s()"
				.formatted(trigger))
			.update();
		try {
			assertThatThrownBy(() -> jobs().activate(asOf)).hasMessageContaining("crash in the middle of a range");
		}
		finally {
			this.jdbc.sql("DROP TRIGGER %1$s ON loyalty_movement".formatted(trigger)).update();
			this.jdbc.sql("DROP FUNCTION %1$s()".formatted(trigger)).update();
		}
		assertThat(activations(victim)).isZero();
		assertThat(this.loyalty.member(victim).pending()).isEqualTo(100);
		assertThat(undoneRanges(asOf)).isEqualTo(1);
		List<Instant> doneBefore = doneAt(asOf);
		for (UUID m : members) {
			assertThat(new Balance(this.loyalty.member(m).available(), this.loyalty.member(m).pending()))
				.isEqualTo(this.loyalty.sumOfLedger(m));
		}

		JobRun resumed = jobs().activate(asOf);

		assertThat(undoneRanges(asOf)).isZero();
		assertThat(doneAt(asOf)).containsAll(doneBefore);
		assertThat(resumed.lots()).isGreaterThanOrEqualTo(2).isEqualTo(resumed.movements());
		for (UUID m : members) {
			assertThat(activations(m)).isEqualTo(2);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(100, 0));
			assertThat(this.loyalty.member(m).available()).isEqualTo(100);
			assertThat(availableInLots(m)).isEqualTo(100);
		}
		assertThat(jobs().activate(asOf).lots()).isZero();
	}

	@Test
	void twoRunsAtOnceActivateEachLotOnce() throws Exception {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme), member(programme));
		for (UUID m : members) {
			purchase(m, 40);
			purchase(m, 60);
		}
		Instant asOf = Instant.now().plus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = pool.submit(() -> jobs().activate(asOf));
			var second = pool.submit(() -> jobs().activate(asOf));
			first.get();
			second.get();
		}
		finally {
			pool.shutdownNow();
		}
		for (UUID m : members) {
			assertThat(activations(m)).isEqualTo(2);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(100, 0));
			assertThat(this.loyalty.member(m).available()).isEqualTo(100);
		}
	}

	@Test
	void activationTakesAListedLotWhoseRowChangedAfterTheScanInItsCurrentVersionOnce() {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme), member(programme));
		for (UUID m : members) {
			purchase(m, 40);
			purchase(m, 60);
		}
		OffsetDateTime asOf = ProgrammeStore
			.utc(Instant.now().plus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));
		LedgerJobs jobs = jobs();
		List<LedgerJobs.Planned> plan = jobs.plan("activation", asOf);
		Map<UUID, LedgerJobs.Listed> listed = scanned(jobs, plan, asOf, LedgerJobs.DUE_TO_ACTIVATE);
		// after the scan, every lot of one member gets a new row version, at a new
		// address
		UUID changed = members.get(1);
		Map<UUID, String> before = addresses(changed);
		this.jdbc.sql("UPDATE loyalty_lot SET points = points WHERE account_id = ?").param(changed).update();
		assertThat(addresses(changed)).hasSize(2)
			.allSatisfy((lot, tid) -> assertThat(tid).isNotEqualTo(before.get(lot)));

		for (LedgerJobs.Planned p : plan) {
			LedgerJobs.Listed mine = listed.getOrDefault(p.range().after(), LedgerJobs.Listed.NONE);
			this.transactions.execute((s) -> jobs.range("activation", p.range(), asOf, mine, LedgerJobs.ACTIVATE));
		}

		for (UUID m : members) {
			assertThat(activations(m)).isEqualTo(2);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(100, 0));
			assertThat(this.loyalty.member(m).available()).isEqualTo(100);
			assertThat(availableInLots(m)).isEqualTo(100);
		}
		assertThat(jobs().activate(asOf.toInstant()).lots()).isZero();
	}

	@Test
	void expiryTakesAListedLotWhoseRowChangedAfterTheScanInItsCurrentVersionOnce() {
		String programme = programme();
		List<UUID> members = List.of(member(programme), member(programme), member(programme));
		for (UUID m : members) {
			this.loyalty.adjust(m, 30, "Old gift", "old");
			this.loyalty.adjust(m, 40, "Older gift", "older");
			this.loyalty.adjust(m, 20, "New gift", "new");
			this.jdbc
				.sql("UPDATE loyalty_lot SET earned_at = now() - interval '13 months', "
						+ "expires_at = now() - interval '1 month' WHERE account_id = ? AND points IN (30, 40)")
				.param(m)
				.update();
		}
		OffsetDateTime asOf = ProgrammeStore.utc(Instant.now().truncatedTo(ChronoUnit.MICROS));
		LedgerJobs jobs = jobs();
		List<LedgerJobs.Planned> plan = jobs.plan("expiry", asOf);
		Map<UUID, LedgerJobs.Listed> listed = scanned(jobs, plan, asOf, LedgerJobs.DUE_TO_EXPIRE);
		// after the scan, one member redeems: the oldest of its listed lots gets a new
		// row version (at a new address) with less left
		UUID redeemed = members.get(0);
		Map<UUID, String> before = addresses(redeemed);
		this.loyalty.redeem(redeemed, 10, "Mug", "mug");
		assertThat(addresses(redeemed)).anySatisfy((lot, tid) -> assertThat(tid).isNotEqualTo(before.get(lot)));

		for (LedgerJobs.Planned p : plan) {
			LedgerJobs.Listed mine = listed.getOrDefault(p.range().after(), LedgerJobs.Listed.NONE);
			this.transactions.execute((s) -> jobs.range("expiry", p.range(), asOf, mine, LedgerJobs.EXPIRE));
		}

		for (UUID m : members) {
			// what was left of the two old lots expired: 70, or 60 after the redemption
			assertThat(this.loyalty.member(m).available()).isEqualTo(20);
			assertThat(this.loyalty.sumOfLedger(m)).isEqualTo(new Balance(20, 0));
			assertThat(availableInLots(m)).isEqualTo(20);
			assertThat(this.jdbc.sql("SELECT count(*) FROM loyalty_movement WHERE account_id = ? AND kind = 'EXPIRE'")
				.param(m)
				.query(Long.class)
				.single()).isEqualTo(2);
		}
		assertThat(this.jdbc
			.sql("SELECT -SUM(available_delta) FROM loyalty_movement WHERE account_id = ? AND kind = 'EXPIRE'")
			.param(redeemed)
			.query(Long.class)
			.single()).isEqualTo(60);
		assertThat(jobs().expire(asOf.toInstant()).lots()).isZero();
	}

	/** The due lots of every range of the plan, as the runs' scans list them. */
	private Map<UUID, LedgerJobs.Listed> scanned(LedgerJobs jobs, List<LedgerJobs.Planned> plan, OffsetDateTime asOf,
			String due) {
		Map<UUID, LedgerJobs.Listed> listed = new HashMap<>();
		for (List<AccountRanges.Range> scan : LedgerJobs.scans(plan, 4)) {
			listed.putAll(jobs.scan(scan, asOf, due));
		}
		return listed;
	}

	private Map<UUID, String> addresses(UUID account) {
		Map<UUID, String> at = new HashMap<>();
		this.jdbc.sql("SELECT id, ctid::text AS tid FROM loyalty_lot WHERE account_id = ?")
			.param(account)
			.query((rs) -> {
				at.put(rs.getObject("id", UUID.class), rs.getString("tid"));
			});
		return at;
	}

	@Test
	void accountRangesCoverEveryAccountOnceInOrder() {
		member(programme());
		AccountRanges ranges = AccountRanges.of(this.jdbc, 3);
		long accounts = this.jdbc.sql("SELECT count(*) FROM loyalty_balance").query(Long.class).single();

		assertThat(ranges.ranges().get(0).after()).isEqualTo(AccountRanges.FIRST);
		assertThat(ranges.ranges().get(ranges.ranges().size() - 1).upTo()).isEqualTo(AccountRanges.LAST);
		long covered = 0;
		for (int i = 0; i < ranges.ranges().size(); i++) {
			AccountRanges.Range r = ranges.ranges().get(i);
			if (i > 0) {
				assertThat(r.after()).isEqualTo(ranges.ranges().get(i - 1).upTo());
			}
			long in = this.jdbc.sql("SELECT count(*) FROM loyalty_balance WHERE account_id > ? AND account_id <= ?")
				.params(r.after(), r.upTo())
				.query(Long.class)
				.single();
			assertThat(in).isLessThanOrEqualTo(3);
			covered += in;
		}
		assertThat(covered).isGreaterThanOrEqualTo(accounts);
	}

	@Test
	void balancePagesLeaveRoomForTheNextVersionOfEveryRowSoTheJobsUpdatesStayOnThePage() {
		member(programme());
		int fillfactor = this.jdbc
			.sql("SELECT COALESCE((SELECT substring(o FROM 12)::int FROM pg_class c, unnest(c.reloptions) o "
					+ "WHERE c.relname = 'loyalty_balance' AND o LIKE 'fillfactor=%'), 100)")
			.query(Integer.class)
			.single();
		// a row on the page: the tuple rounded up to 8 bytes, and its 4-byte line pointer
		int row = this.jdbc.sql("SELECT (max(pg_column_size(b.*)) + 7) / 8 * 8 + 4 FROM loyalty_balance b")
			.query(Integer.class)
			.single();
		int usable = 8192 - 24;

		// a job updates every balance row of a page in one transaction: the rows the
		// fillfactor lets in must fit twice
		int rowsPerPage = usable * fillfactor / 100 / row;
		assertThat(rowsPerPage * row * 2).isLessThanOrEqualTo(usable);
	}

	@Test
	void theRunLedgerKeepsTheRangesOfTheLastRunsOfEachJobOnly() {
		member(programme());
		// the expiry runs of the tests before are done with
		this.jdbc.sql("DELETE FROM loyalty_job_range WHERE job = 'expiry'").update();
		for (int night = 1; night <= 3; night++) {
			this.jdbc
				.sql("INSERT INTO loyalty_job_range (job, as_of, after_id, up_to, done_at) "
						+ "VALUES ('expiry', ?, ?, ?, now())")
				.params(ProgrammeStore.utc(Instant.parse("1990-01-0" + night + "T02:15:00Z")), AccountRanges.FIRST,
						AccountRanges.LAST)
				.update();
		}
		LedgerJobs keepingTwo = new LedgerJobs(this.jdbc, this.transactions, this.clock, 3, 2, 2, 12);
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
		Instant today = Instant.now().truncatedTo(ChronoUnit.MICROS);

		keepingTwo.expire(yesterday);
		keepingTwo.expire(today);

		List<Instant> runs = this.jdbc
			.sql("SELECT DISTINCT as_of FROM loyalty_job_range WHERE job = 'expiry' ORDER BY as_of")
			.query((rs, n) -> ProgrammeStore.instant(rs, "as_of"))
			.list();
		assertThat(runs).containsExactly(yesterday, today);
		assertThat(this.jdbc.sql("SELECT count(*) FROM loyalty_job_range WHERE job = 'expiry' AND as_of = ?")
			.param(ProgrammeStore.utc(today))
			.query(Long.class)
			.single()).isEqualTo(AccountRanges.of(this.jdbc, 3).ranges().size());
		// a rerun of a run still kept reuses its ranges
		assertThat(keepingTwo.expire(yesterday).lots()).isZero();
		assertThat(this.jdbc.sql("SELECT count(DISTINCT as_of) FROM loyalty_job_range WHERE job = 'expiry'")
			.query(Long.class)
			.single()).isEqualTo(2);
		// a run older than those kept keeps its own ranges while it runs
		Instant older = Instant.parse("1990-01-05T02:15:00Z");
		assertThat(keepingTwo.expire(older).lots()).isZero();
		assertThat(undone("expiry", older)).isZero();
	}

	private long undone(String job, Instant asOf) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_job_range WHERE job = ? AND as_of = ? AND done_at IS NULL")
			.params(job, ProgrammeStore.utc(asOf))
			.query(Long.class)
			.single();
	}

	@Test
	void consecutiveRangesStillToDoAreReadTogetherAndARangeDoneEndsAScan() {
		List<AccountRanges.Range> r = new java.util.ArrayList<>();
		for (int i = 0; i < 7; i++) {
			r.add(new AccountRanges.Range(new UUID(0, i), new UUID(0, i + 1)));
		}
		List<LedgerJobs.Planned> plan = List.of(new LedgerJobs.Planned(r.get(0), false),
				new LedgerJobs.Planned(r.get(1), false), new LedgerJobs.Planned(r.get(2), false),
				new LedgerJobs.Planned(r.get(3), true), new LedgerJobs.Planned(r.get(4), false),
				new LedgerJobs.Planned(r.get(5), true), new LedgerJobs.Planned(r.get(6), false));

		assertThat(LedgerJobs.scans(plan, 2)).containsExactly(List.of(r.get(0), r.get(1)), List.of(r.get(2)),
				List.of(r.get(4)), List.of(r.get(6)));
		assertThat(LedgerJobs.scans(plan, 1)).hasSize(5);
	}

	@Test
	void idsDrawnOnceForAStatementAreDistinctVersion7IdsInTheStatementsRowOrderAndApartFromAnotherStatements() {
		long before = System.currentTimeMillis();
		String series = "SELECT loyalty_uuid_v7_of((SELECT loyalty_uuid_v7_base()), row_number() OVER (ORDER BY g)) "
				+ "FROM generate_series(1, 20000) g ORDER BY g";
		List<UUID> ids = this.jdbc.sql(series).query(UUID.class).list();
		List<UUID> others = this.jdbc.sql(series).query(UUID.class).list();
		long after = System.currentTimeMillis();

		assertThat(ids).hasSize(20000).doesNotHaveDuplicates();
		for (UUID id : ids) {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(id.getMostSignificantBits() >>> 16).isBetween(before - 5_000, after + 5_000);
		}
		// the row's number in the last 32 bits: in row order, so the rows of one
		// statement follow each other in the primary key
		for (int i = 0; i < ids.size(); i++) {
			assertThat(ids.get(i).getLeastSignificantBits() & 0xFFFFFFFFL).isEqualTo(i + 1);
		}
		assertThat(ids).isSortedAccordingTo(Comparator.comparing(UUID::toString));
		// another statement draws its own time and random bits: no id in common
		assertThat(others).doesNotContainAnyElementsOf(ids);
		assertThat(others.get(0).getLeastSignificantBits() >>> 32)
			.isNotEqualTo(ids.get(0).getLeastSignificantBits() >>> 32);
	}

	@Test
	void idsMadeInSqlForTheJobsRowsAreDistinctVersion7IdsOfTheMomentTheyWereWritten() {
		long before = System.currentTimeMillis();
		List<UUID> ids = this.jdbc.sql("SELECT loyalty_uuid_v7() FROM generate_series(1, 20000)")
			.query(UUID.class)
			.list();
		long after = System.currentTimeMillis();

		assertThat(ids).doesNotHaveDuplicates();
		for (UUID id : ids) {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
			// the first 48 bits: milliseconds since the epoch, those of the database's
			// clock
			assertThat(id.getMostSignificantBits() >>> 16).isBetween(before - 5_000, after + 5_000);
		}
		// random bits in both halves, not a counter
		assertThat(ids.stream().map((id) -> id.getMostSignificantBits() & 0x0FFFL).distinct().count())
			.isGreaterThan(3_000);
		assertThat(ids.stream().map((id) -> id.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL).distinct().count())
			.isEqualTo(ids.size());
	}

	@Test
	void accountsAreNeverDeleted() {
		UUID account = member(programme());

		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM loyalty_account WHERE id = ?").param(account).update())
			.hasMessageContaining("never deleted");
	}

	private long undoneRanges(Instant asOf) {
		return this.jdbc
			.sql("SELECT count(*) FROM loyalty_job_range WHERE job = 'activation' AND as_of = ? AND done_at IS NULL")
			.param(ProgrammeStore.utc(asOf))
			.query(Long.class)
			.single();
	}

	private List<Instant> doneAt(Instant asOf) {
		return this.jdbc
			.sql("SELECT done_at FROM loyalty_job_range WHERE job = 'activation' AND as_of = ? AND done_at IS NOT NULL")
			.param(ProgrammeStore.utc(asOf))
			.query((rs, n) -> ProgrammeStore.instant(rs, "done_at"))
			.list();
	}

	private long availableInLots(UUID account) {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lot WHERE account_id = ? AND status = 'AVAILABLE'")
			.param(account)
			.query(Long.class)
			.single();
	}

	private long activations(UUID account) {
		return this.jdbc
			.sql("SELECT count(*) FROM loyalty_movement m JOIN loyalty_lot l ON l.id = m.lot_id "
					+ "WHERE m.account_id = ? AND m.kind = 'ACTIVATE' AND m.idempotency_key = 'activate:' || l.id")
			.param(account)
			.query(Long.class)
			.single();
	}

}
