package org.rapport.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Rewards, redemptions and vouchers through the HTTP API on the real database. */
@IntegrationTest
class RewardsApiTest {

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
	Rewards rewards;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	LoyaltyFixture fx;

	LoyaltyProgramme programme;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
		this.programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
	}

	@Test
	void aRedeemedRewardGivesAVoucherThatIsVerifiedAndConsumedOnlyOnce() {
		UUID account = member(500);
		String reward = reward(Map.of("name", "Cinema ticket", "costPoints", 300, "stock", 5));

		MvcTestResult redeemed = redeem(account, reward, "r-" + LoyaltyFixture.unique());
		assertThat(redeemed).hasStatus(201);
		String code = this.fx.body(redeemed).get("voucherCode").asString();
		assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
		assertThat(this.loyalty.member(account).available()).isEqualTo(200);
		assertThat(stock(reward)).isEqualTo(4);

		JsonNode check = this.fx.body(this.fx.get(this.fx.as(Role.SALES), VoucherApi.VOUCHERS + "/" + code));
		assertThat(check.get("status").asString()).isEqualTo("VALID");
		assertThat(check.get("redemption").get("rewardName").asString()).isEqualTo("Cinema ticket");
		assertThat(check.get("member").get("accountId").asString()).isEqualTo(account.toString());

		String typedSloppily = code.toLowerCase().replace("-", " ");
		MvcTestResult first = consume(typedSloppily, "till-1");
		assertThat(first).hasStatus(200);
		assertThat(this.fx.body(first).get("status").asString()).isEqualTo("CONSUMED");
		assertThat(consume(code, "till-1")).as("a retry of the same use").hasStatus(200);
		MvcTestResult second = consume(code, "till-2");
		assertThat(second).hasStatus(409);
		assertThat(this.fx.body(second).get("type").asString()).endsWith("voucher-consumed");
		assertThat(this.fx.body(this.fx.get(this.fx.as(Role.SALES), VoucherApi.VOUCHERS + "/" + code))
			.get("status")
			.asString()).isEqualTo("CONSUMED");
	}

	@Test
	void aMembersVoucherIsUsedByItsRedemptionWithoutTheCodeOnlyOnce() {
		UUID account = member(500);
		String reward = reward(Map.of("name", "Theatre ticket", "costPoints", 200));
		JsonNode redeemed = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique()));
		String id = redeemed.get("id").asString();

		MvcTestResult first = consumeHeld(id, "till-1");
		assertThat(first).hasStatus(200);
		assertThat(this.fx.body(first).get("status").asString()).isEqualTo("CONSUMED");
		assertThat(this.fx.body(first).get("member").get("accountId").asString()).isEqualTo(account.toString());
		assertThat(consumeHeld(id, "till-1")).as("a retry of the same use").hasStatus(200);
		MvcTestResult second = consumeHeld(id, "till-2");
		assertThat(second).hasStatus(409);
		assertThat(this.fx.body(second).get("type").asString()).endsWith("voucher-consumed");
		// the code says the same: used once
		assertThat(consume(redeemed.get("voucherCode").asString(), "till-3")).hasStatus(409);
		assertThat(this.loyalty.member(account).available()).isEqualTo(300);
		// who used it without the code is kept, once
		assertThat(this.audit.entriesAbout("loyalty_redemption", id))
			.filteredOn((e) -> e.action().equals("loyalty.voucher-used-without-code"))
			.singleElement()
			.satisfies((e) -> assertThat(e.summary()).contains("Theatre ticket"));
	}

	@Test
	void everyVoucherAMemberHoldsUnusedIsListedSoonestToExpireFirstHoweverManyRedemptionsCameAfterIt() {
		UUID account = member(1000);
		String reward = reward(Map.of("name", "Lamp", "costPoints", 100, "voucherValidDays", 90));
		String lamp = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique())).get("id").asString();
		// more redemptions after it than the latest hundred, each a voucher valid for a
		// day
		List<Redemption> payments = new ArrayList<>();
		for (int i = 0; i < 105; i++) {
			payments.add(this.rewards.payWithPoints(account, 1, "Receipt " + i, "pay-" + LoyaltyFixture.unique()));
		}
		assertThat(consumeHeld(payments.get(0).id().toString(), "till-1")).hasStatus(200);
		this.rewards.cancelRedemption(payments.get(1).id(), "Wrong receipt");

		JsonNode open = this.fx.body(this.fx.get(this.fx.as(Role.SALES),
				MemberApi.MEMBERS + "/" + account + "/reward-redemptions?open=true"));
		assertThat(open).hasSize(104);
		assertThat(open.findValuesAsString("status")).containsOnly("ISSUED");
		assertThat(open.get(103).get("id").asString()).as("the 90-day voucher expires last").isEqualTo(lamp);
		assertThat(open.findValuesAsString("id")).doesNotContain(payments.get(0).id().toString(),
				payments.get(1).id().toString());
		List<Instant> ends = open.findValuesAsString("expiresAt").stream().map(Instant::parse).toList();
		assertThat(ends).isSorted();
		assertThat(this.rewards.openVouchersOf(account)).extracting((r) -> r.id().toString())
			.containsExactlyElementsOf(open.findValuesAsString("id"));
		// the history answers the latest 200 redemptions, newest first: all 106 here
		JsonNode latest = this.fx
			.body(this.fx.get(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/reward-redemptions"));
		assertThat(latest.findValuesAsString("id")).hasSize(106).contains(lamp);
	}

	@Test
	void aCancelledVoucherCannotBeUsedByItsRedemptionAndAnUnknownRedemptionIsNotFound() {
		UUID account = member(100);
		String reward = reward(Map.of("name", "Mug", "costPoints", 100));
		String id = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique())).get("id").asString();
		assertThat(this.fx.post(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + id + "/cancellation", Map.of(),
				null))
			.hasStatus(200);

		MvcTestResult refused = consumeHeld(id, "till-1");

		assertThat(refused).hasStatus(409);
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("voucher-cancelled");
		assertThat(this.loyalty.member(account).available()).isEqualTo(100);
		assertThat(consumeHeld(UUID.randomUUID().toString(), "till-2")).hasStatus(404);
	}

	@Test
	void usingAVoucherByItsRedemptionNeedsLoyaltyWrite() {
		UUID account = member(100);
		String reward = reward(Map.of("name", "Badge", "costPoints", 100));
		String id = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique())).get("id").asString();

		assertThat(this.fx.post(this.fx.as(Role.MARKETER), RewardApi.REDEMPTIONS + "/" + id + "/consumption", Map.of(),
				"till-1"))
			.hasStatus(403);
		assertThat(this.fx.body(this.fx.get(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + id))
			.get("status")
			.asString()).isEqualTo("ISSUED");
	}

	@Test
	void theUptakeOfARewardCountsWhatStandsAndWhatBecameOfItsVouchers() {
		UUID ana = member(1_000);
		UUID ben = member(1_000);
		String tea = reward(Map.of("name", "Tea", "costPoints", 100));
		String untouched = reward(Map.of("name", "Umbrella", "costPoints", 900));
		JsonNode used = this.fx.body(redeem(ana, tea, "r-" + LoyaltyFixture.unique()));
		consume(used.get("voucherCode").asString(), null);
		redeem(ana, tea, "r-" + LoyaltyFixture.unique());
		String expiring = this.fx.body(redeem(ben, tea, "r-" + LoyaltyFixture.unique())).get("id").asString();
		String cancelled = this.fx.body(redeem(ben, tea, "r-" + LoyaltyFixture.unique())).get("id").asString();
		this.fx.post(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + cancelled + "/cancellation", Map.of(), null);
		// a month goes by for one voucher: it ends unused
		this.jdbc.sql("UPDATE loyalty_redemption SET expires_at = now() - interval '1 day' WHERE id = ?::uuid")
			.param(expiring)
			.update();

		JsonNode uptake = this.fx.body(this.fx.get(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/rewards/uptake"));

		assertThat(uptake).hasSize(2);
		JsonNode t = uptake.get(0).get("rewardId").asString().equals(tea) ? uptake.get(0) : uptake.get(1);
		assertThat(List.of(t.get("redeemed").asLong(), t.get("points").asLong(), t.get("members").asLong(),
				t.get("used").asLong(), t.get("open").asLong(), t.get("expiredUnused").asLong(),
				t.get("cancelled").asLong()))
			.as("redeemed, points, members, used, open, expired unused, cancelled")
			.containsExactly(3L, 300L, 2L, 1L, 1L, 1L, 1L);
		JsonNode u = (t == uptake.get(0)) ? uptake.get(1) : uptake.get(0);
		assertThat(u.get("rewardId").asString()).isEqualTo(untouched);
		assertThat(u.get("redeemed").asLong()).isZero();
		assertThat(u.get("used").asLong()).isZero();
		assertThat(u.get("cancelled").asLong()).isZero();
	}

	@Test
	void aCodeWithAWrongCheckCharacterIsRefusedAndAnUnknownOneIsNotFound() {
		VoucherCode unknown = VoucherCode.generate();
		char last = unknown.value().charAt(15);
		String typo = unknown.value().substring(0, 15) + ((last == '0') ? '1' : '0');
		assertThat(this.fx.get(this.fx.as(Role.SALES), VoucherApi.VOUCHERS + "/" + typo)).hasStatus(400);
		assertThat(this.fx.get(this.fx.as(Role.SALES), VoucherApi.VOUCHERS + "/" + unknown.display())).hasStatus(404);
	}

	@Test
	void aRepeatedRedemptionKeyAnswersTheSameRedemptionAndSpendsOnce() {
		UUID account = member(500);
		String reward = reward(Map.of("name", "Mug", "costPoints", 100));
		String key = "r-" + LoyaltyFixture.unique();

		JsonNode first = this.fx.body(redeem(account, reward, key));
		JsonNode again = this.fx.body(redeem(account, reward, key));

		assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(again.get("voucherCode").isNull()).isTrue();
		assertThat(again.get("voucherHint").asString()).isEqualTo(first.get("voucherCode").asString().substring(15));
		assertThat(this.loyalty.member(account).available()).isEqualTo(400);
	}

	@Test
	void cancellingARedemptionReturnsThePointsToTheirLotsAndTheStock() {
		UUID account = member(0);
		this.loyalty.adjust(account, 200, "Older gift", "old");
		this.loyalty.adjust(account, 300, "Newer gift", "new");
		String reward = reward(Map.of("name", "Lamp", "costPoints", 250, "stock", 1));
		String id = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique())).get("id").asString();
		assertThat(remainingByLot(account)).containsExactly(0L, 250L);

		MvcTestResult cancelled = this.fx.post(this.fx.as(Role.SALES),
				RewardApi.REDEMPTIONS + "/" + id + "/cancellation", Map.of(), null);

		assertThat(cancelled).hasStatus(200);
		assertThat(this.fx.body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.loyalty.member(account).available()).isEqualTo(500);
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(500, 0));
		assertThat(remainingByLot(account)).containsExactly(200L, 300L);
		assertThat(stock(reward)).isEqualTo(1);
		assertThat(this.fx.post(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + id + "/cancellation", Map.of(),
				null))
			.as("cancelling again changes nothing")
			.hasStatus(200);
		assertThat(this.loyalty.member(account).available()).isEqualTo(500);
		assertThat(this.loyalty.ledger(account, 0, 10).items().get(0).kind()).isEqualTo(MovementKind.CANCEL);
	}

	@Test
	void aConsumedVoucherCannotBeCancelled() {
		UUID account = member(100);
		String reward = reward(Map.of("name", "Pen", "costPoints", 100));
		JsonNode r = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique()));
		consume(r.get("voucherCode").asString(), null);

		MvcTestResult cancel = this.fx.post(this.fx.as(Role.SALES),
				RewardApi.REDEMPTIONS + "/" + r.get("id").asString() + "/cancellation", Map.of(), null);

		assertThat(cancel).hasStatus(409);
		assertThat(this.loyalty.member(account).available()).isZero();
	}

	@Test
	void concurrentRedemptionsNeverTakeMoreThanTheStock() throws Exception {
		int threads = 8;
		int stock = 3;
		String reward = reward(Map.of("name", "Limited print", "costPoints", 50, "stock", stock));
		List<UUID> members = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			members.add(member(100));
		}
		this.fx.as(Role.SALES);
		List<Integer> statuses = inParallel(threads,
				(i) -> redeem(members.get(i), reward, "r-" + i).getResponse().getStatus());

		assertThat(statuses).filteredOn((s) -> s == 201).hasSize(stock);
		assertThat(statuses).filteredOn((s) -> s == 409).hasSize(threads - stock);
		assertThat(stock(reward)).isZero();
		long spent = members.stream().filter((m) -> this.loyalty.member(m).available() == 50).count();
		assertThat(spent).isEqualTo(stock);
	}

	@Test
	void concurrentUsesOfOneVoucherConsumeItOnce() throws Exception {
		UUID account = member(100);
		String reward = reward(Map.of("name", "Scarf", "costPoints", 100));
		String code = this.fx.body(redeem(account, reward, "r-" + LoyaltyFixture.unique()))
			.get("voucherCode")
			.asString();

		List<Integer> statuses = inParallel(8, (i) -> consume(code, "till-" + i).getResponse().getStatus());

		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn((s) -> s == 409).hasSize(7);
	}

	@Test
	void aMemberCannotRedeemARewardMoreOftenThanItsLimit() {
		UUID account = member(1000);
		String reward = reward(
				Map.of("name", "Birthday cake", "costPoints", 100, "limitCount", 2, "limitPeriod", "MONTH"));
		assertThat(redeem(account, reward, "a-" + LoyaltyFixture.unique())).hasStatus(201);
		String second = this.fx.body(redeem(account, reward, "b-" + LoyaltyFixture.unique())).get("id").asString();

		MvcTestResult third = redeem(account, reward, "c-" + LoyaltyFixture.unique());
		assertThat(third).hasStatus(409);
		assertThat(this.fx.body(third).get("type").asString()).endsWith("limit-reached");

		this.fx.post(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + second + "/cancellation", Map.of(), null);
		assertThat(redeem(account, reward, "d-" + LoyaltyFixture.unique())).as("a cancelled one does not count")
			.hasStatus(201);
		assertThat(this.loyalty.member(account).available()).isEqualTo(800);
	}

	@Test
	void aRedemptionAboveTheBalanceIsRefusedWithAProblemDetail() {
		UUID account = member(99);
		String reward = reward(Map.of("name", "Headphones", "costPoints", 100, "stock", 2));

		MvcTestResult refused = redeem(account, reward, "r-" + LoyaltyFixture.unique());

		assertThat(refused).hasStatus(409);
		assertThat(refused.getResponse().getContentType()).contains("application/problem+json");
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("insufficient-points");
		assertThat(this.fx.body(refused).get("detail").asString()).contains("99");
		assertThat(this.loyalty.member(account).available()).isEqualTo(99);
		assertThat(stock(reward)).isEqualTo(2);
	}

	@Test
	void pointsPayPartOfAPurchaseAtTheirValueUpToTheBalance() {
		UUID account = member(1000);

		MvcTestResult paid = this.fx.post(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/point-payments",
				Map.of("points", 750, "reason", "Receipt 42"), "pay-" + LoyaltyFixture.unique());
		MvcTestResult tooMuch = this.fx.post(this.fx.as(Role.SALES),
				MemberApi.MEMBERS + "/" + account + "/point-payments", Map.of("points", 251),
				"pay-" + LoyaltyFixture.unique());

		assertThat(paid).hasStatus(201);
		assertThat(this.fx.body(paid).get("value").decimalValue()).isEqualByComparingTo("7.50");
		assertThat(this.fx.body(paid).get("rewardId").isNull()).isTrue();
		assertThat(tooMuch).hasStatus(409);
		assertThat(this.loyalty.member(account).available()).isEqualTo(250);
		assertThat(consume(this.fx.body(paid).get("voucherCode").asString(), null)).hasStatus(200);
	}

	@Test
	void theCatalogueListsOnlyRewardsOfferedNowUnlessAllAreAsked() {
		reward(Map.of("name", "Current", "costPoints", 10));
		reward(Map.of("name", "Retired", "costPoints", 10, "active", false));
		reward(Map.of("name", "Future", "costPoints", 10, "validFrom", "2999-01-01T00:00:00Z"));
		String uri = ProgrammeApi.BASE + "/" + this.programme.code() + "/rewards";

		JsonNode offered = this.fx.body(this.fx.get(this.fx.as(Role.MARKETER), uri));
		JsonNode all = this.fx.body(this.fx.get(this.fx.as(Role.MARKETER), uri + "?all=true"));

		assertThat(offered.findValuesAsString("name")).containsExactly("Current");
		assertThat(all.findValuesAsString("name")).containsExactlyInAnyOrder("Current", "Retired", "Future");
		assertThat(this.fx.post(this.fx.as(Role.MANAGER), uri, Map.of("name", "X", "costPoints", 1), null))
			.as("only loyalty:admin edits the catalogue")
			.hasStatus(403);
	}

	// helpers

	private UUID member(long points) {
		UUID account = UUID.fromString(this.fx.enrol(this.programme, this.fx.customer()).get("accountId").asString());
		if (points > 0) {
			this.loyalty.adjust(account, points, "Opening balance", "open-" + account);
		}
		return account;
	}

	private String reward(Map<String, Object> fields) {
		MvcTestResult r = this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/rewards", new HashMap<>(fields), null);
		assertThat(r).hasStatus(201);
		return this.fx.body(r).get("id").asString();
	}

	private MvcTestResult redeem(UUID account, String reward, String key) {
		return this.fx.post(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/reward-redemptions",
				Map.of("rewardId", reward), key);
	}

	private MvcTestResult consume(String code, String key) {
		return this.fx.post(this.fx.as(Role.SALES), VoucherApi.VOUCHERS + "/" + code + "/consumption", Map.of(), key);
	}

	private MvcTestResult consumeHeld(String redemption, String key) {
		return this.fx.post(this.fx.as(Role.SALES), RewardApi.REDEMPTIONS + "/" + redemption + "/consumption", Map.of(),
				key);
	}

	private Integer stock(String reward) {
		return this.jdbc.sql("SELECT stock FROM loyalty_reward WHERE id = ?::uuid")
			.param(reward)
			.query(Integer.class)
			.single();
	}

	private List<Long> remainingByLot(UUID account) {
		return this.jdbc.sql("SELECT remaining FROM loyalty_lot WHERE account_id = ? ORDER BY earned_at, id")
			.param(account)
			.query(Long.class)
			.list();
	}

	interface Call {

		int run(int i) throws Exception;

	}

	private static List<Integer> inParallel(int threads, Call call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				start.await();
				return call.run(n);
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> f : futures) {
			statuses.add(f.get());
		}
		pool.shutdown();
		return statuses;
	}

}
