package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Referral and event bonuses earned through recorded interactions. */
@IntegrationTest
class EarningBonusesTest {

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

	LoyaltyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
	}

	@Test
	void aReferredFriendsFirstPurchaseEarnsTheBonusForBothSidesOnce() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		this.loyalty.saveRule(programme.code(), null, new NewRule(RuleKind.REFERRAL, "bonus", "Bring a friend",
				RuleParams.referral(100, 200), null, null, null));
		UUID referrer = this.fx.customer();
		UUID referrerAccount = UUID.fromString(this.fx.enrol(programme, referrer).get("accountId").asString());
		UUID friend = this.fx.customer();
		UUID friendAccount = this.loyalty
			.enrol(programme.code(), new Enrolment(friend, referrer, null, null, null), "ref-" + UUID.randomUUID())
			.accountId();
		String sku = this.fx.product("garden");
		String when = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

		this.fx.record(this.fx.purchase(friend, when, sku, "12.00"));
		this.fx.record(this.fx.purchase(friend, when, sku, "12.00"));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(friendAccount).pending() == 2 + 100 + 2);
		assertThat(this.loyalty.member(referrerAccount).pending()).isEqualTo(200);
		assertThat(this.loyalty.sumOfLedger(referrerAccount)).isEqualTo(new Balance(0, 200));
	}

	@Test
	void aSurveyAnswerEarnsItsEventBonusAvailableAtOnceAndOnlyOnce() {
		LoyaltyProgramme programme = this.fx.programme(14, NegativeBalancePolicy.ALLOW, null);
		this.loyalty.saveRule(programme.code(), null, new NewRule(RuleKind.EVENT, "bonus", "Tell us",
				RuleParams.event("SURVEY_ANSWER", 25), null, null, null));
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(programme, customer).get("accountId").asString());
		Map<String, Object> answer = new java.util.LinkedHashMap<>(
				Map.of("customerId", customer, "kind", "SURVEY_ANSWER", "channel", "web", "occurredAt",
						Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "sourceSystem", "pos",
						"idempotencyKey", "survey-" + UUID.randomUUID()));

		this.fx.record(answer);
		this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions", answer, null);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).available() == 25);
		assertThat(this.loyalty.ledger(account, 0, 10).items()).singleElement()
			.satisfies((m) -> assertThat(m.kind()).isEqualTo(MovementKind.EARN));
	}

}
