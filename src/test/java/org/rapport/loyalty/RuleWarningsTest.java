package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A product multiplier naming what the catalogue does not have is pointed out. */
class RuleWarningsTest {

	static EarnRule rule(RuleKind kind, RuleParams params) {
		return new EarnRule(UUID.randomUUID(), kind, "base", "rule", params, null, null, true);
	}

	static RuleParams sku(String sku) {
		return new RuleParams(null, null, null, sku, null, new BigDecimal("2"), null, null, null, null, null, null,
				null);
	}

	@Test
	void aMultiplierOfAnUnknownCategoryOrSkuIsWarnedOfAndAKnownOneIsNot() {
		EarnRule tea = rule(RuleKind.PRODUCT_MULTIPLIER, RuleParams.multiplier("tea", "2"));
		EarnRule coffee = rule(RuleKind.PRODUCT_MULTIPLIER, RuleParams.multiplier("coffee", "2"));
		EarnRule ghost = rule(RuleKind.PRODUCT_MULTIPLIER, sku("GHOST-1"));
		EarnRule beans = rule(RuleKind.PRODUCT_MULTIPLIER, sku("BEANS-1"));

		Map<UUID, RuleWarnings.Warning> warnings = RuleWarnings.of(List.of(tea, coffee, ghost, beans), Set.of("coffee"),
				"BEANS-1"::equals);

		assertThat(warnings).containsOnlyKeys(tea.id(), ghost.id());
		assertThat(warnings.get(tea.id())).isEqualTo(new RuleWarnings.Warning("loyalty.rule.warning.category", "tea"));
		assertThat(warnings.get(ghost.id())).isEqualTo(new RuleWarnings.Warning("loyalty.rule.warning.sku", "GHOST-1"));
	}

	@Test
	void categoriesMatchAsTheEngineMatchesThemExactly() {
		EarnRule upper = rule(RuleKind.PRODUCT_MULTIPLIER, RuleParams.multiplier("Coffee", "2"));

		assertThat(RuleWarnings.of(List.of(upper), Set.of("coffee"), (s) -> true)).containsOnlyKeys(upper.id());
	}

	@Test
	void otherKindsOfRulesAreNeverWarnedOf() {
		EarnRule ratio = rule(RuleKind.SPEND_RATIO, RuleParams.spendRatio(1, "6"));
		EarnRule bonus = rule(RuleKind.FIRST_PURCHASE, RuleParams.points(50));

		assertThat(RuleWarnings.of(List.of(ratio, bonus), Set.of(), (s) -> false)).isEmpty();
	}

}
