package org.rapport.loyalty;

import java.math.BigDecimal;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers a person or a partner types into the loyalty engine stay within bounds the
 * ledger can count: a debit of the largest negative number cannot slip past a balance
 * that may not go below zero, no rule can earn more than a balance holds, and such
 * requests are refused in their field with nothing written.
 */
@IntegrationTest
class PointsWithinBoundsTest {

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

	LoyaltyProgramme programme;

	UUID account;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
		this.programme = this.fx.programme(14, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.account = UUID.fromString(this.fx.enrol(this.programme, this.fx.customer()).get("accountId").asString());
	}

	@Test
	void anAdjustmentBeyondABillionPointsEitherWayIsRefusedAndTheBalanceStays() {
		String uri = MemberApi.MEMBERS + "/" + this.account + "/adjustments";
		for (long points : List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1_000_000_001L, 1_000_000_001L)) {
			MvcTestResult refused = this.fx.post(this.fx.as(Role.ADMIN), uri,
					Map.of("points", points, "reason", "Typed by mistake"), "adj-" + UUID.randomUUID());
			assertThat(refused).hasStatus(400);
			assertThat(this.fx.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("points");
		}
		assertThat(this.loyalty.member(this.account).available()).isZero();
		assertThat(this.loyalty.sumOfLedger(this.account)).isEqualTo(new Balance(0, 0));
		assertThat(this.fx.post(this.fx.as(Role.ADMIN), uri,
				Map.of("points", Points.MAX_POINTS, "reason", "The largest correction"), "adj-" + UUID.randomUUID()))
			.hasStatus(201);
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(Points.MAX_POINTS);
	}

	@Test
	void aFractionOfAPointIsRefusedNotCutToAWholeOne() {
		MvcTestResult refused = this.fx.post(this.fx.as(Role.ADMIN),
				MemberApi.MEMBERS + "/" + this.account + "/adjustments",
				Map.of("points", new BigDecimal("1.5"), "reason", "Half a point"), "adj-" + UUID.randomUUID());
		assertThat(refused).hasStatus(400);
		assertThat(this.fx.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("points");
		assertThat(this.loyalty.member(this.account).available()).isZero();
	}

	@Test
	void aSpendRuleWhoseUnitOrRateNoLedgerCouldCountIsRefusedInItsField() {
		String uri = ProgrammeApi.BASE + "/" + this.programme.code() + "/rules";
		MvcTestResult tiny = this.fx.post(this.fx.as(Role.ADMIN), uri, Map.of("kind", "SPEND_RATIO", "group", "base",
				"name", "Tiny unit", "params", Map.of("unitAmount", new BigDecimal("1e-308"), "pointsPerUnit", 1)),
				null);
		assertThat(tiny).hasStatus(400);
		assertThat(this.fx.body(tiny).toString()).contains("params.unitAmount");
		MvcTestResult rich = this.fx.post(this.fx.as(Role.ADMIN), uri, Map.of("kind", "SPEND_RATIO", "group", "base",
				"name", "Rich rate", "params", Map.of("unitAmount", 1, "pointsPerUnit", 2_147_483_648L)), null);
		assertThat(rich).hasStatus(400);
		assertThat(this.fx.body(rich).toString()).contains("params.pointsPerUnit");
		assertThat(this.loyalty.rules(this.programme.code())).hasSize(1);
	}

	@Test
	void theRichestPurchaseUnderTheRichestRulesEarnsAtMostWhatOnePurchaseMay() {
		this.loyalty.saveRule(this.programme.code(), null, new NewRule(RuleKind.SPEND_RATIO, "base", "Rich",
				RuleParams.spendRatio(1_000_000, "0.01"), null, null, null));
		Earning earning = this.loyalty.simulate(this.programme.code(), null, new Basket("PURCHASE",
				java.time.Instant.parse("2026-01-02T10:00:00Z"), "EUR", new BigDecimal("999999999999.99"), List.of()));
		assertThat(earning.points()).isEqualTo(RulesEngine.MAX_EARNED);
	}

	@Test
	void anImpactPreviewThatNamesNoExpiryPolicyLeavesExpiryAsItIs() {
		MvcTestResult preview = this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/impact-preview",
				Map.of("settings",
						Map.of("code", this.programme.code(), "name", "Club", "currency", "EUR", "pointName", "points",
								"pointValue", 0.01, "negativeBalance", "CAP_AT_ZERO", "returnWindowDays", 14,
								"expiryMonths", 24, "expiryPeriodMonths", 12),
						"earnRateFactor", 1),
				null);
		assertThat(preview).hasStatusOk();
	}

}
