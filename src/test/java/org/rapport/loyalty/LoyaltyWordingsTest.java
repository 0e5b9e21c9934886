package org.rapport.loyalty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Outcome;
import org.rapport.platform.web.Text;
import org.rapport.platform.web.Wording;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sentence the loyalty engine stores is read back to its wording, so that it can be
 * shown in the reader's language (ADR 0092).
 */
class LoyaltyWordingsTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	@Test
	void everyWordingOfTheEngineIsReadBackByTheSetOfItsColumn() throws IllegalAccessException {
		List<Wording> all = new ArrayList<>();
		for (Field field : LoyaltyWordings.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == Wording.class) {
				all.add((Wording) field.get(null));
			}
		}
		all.addAll(LoyaltyWordings.EVENTS);
		all.addAll(LoyaltyWordings.EVENTS_WITH_OUTCOME);
		List<Wording> sets = new ArrayList<>(LoyaltyWordings.REASONS.wordings());
		sets.addAll(LoyaltyWordings.EXPLANATIONS.wordings());
		sets.addAll(LoyaltyWordings.TIER_CHANGES.wordings());
		assertThat(sets).containsAll(all);
	}

	@Test
	void everyStepOfAnEarningIsReadBackToItsWording() {
		RulesEngineTest fixture = new RulesEngineTest();
		fixture.groups = Map.of("base", Combination.STACK, "bonus", Combination.BEST_OF);
		fixture.rule(RuleKind.SPEND_RATIO, "base", "1 per 1", RuleParams.spendRatio(1, "1"));
		fixture.rule(RuleKind.PRODUCT_MULTIPLIER, "base", "double coffee", RuleParams.multiplier("coffee", "2"));
		fixture.rule(RuleKind.FIRST_PURCHASE, "bonus", "welcome", RuleParams.points(50));
		fixture.rule(RuleKind.BIRTHDAY, "bonus", "birthday", RuleParams.points(80));
		fixture.rule(RuleKind.REFERRAL, "base", "friends", RuleParams.referral(10, 20));
		fixture.rule(RuleKind.CAP, "base", "cap", RuleParams.cap(RuleParams.CapPeriod.MONTH, 100));
		fixture.rules.add(new EarnRule(UUID.randomUUID(), RuleKind.SPEND_RATIO, "base", "winter",
				RuleParams.spendRatio(5, "1"), java.time.Instant.parse("2026-12-01T00:00:00Z"), null, true));
		MemberContext member = new MemberContext(true, LocalDate.of(1990, 5, 14), true, new BigDecimal("1.5"),
				Map.of(RuleParams.CapPeriod.MONTH, 40L));
		Earning earning = fixture.earn(member,
				RulesEngineTest.basket("30.00", RulesEngineTest.line("coffee", "10.00")));
		List<String> explanations = earning.steps().stream().map(Earning.Step::explanation).toList();
		assertThat(explanations).hasSizeGreaterThanOrEqualTo(8)
			.anyMatch((e) -> e.contains("not counted"))
			.anyMatch((e) -> e.startsWith("Not valid"));
		assertThat(explanations)
			.allSatisfy((e) -> assertThat(LoyaltyWordings.EXPLANATIONS.read(e).isVerbatim()).as(e).isFalse());

		Earning event = RulesEngine.evaluate(fixture.programme(),
				List.of(new EarnRule(UUID.randomUUID(), RuleKind.EVENT, "base", "calls",
						RuleParams.event("CALL", "REFUSED_NO_CAR", 5), null, null, true)),
				RulesEngineTest.regular(),
				new Basket("CALL", RulesEngineTest.NOW, null, null, List.of(), "REFUSED_NO_CAR"));
		assertThat(event.steps()).extracting(Earning.Step::explanation)
			.allSatisfy((e) -> assertThat(LoyaltyWordings.EXPLANATIONS.read(e).isVerbatim()).as(e).isFalse());
		Earning otherCurrency = RulesEngine.evaluate(fixture.programme(), fixture.rules, member,
				new Basket("PURCHASE", RulesEngineTest.NOW, "USD", new BigDecimal("10.00"), List.of()));
		assertThat(LoyaltyWordings.EXPLANATIONS.read(otherCurrency.steps().get(0).explanation()).key())
			.isEqualTo("loyalty.explain.other-currency");
	}

	@Test
	void aNotCountedStepShowsTheRulesOwnExplanationInTheSameLanguage() {
		String stored = LoyaltyWordings.NOT_COUNTED.stored(LoyaltyWordings.FIRST_PURCHASE.stored(), "bonus",
				"birthday");
		assertThat(LoyaltyWordings.EXPLANATIONS.read(stored).in(bundles(), SPANISH))
			.isEqualTo("Primera compra en el programa; no cuenta: la mejor del grupo 'bonus' es birthday");
	}

	@Test
	void aCapsPeriodAndARatiosRoundingReadInTheReadersLanguage() {
		String cap = LoyaltyWordings.CAP.stored(100, RuleParams.CapPeriod.MONTH, 40, 60);
		assertThat(cap).as("stored as the code spells the period")
			.isEqualTo("At most 100 per MONTH, 40 earned already: 60 left");
		assertThat(LoyaltyWordings.EXPLANATIONS.read(cap).in(bundles(), Locale.forLanguageTag("ru")))
			.isEqualTo("Не более 100 за месяц; уже начислено: 40; осталось: 60");
		String ratio = LoyaltyWordings.SPEND_RATIO.stored("60.00", 1, "6", java.math.RoundingMode.HALF_UP);
		assertThat(LoyaltyWordings.EXPLANATIONS.read(ratio).in(bundles(), SPANISH))
			.isEqualTo("60.00 × 1 / 6 redondeado al entero más cercano por compra");
		assertThat(LoyaltyWordings.EXPLANATIONS.read(ratio).in(bundles(), Locale.forLanguageTag("ms")))
			.isEqualTo("60.00 × 1 / 6 dibundarkan ke nombor bulat terdekat setiap pembelian");
	}

	@Test
	void theReasonsOfTheNightlyJobsAreTheirWordings() {
		assertThat(LedgerJobs.ACTIVATE).contains("'" + LoyaltyWordings.ACTIVATED.english() + "'");
		assertThat(LedgerJobs.EXPIRE).contains("'Expired: earned ' || to_char(");
		assertThat(LoyaltyWordings.REASONS.read("Expired: earned 2026-01-31").key())
			.isEqualTo("loyalty.reason.expired");
		assertThat(TierJobs.REQUALIFY).contains("'Qualified: ' || c.value || ' ' || :measure || ' in the window'",
				"'Period and grace over: ' || c.value || ' ' || :measure || ' in the window'");
		Text qualified = LoyaltyWordings.TIER_CHANGES.read("Qualified: 1200 "
				+ LoyaltyWordings.measure(TierLadder.Measure.POINTS_EARNED).stored() + " in the window");
		assertThat(qualified.in(bundles(), SPANISH)).isEqualTo("Clasificado: 1200 puntos ganados en el periodo");
	}

	@Test
	void anEarningByAnotherInteractionIsNamedByItsKindInTheReadersLanguage() {
		assertThat(LoyaltyWordings.event("SURVEY_ANSWER", null)).isEqualTo("Survey answer");
		assertThat(LoyaltyWordings.event("CALL", "REFUSED_NO_CAR")).isEqualTo("Call refused no car");
		assertThat(LoyaltyWordings.REASONS.read("Call refused no car").in(bundles(), SPANISH))
			.as("a value that is no contact's outcome is shown as stored")
			.isEqualTo("Llamada: refused no car");
		assertThat(LoyaltyWordings.REASONS.read(LoyaltyWordings.event("SURVEY_ANSWER", null))
			.in(bundles(), Locale.forLanguageTag("ru"))).isEqualTo("Ответ на опрос");
		assertThat(Arrays.stream(InteractionKind.values()).map(InteractionKind::name)).allSatisfy(
				(kind) -> assertThat(LoyaltyWordings.REASONS.read(LoyaltyWordings.event(kind, null)).isVerbatim())
					.as(kind)
					.isFalse());
	}

	@Test
	void howAContactEndedReadsInTheReadersLanguageInTheReasonAndInTheBonusExplanation() {
		Locale russian = Locale.forLanguageTag("ru");
		assertThat(LoyaltyWordings.event("CALL", "REFUSED")).as("stored as before").isEqualTo("Call refused");
		assertThat(LoyaltyWordings.REASONS.read("Call refused").in(bundles(), SPANISH))
			.isEqualTo("Llamada: servicio denegado");
		assertThat(LoyaltyWordings.REASONS.read("Call refused").in(bundles(), russian))
			.isEqualTo("Звонок: отказ в обслуживании");
		assertThat(LoyaltyWordings.REASONS.read(LoyaltyWordings.event("CALL", "NO_ANSWER")).in(bundles(), SPANISH))
			.as("an outcome of two words has a key of one")
			.isEqualTo("Llamada: sin respuesta");

		assertThat(LoyaltyWordings.eventBonus("CALL", "REFUSED")).as("stored as before")
			.isEqualTo("Bonus for CALL refused");
		assertThat(LoyaltyWordings.EXPLANATIONS.read("Bonus for CALL refused").in(bundles(), SPANISH))
			.isEqualTo("Bonificación por llamada: servicio denegado");
		assertThat(LoyaltyWordings.EXPLANATIONS.read("Bonus for CALL refused").in(bundles(), russian))
			.isEqualTo("Бонус за звонок: отказ в обслуживании");
		assertThat(LoyaltyWordings.EXPLANATIONS.read(LoyaltyWordings.eventBonus("SURVEY_ANSWER", null))
			.in(bundles(), russian)).isEqualTo("Бонус за ответ на опрос");
		assertThat(LoyaltyWordings.EXPLANATIONS.read("Bonus for CALL no answer").in(bundles(), SPANISH))
			.isEqualTo("Bonificación por llamada: sin respuesta");
		assertThat(LoyaltyWordings.EXPLANATIONS.read("Bonus for VISIT").in(bundles(), SPANISH))
			.isEqualTo("Bonificación por visita");

		for (InteractionKind kind : InteractionKind.values()) {
			for (Outcome outcome : Outcome.values()) {
				String reason = LoyaltyWordings.event(kind.name(), outcome.name());
				String bonus = LoyaltyWordings.eventBonus(kind.name(), outcome.name());
				for (Locale language : List.of(SPANISH, russian)) {
					assertThat(LoyaltyWordings.REASONS.read(reason).in(bundles(), language)).as(reason)
						.doesNotContain(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
					assertThat(LoyaltyWordings.EXPLANATIONS.read(bonus).in(bundles(), language)).as(bonus)
						.doesNotContain(kind.name())
						.doesNotContain(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
				}
			}
		}
	}

	@Test
	void aReasonAPersonTypedIsShownAsTyped() {
		assertThat(LoyaltyWordings.REASONS.read("Sorry for the cold coffee").in(bundles(), SPANISH))
			.isEqualTo("Sorry for the cold coffee");
		String transfer = LoyaltyWordings.TRANSFER_TO.stored("For the family trip", "a-2");
		assertThat(LoyaltyWordings.REASONS.read(transfer).in(bundles(), SPANISH))
			.isEqualTo("For the family trip (a a-2)");
	}

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/texts/loyalty");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
