package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.platform.Ids;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The programme figures read from the roll-up of closed months (ADR 0061) are the figures
 * of the whole ledger summed month by month, whatever was recorded late, interrupted or
 * migrated.
 */
@IntegrationTest
class FiguresRollUpTest {

	/** The figures summed from the ledger for every month on its own: the reference. */
	private static final String WHOLE_LEDGER = """
			WITH months AS (
			  SELECT gs AS month, gs AT TIME ZONE 'UTC' AS s, (gs + interval '1 month') AT TIME ZONE 'UTC' AS e
			  FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 month') gs
			), acc AS (
			  SELECT id, enrolled_at, status FROM loyalty_account WHERE programme_id = :programme
			)
			SELECT to_char(mo.month, 'YYYY-MM') AS month,
			  (SELECT count(*) FROM acc WHERE acc.enrolled_at < mo.e AND acc.status <> 'MERGED') AS members,
			  (SELECT count(*) FROM customer c WHERE c.created_at < mo.e AND c.status <> 'MERGED') AS customers,
			  (SELECT count(*) FROM acc WHERE
			     EXISTS (SELECT 1 FROM loyalty_movement m WHERE m.account_id = acc.id
			             AND m.kind NOT IN ('ACTIVATE', 'EXPIRE', 'TRANSFER')
			             AND m.occurred_at >= mo.s AND m.occurred_at < mo.e)
			     OR EXISTS (SELECT 1 FROM loyalty_purchase lp WHERE lp.account_id = acc.id
			             AND lp.occurred_at >= mo.s AND lp.occurred_at < mo.e)) AS active,
			  (SELECT COALESCE(SUM(m.available_delta + m.pending_delta), 0) FROM loyalty_movement m JOIN acc
			     ON acc.id = m.account_id WHERE m.occurred_at >= mo.s AND m.occurred_at < mo.e
			     AND (m.kind IN ('EARN', 'PENDING', 'REVERSE') OR (m.kind = 'ADJUST' AND m.available_delta > 0)))
			     AS issued,
			  (SELECT COALESCE(-SUM(m.available_delta), 0) FROM loyalty_movement m JOIN acc ON acc.id = m.account_id
			     WHERE m.occurred_at >= mo.s AND m.occurred_at < mo.e AND m.kind IN ('REDEEM', 'CANCEL')) AS redeemed,
			  (SELECT COALESCE(-SUM(m.available_delta), 0) FROM loyalty_movement m JOIN acc ON acc.id = m.account_id
			     WHERE m.occurred_at >= mo.s AND m.occurred_at < mo.e AND m.kind = 'EXPIRE') AS expired,
			  (SELECT COALESCE(SUM(m.available_delta + m.pending_delta), 0) FROM loyalty_movement m JOIN acc
			     ON acc.id = m.account_id WHERE m.occurred_at < mo.e) AS outstanding,
			  (SELECT COALESCE(SUM(m.available_delta + m.pending_delta), 0) FROM loyalty_movement m JOIN acc
			     ON acc.id = m.account_id WHERE m.occurred_at < mo.e
			     AND (m.kind IN ('EARN', 'PENDING', 'REVERSE') OR (m.kind = 'ADJUST' AND m.available_delta > 0)))
			     AS issued_to_date,
			  (SELECT COALESCE(-SUM(m.available_delta), 0) FROM loyalty_movement m JOIN acc ON acc.id = m.account_id
			     WHERE m.occurred_at < mo.e AND m.kind IN ('REDEEM', 'CANCEL')) AS redeemed_to_date
			FROM months mo ORDER BY mo.month
			""";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Ledger ledger;

	@Autowired
	ProgrammeStore programmes;

	@Autowired
	ProgrammeFigures figures;

	@Autowired
	FiguresRollUp rollUp;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	private LoyaltyFixture fx() {
		return new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	private UUID member(LoyaltyFixture fx, LoyaltyProgramme programme) {
		return UUID.fromString(fx.enrol(programme, fx.customer()).get("accountId").asString());
	}

	/**
	 * Points earned, pending or already available (a late purchase's return window may be
	 * over).
	 */
	private long earned(UUID account) {
		MemberSummary member = this.loyalty.member(account);
		return member.available() + member.pending();
	}

	private static YearMonth now() {
		return YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
	}

	private static Instant middleOf(YearMonth month) {
		return month.atDay(14).atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

	/** A movement dated {@code at}, appended as the engine appends one. */
	private void append(UUID account, MovementKind kind, long available, long pending, Instant at) {
		inTransaction(account, () -> this.ledger.append(entry(account, kind, available, pending, at)));
	}

	/**
	 * A lot opened by a movement dated {@code at}, with the purchase that earned it:
	 * pending until {@code due}, or available and expiring then.
	 */
	private void openLot(UUID account, MovementKind kind, long points, Instant at, Ledger.PurchaseRow purchase,
			Instant due) {
		boolean pending = kind == MovementKind.PENDING;
		inTransaction(account,
				() -> this.ledger.appendWithLot(entry(account, kind, pending ? 0 : points, pending ? points : 0, at),
						pending ? due : at, pending ? null : due, purchase));
	}

	/** Work on an account locked, as the engine does it. */
	private void inTransaction(UUID account, Runnable work) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.ledger.lock(account);
			work.run();
		});
	}

	private static Ledger.Entry entry(UUID account, MovementKind kind, long available, long pending, Instant at) {
		return new Ledger.Entry(account, kind, available, pending, "Test " + kind, "STAFF", null,
				"t-" + LoyaltyFixture.unique(), at, null, null);
	}

	/** The figures read, and the same figures summed from the whole ledger. */
	private void assertFiguresEqualTheWholeLedger(ProgrammeFigures figures, LoyaltyProgramme programme, YearMonth from,
			YearMonth to) {
		List<MonthFigures> read = figures.monthly(programme.code(), from, to);
		List<MonthFigures> whole = this.jdbc.sql(WHOLE_LEDGER)
			.param("from", from.atDay(1).atStartOfDay())
			.param("to", to.atDay(1).atStartOfDay())
			.param("programme", programme.id())
			.query((rs, n) -> {
				long members = rs.getLong("members");
				long customers = rs.getLong("customers");
				long outstanding = rs.getLong("outstanding");
				return new MonthFigures(rs.getString("month"), members, customers,
						ProgrammeFigures.ratio(members, customers), rs.getLong("active"), rs.getLong("issued"),
						rs.getLong("redeemed"), rs.getLong("expired"), outstanding, programme.valueOf(outstanding),
						programme.currency(),
						ProgrammeFigures.ratio(rs.getLong("redeemed_to_date"), rs.getLong("issued_to_date")));
			})
			.list();
		assertThat(read).isEqualTo(whole);
	}

	@Test
	void aPurchaseRecordedLateCountsInTheClosedMonthItWasMadeIn() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(30, NegativeBalancePolicy.CAP_AT_ZERO, null);
		YearMonth now = now();
		YearMonth closed = now.minusMonths(2);
		UUID ana = member(fx, programme);
		UUID ben = member(fx, programme);
		String sku = fx.product("books");
		assertThat(this.figures.monthly(programme.code(), closed, now).get(0).pointsIssued()).isZero();

		String when = middleOf(closed).toString();
		fx.record(fx.purchase(this.loyalty.member(ana).customerId(), when, sku, "60.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> earned(ana) == 10);

		List<MonthFigures> months = this.figures.monthly(programme.code(), closed, now);
		assertThat(months.get(0).month()).isEqualTo(closed.toString());
		assertThat(months.get(0).pointsIssued()).isEqualTo(10);
		assertThat(months.get(0).activeMembers()).isEqualTo(1);
		assertThat(months.get(1).pointsIssued()).isZero();
		assertThat(months.get(1).outstandingPoints()).isEqualTo(10);
		assertThat(months.get(2).outstandingPoints()).isEqualTo(10);

		fx.record(fx.purchase(this.loyalty.member(ben).customerId(), when, sku, "120.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> earned(ben) == 20);

		months = this.figures.monthly(programme.code(), closed, now);
		assertThat(months.get(0).pointsIssued()).isEqualTo(30);
		assertThat(months.get(0).activeMembers()).isEqualTo(2);
		assertFiguresEqualTheWholeLedger(this.figures, programme, closed.minusMonths(1), now);
	}

	@Test
	void theFiguresEqualTheWholeLedgerSummedMonthByMonthWhateverWasRecordedBetweenReads() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		LoyaltyProgramme other = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		List<UUID> members = List.of(member(fx, programme), member(fx, programme), member(fx, programme),
				member(fx, other));
		YearMonth now = now();
		Random random = new Random(61);
		for (int round = 0; round < 4; round++) {
			for (int i = 0; i < 12; i++) {
				UUID account = members.get(random.nextInt(members.size()));
				Instant at = middleOf(now.minusMonths(random.nextInt(6))).plus(random.nextInt(48), ChronoUnit.HOURS);
				long points = 10 + random.nextInt(90);
				switch (random.nextInt(7)) {
					case 0 -> append(account, MovementKind.ADJUST, points, 0, at);
					case 1 -> append(account, MovementKind.ADJUST, -points, 0, at);
					case 2 -> openLot(account, MovementKind.PENDING, points, at,
							new Ledger.PurchaseRow(Ids.next(), BigDecimal.valueOf(points * 6), points, at, false),
							at.plus(14, ChronoUnit.DAYS));
					case 3 -> append(account, MovementKind.REDEEM, -points, 0, at);
					case 4 -> openLot(account, MovementKind.ADJUST, points, at, null, at.plus(30, ChronoUnit.DAYS));
					case 5 -> append(account, MovementKind.TRANSFER, points, 0, at);
					default -> inTransaction(account, () -> this.ledger.recordPurchase(account,
							new Ledger.PurchaseRow(Ids.next(), BigDecimal.valueOf(points), 0, at, false)));
				}
			}
			// the jobs activate and expire the lots that are due, dated when they fell
			// due
			this.loyalty.activatePending(Instant.now());
			this.loyalty.expirePoints(Instant.now());
			assertFiguresEqualTheWholeLedger(this.figures, programme, now.minusMonths(7), now);
			assertFiguresEqualTheWholeLedger(this.figures, other, now.minusMonths(7), now.plusMonths(1));
		}
	}

	@Test
	void aLatePurchaseThatEarnedNothingMakesTheMemberActiveInItsClosedMonth() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		UUID account = member(fx, programme);
		YearMonth closed = now().minusMonths(4);
		assertThat(this.figures.monthly(programme.code(), closed, closed).get(0).activeMembers()).isZero();

		inTransaction(account, () -> this.ledger.recordPurchase(account,
				new Ledger.PurchaseRow(Ids.next(), new BigDecimal("3.50"), 0, middleOf(closed), true)));

		MonthFigures month = this.figures.monthly(programme.code(), closed, closed).get(0);
		assertThat(month.activeMembers()).isEqualTo(1);
		assertThat(month.pointsIssued()).isZero();
	}

	@Test
	void theNightlyRefreshCountsTheLastClosedMonthAgainForAPurchaseWhoseEarningCameLate() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		UUID account = member(fx, programme);
		YearMonth closed = now().minusMonths(1);
		assertThat(this.figures.monthly(programme.code(), closed, closed).get(0).activeMembers()).isZero();
		// the interaction was recorded an hour ago; its earning (nothing earned) comes
		// now
		UUID interaction = Ids.next(Instant.now().minus(1, ChronoUnit.HOURS).toEpochMilli());
		inTransaction(account, () -> this.ledger.recordPurchase(account,
				new Ledger.PurchaseRow(interaction, new BigDecimal("4.00"), 0, middleOf(closed), true)));

		assertThat(this.rollUp.refreshNightly().counted()).contains(closed);

		assertThat(storedActive(programme, closed)).isEqualTo(1);
		assertThat(this.figures.monthly(programme.code(), closed, closed).get(0).activeMembers()).isEqualTo(1);
	}

	@Test
	void anInterruptedRefreshLeavesTheRollUpAsItWasAndTheNextOneCountsTheMonth() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		UUID account = member(fx, programme);
		YearMonth closed = now().minusMonths(3);
		append(account, MovementKind.ADJUST, 100, 0, middleOf(closed));
		assertThat(this.figures.monthly(programme.code(), closed, closed).get(0).pointsIssued()).isEqualTo(100);
		Instant through = recordedThrough();

		append(account, MovementKind.ADJUST, 50, 0, middleOf(closed));
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			assertThat(this.rollUp.refreshInTransaction(false).counted()).contains(closed);
			assertThat(storedIssued(programme, closed)).isEqualTo(150);
			status.setRollbackOnly();
		});

		assertThat(storedIssued(programme, closed)).isEqualTo(100);
		assertThat(recordedThrough()).isEqualTo(through);
		assertThat(this.figures.monthly(programme.code(), closed, closed).get(0).pointsIssued()).isEqualTo(150);
		assertThat(storedIssued(programme, closed)).isEqualTo(150);
	}

	@Test
	void theMonthThatJustClosedIsCountedIntoTheRollUpAndReadsTheSame() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.ALLOW, null);
		UUID account = member(fx, programme);
		YearMonth now = now();
		append(account, MovementKind.ADJUST, 70, 0, Instant.now());
		append(account, MovementKind.REDEEM, -20, 0, Instant.now());
		assertThat(this.figures.monthly(programme.code(), now, now).get(0).pointsIssued()).isEqualTo(70);
		assertThat(storedIssued(programme, now)).isNull();

		Clock nextMonth = Clock.fixed(now.plusMonths(1).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC),
				ZoneOffset.UTC);
		FiguresRollUp later = new FiguresRollUp(this.jdbc, this.transactionManager, nextMonth);
		try {
			FiguresRollUp.Refresh refresh = later.refresh();
			assertThat(refresh.counted()).contains(now);
			assertThat(refresh.openFrom()).isEqualTo(now.plusMonths(1));
			assertThat(storedIssued(programme, now)).isEqualTo(70);
			assertFiguresEqualTheWholeLedger(
					new ProgrammeFigures(this.jdbc, this.programmes, later, this.transactionManager, nextMonth),
					programme, now.minusMonths(1), now.plusMonths(1));
		}
		finally {
			new TransactionTemplate(this.transactionManager).executeWithoutResult((s) -> this.rollUp.invalidate());
		}
		assertThat(this.figures.monthly(programme.code(), now, now).get(0).pointsRedeemed()).isEqualTo(20);
	}

	@Test
	void aMigrationMakesTheNextRefreshCountEveryClosedMonthAgain() {
		LoyaltyFixture fx = fx();
		LoyaltyProgramme from = fx.programme(30, NegativeBalancePolicy.ALLOW, null);
		LoyaltyProgramme to = fx.programme(30, NegativeBalancePolicy.ALLOW, null);
		UUID account = member(fx, from);
		YearMonth closed = now().minusMonths(1);
		String sku = fx.product("garden");
		fx.record(fx.purchase(this.loyalty.member(account).customerId(), middleOf(closed).toString(), sku, "30.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> earned(account) == 5);
		assertThat(this.figures.monthly(to.code(), closed, closed).get(0).activeMembers()).isZero();

		this.loyalty.migrateProgramme(from.code(), to.code());

		assertThat(this.jdbc.sql("SELECT count(*) FROM loyalty_figures_state").query(Long.class).single()).isZero();
		assertThat(this.rollUp.refresh().full()).isTrue();
		// the purchase moved with the member: the target programme counts them active
		// then
		assertThat(this.figures.monthly(to.code(), closed, closed).get(0).activeMembers()).isEqualTo(1);
		assertFiguresEqualTheWholeLedger(this.figures, from, closed.minusMonths(1), now());
		assertFiguresEqualTheWholeLedger(this.figures, to, closed.minusMonths(1), now());
	}

	@Test
	void everyIdDrawnAtOrAfterAnInstantSortsAfterItsLowestId() {
		Instant at = Instant.now();
		UUID lowest = FiguresRollUp.lowestIdAt(at);
		Random random = new Random(7);
		for (int i = 0; i < 200; i++) {
			UUID same = Ids.next(at.toEpochMilli(), random.nextLong());
			UUID later = Ids.next(at.toEpochMilli() + 1 + random.nextInt(1_000_000), random.nextLong());
			UUID earlier = Ids.next(at.toEpochMilli() - 1 - random.nextInt(1_000_000), random.nextLong());
			assertThat(this.jdbc.sql("SELECT :low <= :same AND :low <= :later AND :low > :earlier")
				.param("low", lowest)
				.param("same", same)
				.param("later", later)
				.param("earlier", earlier)
				.query(Boolean.class)
				.single()).isTrue();
		}
	}

	private Long storedIssued(LoyaltyProgramme programme, YearMonth month) {
		return this.jdbc.sql("SELECT issued FROM loyalty_figures_month WHERE programme_id = ? AND month = ?")
			.params(programme.id(), month.atDay(1))
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private Long storedActive(LoyaltyProgramme programme, YearMonth month) {
		return this.jdbc.sql("SELECT active FROM loyalty_figures_month WHERE programme_id = ? AND month = ?")
			.params(programme.id(), month.atDay(1))
			.query(Long.class)
			.single();
	}

	private Instant recordedThrough() {
		return this.jdbc.sql("SELECT recorded_through FROM loyalty_figures_state")
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant();
	}

}
