package org.rapport.loyalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a programme's rule list warns of: a product multiplier that names a SKU or a
 * category the catalogue does not have earns nothing until it does (a purchase line takes
 * its category from the catalogue). The rule is kept as written, since the product may be
 * added later; a typo shows at once instead of as members who earned less than promised.
 */
final class RuleWarnings {

	/** What is wrong with a rule: the message key and the name it concerns. */
	record Warning(String key, String name) {
	}

	private RuleWarnings() {
	}

	/** The warning of each rule that has one, by rule id, in the rules' order. */
	static Map<UUID, Warning> of(List<EarnRule> rules, Set<String> categories, Predicate<String> knownSku) {
		Map<UUID, Warning> warnings = new LinkedHashMap<>();
		for (EarnRule rule : rules) {
			if (rule.kind() != RuleKind.PRODUCT_MULTIPLIER) {
				continue;
			}
			RuleParams p = rule.params();
			if (p.sku() != null && !knownSku.test(p.sku())) {
				warnings.put(rule.id(), new Warning("loyalty.rule.warning.sku", p.sku()));
			}
			else if (p.sku() == null && p.category() != null && !categories.contains(p.category())) {
				warnings.put(rule.id(), new Warning("loyalty.rule.warning.category", p.category()));
			}
		}
		return warnings;
	}

}
