package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.InteractionRecorded;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A purchase earns in the transaction that records it (ADR 0049): its points are there
 * when the purchase is acknowledged, with no publication for loyalty in the event log; an
 * earning that fails is rolled back to its savepoint, the sale is stored all the same and
 * its points arrive later through the durable path, exactly once.
 */
@IntegrationTest
@RecordApplicationEvents
class InlineEarningTest {

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
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	LoyaltyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	@AfterEach
	void dropTheFailingRule() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS earning_fails_in_the_recording ON loyalty_purchase").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS earning_fails_in_the_recording()").update();
	}

	@Test
	void aMemberPurchaseHasItsPointsWhenItIsAcknowledgedAndLeavesNoPublicationForLoyalty() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("groceries");
		UUID ana = this.fx.customer();
		UUID account = account(programme, ana);

		// 30.00 EUR at 1 point per 6 EUR
		String purchase = this.fx.record(this.fx.purchase(ana, yesterday(), sku, "30.00"));

		assertThat(this.loyalty.member(account).pending()).isEqualTo(5);
		assertThat(movements(account, "purchase:" + purchase)).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM event_publication
				 WHERE listener_id LIKE 'org.rapport.loyalty.%' AND serialized_event LIKE ?""")
			.param("%" + purchase + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.events.stream(EarningDeferred.class)).isEmpty();
	}

	@Test
	void aReturnReversesItsPurchaseInTheTransactionThatRecordsIt() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("shoes");
		UUID ben = this.fx.customer();
		UUID account = account(programme, ben);
		String purchase = this.fx.record(this.fx.purchase(ben, yesterday(), sku, "60.00"));

		String returned = this.fx.record(this.fx.returnOf(ben, purchase, yesterday(), sku, "30.00"));

		assertThat(this.loyalty.member(account).pending()).isEqualTo(5);
		assertThat(movements(account, "return:" + returned)).isEqualTo(1);
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(0, 5));
	}

	@Test
	void aPurchaseWhoseEarningFailsIsStoredAndItsPointsArriveLaterThroughTheDurablePathExactlyOnce() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("groceries");
		UUID ana = this.fx.customer();
		UUID ben = this.fx.customer();
		UUID unlucky = account(programme, ana);
		UUID other = account(programme, ben);
		refuseEarningInTheRecordingTransactionFor(unlucky);

		JsonNode result = batch(List.of(this.fx.purchase(ana, yesterday(), sku, "30.00"),
				this.fx.purchase(ben, yesterday(), sku, "12.00")));

		assertThat(result.get("created").asInt()).isEqualTo(2);
		String anaPurchase = idOf(result, 0);
		String benPurchase = idOf(result, 1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM interaction WHERE id IN (?::uuid, ?::uuid)")
			.params(anaPurchase, benPurchase)
			.query(Long.class)
			.single()).isEqualTo(2);
		// the whole earning went back to its savepoint and was handed on, in the same
		// transaction as the sale
		assertThat(this.events.stream(EarningDeferred.class)).singleElement()
			.satisfies((d) -> assertThat(d.interactions()).extracting(InteractionRecorded::interactionId)
				.extracting(UUID::toString)
				.containsExactly(anaPurchase, benPurchase));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.loyalty.member(unlucky).pending() == 5 && this.loyalty.member(other).pending() == 2);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("""
					SELECT count(*) FROM event_publication
					 WHERE listener_id LIKE 'org.rapport.loyalty.%' AND serialized_event LIKE ?""")
				.param("%" + anaPurchase + "%")
				.query(Long.class)
				.single() == 0);
		assertThat(movements(unlucky, "purchase:" + anaPurchase)).isEqualTo(1);
		assertThat(movements(other, "purchase:" + benPurchase)).isEqualTo(1);
		assertThat(this.loyalty.sumOfLedger(unlucky)).isEqualTo(new Balance(0, 5));
		assertThat(this.loyalty.sumOfLedger(other)).isEqualTo(new Balance(0, 2));
	}

	@Test
	void aFailedEarningNeverRefusesTheSaleOfASinglePurchase() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		String sku = this.fx.product("groceries");
		UUID cy = this.fx.customer();
		UUID account = account(programme, cy);
		refuseEarningInTheRecordingTransactionFor(account);

		String purchase = this.fx.record(this.fx.purchase(cy, yesterday(), sku, "18.00"));

		await().atMost(Duration.ofSeconds(60)).until(() -> this.loyalty.member(account).pending() == 3);
		assertThat(movements(account, "purchase:" + purchase)).isEqualTo(1);
		assertThat(this.loyalty.sumOfLedger(account)).isEqualTo(new Balance(0, 3));
	}

	/**
	 * A rule of the database refuses the purchase row of the account's earning in the
	 * transaction that recorded the purchase (the interaction's row was written by the
	 * same transaction), and accepts it in any other, as the durable path's.
	 */
	private void refuseEarningInTheRecordingTransactionFor(UUID account) {
		this.jdbc.sql("""
				CREATE FUNCTION earning_fails_in_the_recording() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.account_id = '%s'::uuid AND EXISTS (SELECT 1 FROM interaction i
				       WHERE i.id = NEW.interaction_id AND i.xmin = pg_current_xact_id()::xid) THEN
				    RAISE EXCEPTION 'earning refused in the recording transaction';
				  END IF;
				  RETURN NEW;
				END $$""".formatted(account)).update();
		this.jdbc.sql("""
				CREATE TRIGGER earning_fails_in_the_recording BEFORE INSERT ON loyalty_purchase
				FOR EACH ROW EXECUTE FUNCTION earning_fails_in_the_recording()""").update();
	}

	private UUID account(LoyaltyProgramme programme, UUID customer) {
		return UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString());
	}

	private long movements(UUID account, String key) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_movement WHERE account_id = ? AND idempotency_key = ?")
			.params(account, key)
			.query(Long.class)
			.single();
	}

	/** The id created for the batch's item at this index. */
	private static String idOf(JsonNode batch, int index) {
		for (JsonNode item : batch.get("items")) {
			if (item.get("index").asInt() == index) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("no item " + index + " in " + batch);
	}

	private static String yesterday() {
		return Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private JsonNode batch(List<Map<String, Object>> items) {
		MvcTestResult result = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions/batch",
				Map.of("items", items), null);
		assertThat(result).hasStatus(200);
		return this.fx.body(result);
	}

}
