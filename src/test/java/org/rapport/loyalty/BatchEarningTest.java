package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.InteractionsRecorded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch of interactions arrives as one {@link InteractionsRecorded}: every member
 * purchase in it earns exactly once, returns in it reverse, and delivering the same event
 * again (a retried publication) changes nothing.
 */
@IntegrationTest
@RecordApplicationEvents
class BatchEarningTest {

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
	InteractionListener listener;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	TransactionTemplate transactions;

	LoyaltyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	@Test
	void aBatchOfAThousandPurchasesEarnsForEveryMemberPurchaseExactlyOnceAndAReplayChangesNothing() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("groceries");
		String when = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		List<UUID> customers = new ArrayList<>();
		Map<UUID, UUID> accounts = new LinkedHashMap<>();
		for (int c = 0; c < 40; c++) {
			UUID customer = this.fx.customer();
			customers.add(customer);
			if (c % 2 == 0) {
				accounts.put(customer, UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString()));
			}
		}
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			// 12.00 EUR at 1 point per 6 EUR: 2 points; 25 purchases per customer
			items.add(this.fx.purchase(customers.get(i % customers.size()), when, sku, "12.00"));
		}

		JsonNode result = batch(items);

		assertThat(result.get("created").asInt()).isEqualTo(1_000);
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(accounts.values()).extracting((a) -> this.loyalty.member(a).pending())
				.containsOnly(50L));
		assertThat(this.events.stream(InteractionsRecorded.class)
			.filter((e) -> e.customerIds().contains(customers.get(0)))).singleElement()
			.satisfies((e) -> assertThat(e.interactions()).hasSize(1_000));
		assertThat(movements(accounts)).isEqualTo(500);
		assertThat(purchases(accounts)).isEqualTo(500);

		InteractionsRecorded delivered = this.events.stream(InteractionsRecorded.class)
			.filter((e) -> e.customerIds().contains(customers.get(0)))
			.findFirst()
			.orElseThrow();
		replay(delivered);

		assertThat(movements(accounts)).isEqualTo(500);
		assertThat(purchases(accounts)).isEqualTo(500);
		assertThat(accounts.values()).allSatisfy((a) -> {
			assertThat(this.loyalty.member(a).pending()).isEqualTo(50);
			assertThat(this.loyalty.sumOfLedger(a)).isEqualTo(new Balance(0, 50));
		});
	}

	@Test
	void returnsInABatchReverseTheirPurchasesOnceEach() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("shoes");
		String when = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		UUID ana = this.fx.customer();
		UUID ben = this.fx.customer();
		UUID anaAccount = UUID.fromString(this.fx.enrol(programme, ana).get("accountId").asString());
		UUID benAccount = UUID.fromString(this.fx.enrol(programme, ben).get("accountId").asString());
		String anaPurchase = this.fx.record(this.fx.purchase(ana, when, sku, 2, "30.00"));
		String benPurchase = this.fx.record(this.fx.purchase(ben, when, sku, 1, "60.00"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.loyalty.member(anaAccount).pending() == 10
					&& this.loyalty.member(benAccount).pending() == 10);

		JsonNode result = batch(List.of(this.fx.returnOf(ana, anaPurchase, when, sku, "30.00"),
				this.fx.returnOf(ben, benPurchase, when, sku, "60.00"), this.fx.purchase(ben, when, sku, "18.00")));

		assertThat(result.get("created").asInt()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.loyalty.member(anaAccount).pending() == 5
					&& this.loyalty.member(benAccount).pending() == 3);
		this.events.stream(InteractionsRecorded.class)
			.filter((e) -> e.customerIds().contains(ana) && e.interactions().size() == 3)
			.forEach(this::replay);
		assertThat(this.loyalty.sumOfLedger(anaAccount)).isEqualTo(new Balance(0, 5));
		assertThat(this.loyalty.sumOfLedger(benAccount)).isEqualTo(new Balance(0, 3));
	}

	/**
	 * Delivers the event again as a resubmitted publication would: the listener's own
	 * code in a transaction of its own, here on the test's thread so that it has finished
	 * when the assertions run.
	 */
	private void replay(InteractionsRecorded event) {
		InteractionListener target = AopTestUtils.getUltimateTargetObject(this.listener);
		this.transactions.executeWithoutResult((status) -> target.on(event));
	}

	private JsonNode batch(List<Map<String, Object>> items) {
		MvcTestResult result = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", items), null);
		assertThat(result).hasStatus(200);
		return this.fx.body(result);
	}

	private long movements(Map<UUID, UUID> accounts) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_movement WHERE account_id = ANY(?::uuid[])")
			.param(accounts.values().toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

	private long purchases(Map<UUID, UUID> accounts) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_purchase WHERE account_id = ANY(?::uuid[])")
			.param(accounts.values().toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

}
