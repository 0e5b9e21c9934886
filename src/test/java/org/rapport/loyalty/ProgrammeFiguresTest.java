package org.rapport.loyalty;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Programme figures per month, for a programme the test builds. */
@IntegrationTest
class ProgrammeFiguresTest {

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

	@Test
	void figuresCountMembersPointsLiabilityAndRedemptionRatePerMonth() {
		LoyaltyFixture fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions,
				this.loyalty);
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		YearMonth now = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
		UUID active = UUID.fromString(fx.enrol(programme, fx.customer()).get("accountId").asString());
		UUID other = UUID.fromString(fx.enrol(programme, fx.customer()).get("accountId").asString());
		UUID quiet = UUID.fromString(fx.enrol(programme, fx.customer()).get("accountId").asString());
		this.loyalty.adjust(active, 1000, "Welcome", "w1");
		this.loyalty.adjust(other, 500, "Welcome", "w2");
		this.loyalty.adjust(other, -100, "Correction", "c2");
		Reward reward = this.rewards.createReward(programme.code(),
				new NewReward("Bag", null, 300L, null, null, null, null, null, null, null));
		this.rewards.redeemReward(active, reward.id(), "r1");
		Redemption cancelled = this.rewards.redeemReward(active, reward.id(), "r2");
		this.rewards.cancelRedemption(cancelled.id());
		this.rewards.payWithPoints(other, 100, "Receipt 7", "p1");
		assertThat(this.loyalty.member(quiet).available()).isZero();

		assumeTrue(YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).equals(now),
				"the movements were written across the turn of a month");
		JsonNode figures = fx.body(fx.get(fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + programme.code() + "/figures?from=" + now.minusMonths(1) + "&to=" + now));

		assertThat(figures).hasSize(2);
		JsonNode before = figures.get(0);
		assertThat(before.get("month").asString()).isEqualTo(now.minusMonths(1).toString());
		assertThat(before.get("members").asLong()).isZero();
		assertThat(before.get("pointsIssued").asLong()).isZero();
		assertThat(before.get("redemptionRate").isNull()).isTrue();
		JsonNode month = figures.get(1);
		assertThat(month.get("month").asString()).isEqualTo(now.toString());
		assertThat(month.get("members").asLong()).isEqualTo(3);
		assertThat(month.get("activeMembers").asLong()).isEqualTo(2);
		assertThat(month.get("pointsIssued").asLong()).isEqualTo(1500);
		assertThat(month.get("pointsRedeemed").asLong()).isEqualTo(400);
		assertThat(month.get("pointsExpired").asLong()).isZero();
		assertThat(month.get("outstandingPoints").asLong()).isEqualTo(1000);
		assertThat(month.get("liability").decimalValue()).isEqualByComparingTo("10.00");
		assertThat(month.get("currency").asString()).isEqualTo("EUR");
		assertThat(month.get("redemptionRate").decimalValue()).isEqualByComparingTo("0.2667");
		long customers = month.get("customers").asLong();
		assertThat(customers).isGreaterThanOrEqualTo(3);
		assertThat(month.get("penetration").decimalValue()).isEqualByComparingTo(ProgrammeFigures.ratio(3, customers));
	}

	@Test
	void aPeriodEndingBeforeItStartsIsRefused() {
		LoyaltyFixture fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions,
				this.loyalty);
		LoyaltyProgramme programme = fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		assertThat(fx.get(fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + programme.code() + "/figures?from=2026-05&to=2026-04"))
			.hasStatus(400);
		assertThat(fx.body(fx.get(fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + programme.code() + "/figures?from=2025-01&to=2025-12")))
			.hasSize(12);
	}

}
