package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.loyalty.RuleParams.CapPeriod;
import org.rapport.platform.Ids;

import static org.assertj.core.api.Assertions.assertThat;

class RulesEngineTest {

	static final Instant NOW = Instant.parse("2026-05-14T10:00:00Z");

	final List<EarnRule> rules = new ArrayList<>();

	Map<String, Combination> groups = Map.of("base", Combination.STACK, "bonus", Combination.BEST_OF);

	LoyaltyProgramme programme() {
		return new LoyaltyProgramme(UUID.randomUUID(), "club", "Club", "EUR", "points", new BigDecimal("0.01"), 14,
				ExpiryPolicy.ROLLING, 12, 12, NegativeBalancePolicy.ALLOW, null, this.groups, "600", false, 1, NOW);
	}

	EarnRule rule(RuleKind kind, String group, String name, RuleParams params) {
		EarnRule r = new EarnRule(Ids.next(this.rules.size()), kind, group, name, params, null, null, true);
		this.rules.add(r);
		return r;
	}

	static Basket basket(String total, Basket.Line... lines) {
		return new Basket("PURCHASE", NOW, "EUR", new BigDecimal(total), List.of(lines));
	}

	static Basket.Line line(String category, String amount) {
		return new Basket.Line("SKU-" + category, category, BigDecimal.ONE, new BigDecimal(amount));
	}

	static MemberContext regular() {
		return new MemberContext(false, null, false, BigDecimal.ONE, Map.of());
	}

	Earning earn(MemberContext member, Basket basket) {
		return RulesEngine.evaluate(programme(), this.rules, member, basket);
	}

	@Test
	void aSpendRatioRoundsDownOncePerPurchase() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 6", RuleParams.spendRatio(1, "6"));
		assertThat(earn(regular(), basket("59.99")).points()).isEqualTo(9);
		assertThat(earn(regular(), basket("60.00")).points()).isEqualTo(10);
	}

	@Test
	void aSpendRatioMayStateAnotherRounding() {
		RuleParams halfUp = new RuleParams(new BigDecimal("6"), 1L, RoundingMode.HALF_UP, null, null, null, null, null,
				null, null, null, null, null);
		rule(RuleKind.SPEND_RATIO, "base", "1 per 6, half up", halfUp);
		assertThat(earn(regular(), basket("57.00")).points()).isEqualTo(10);
	}

	@Test
	void aCategoryMultiplierAddsTheBaseRateTimesFactorMinusOneOnItsLines() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		rule(RuleKind.PRODUCT_MULTIPLIER, "bonus", "double coffee", RuleParams.multiplier("coffee", "2"));
		Earning e = earn(regular(), basket("30.00", line("coffee", "10.00"), line("tea", "20.00")));
		assertThat(e.points()).isEqualTo(30 + 10);
	}

	@Test
	void bestOfKeepsOnlyTheHighestRuleOfTheGroupAndSaysWhichOneWon() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		rule(RuleKind.FIRST_PURCHASE, "bonus", "welcome", RuleParams.points(50));
		rule(RuleKind.BIRTHDAY, "bonus", "birthday", RuleParams.points(80));
		MemberContext firstOnBirthday = new MemberContext(true, LocalDate.of(1990, 5, 14), false, BigDecimal.ONE,
				Map.of());
		Earning e = earn(firstOnBirthday, basket("10.00"));
		assertThat(e.points()).isEqualTo(10 + 80);
		assertThat(e.steps()).filteredOn((s) -> "welcome".equals(s.rule()))
			.singleElement()
			.satisfies((s) -> assertThat(s.explanation()).contains("not counted", "birthday"));
	}

	@Test
	void stackedRulesAddUp() {
		this.groups = Map.of("base", Combination.STACK, "bonus", Combination.STACK);
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		rule(RuleKind.FIRST_PURCHASE, "bonus", "welcome", RuleParams.points(50));
		rule(RuleKind.BIRTHDAY, "bonus", "birthday", RuleParams.points(80));
		MemberContext firstOnBirthday = new MemberContext(true, LocalDate.of(1990, 5, 14), false, BigDecimal.ONE,
				Map.of());
		assertThat(earn(firstOnBirthday, basket("10.00")).points()).isEqualTo(140);
	}

	@Test
	void aRuleOutsideItsValidityWindowDoesNotCountAndSaysSo() {
		this.rules.add(new EarnRule(Ids.next(), RuleKind.SPEND_RATIO, "base", "summer", RuleParams.spendRatio(5, "1"),
				Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"), true));
		Earning e = earn(regular(), basket("10.00"));
		assertThat(e.points()).isZero();
		assertThat(e.steps().get(0).explanation()).startsWith("Not valid");
	}

	@Test
	void aReferredMembersFirstPurchaseEarnsForBothSides() {
		rule(RuleKind.REFERRAL, "bonus", "friends", RuleParams.referral(100, 200));
		Earning e = earn(new MemberContext(true, null, true, BigDecimal.ONE, Map.of()), basket("10.00"));
		assertThat(e.points()).isEqualTo(100);
		assertThat(e.referrerPoints()).isEqualTo(200);
		assertThat(
				earn(new MemberContext(false, null, true, BigDecimal.ONE, Map.of()), basket("10.00")).referrerPoints())
			.isZero();
	}

	@Test
	void anEventBonusIsForItsInteractionKindOnly() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		rule(RuleKind.EVENT, "bonus", "survey", RuleParams.event("SURVEY_ANSWER", 25));
		assertThat(earn(regular(), new Basket("SURVEY_ANSWER", NOW, null, null, List.of())).points()).isEqualTo(25);
		assertThat(earn(regular(), new Basket("CALL", NOW, null, null, List.of())).points()).isZero();
	}

	@Test
	void anEventBonusNamingAnOutcomePaysOnlyForContactsThatEndedSoAndSaysWhy() {
		rule(RuleKind.EVENT, "bonus", "Apology for a refused call", RuleParams.event("CALL", "REFUSED", 50));

		Earning refused = earn(regular(), new Basket("CALL", NOW, null, null, List.of(), "REFUSED"));

		assertThat(refused.points()).isEqualTo(50);
		assertThat(refused.steps()).anySatisfy((s) -> {
			assertThat(s.rule()).isEqualTo("Apology for a refused call");
			assertThat(s.explanation()).isEqualTo("Bonus for CALL refused");
			assertThat(s.counted()).isTrue();
		});
		assertThat(earn(regular(), new Basket("CALL", NOW, null, null, List.of(), "served")).points()).isZero();
		assertThat(earn(regular(), new Basket("CALL", NOW, null, null, List.of())).points()).isZero();
		assertThat(earn(regular(), new Basket("VISIT", NOW, null, null, List.of(), "REFUSED")).points()).isZero();
	}

	@Test
	void anEventBonusWithoutAnOutcomePaysWhateverTheContactsOutcome() {
		rule(RuleKind.EVENT, "bonus", "Thanks for calling", RuleParams.event("CALL", 5));

		assertThat(earn(regular(), new Basket("CALL", NOW, null, null, List.of(), "REFUSED")).points()).isEqualTo(5);
		assertThat(earn(regular(), new Basket("CALL", NOW, null, null, List.of(), "SERVED")).points()).isEqualTo(5);
	}

	@Test
	void anEventBonusMayNameOnlyAnOutcomeAContactCanHave() {
		assertThat(RuleKind.EVENT.check(RuleParams.event("CALL", "ANGRY", 50)))
			.extracting(org.rapport.platform.web.ApiException.FieldProblem::field)
			.containsExactly("params.outcome");
		assertThat(RuleKind.EVENT.check(RuleParams.event("CALL", "no_answer", 50))).isEmpty();
	}

	@Test
	void aCapLimitsWhatIsEarnedInItsPeriod() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		rule(RuleKind.CAP, "base", "500 a month", RuleParams.cap(CapPeriod.MONTH, 500));
		MemberContext nearCap = new MemberContext(false, null, false, BigDecimal.ONE, Map.of(CapPeriod.MONTH, 450L));
		assertThat(earn(nearCap, basket("100.00")).points()).isEqualTo(50);
	}

	@Test
	void theTierMultiplierAppliesToTheSumAndRoundsDown() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		MemberContext gold = new MemberContext(false, null, false, new BigDecimal("1.5"), Map.of());
		assertThat(earn(gold, basket("15.00")).points()).isEqualTo(22);
	}

	@Test
	void aPurchaseInAnotherCurrencyEarnsNothing() {
		rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		Basket dollars = new Basket("PURCHASE", NOW, "USD", new BigDecimal("100.00"), List.of());
		assertThat(earn(regular(), dollars).points()).isZero();
	}

}
