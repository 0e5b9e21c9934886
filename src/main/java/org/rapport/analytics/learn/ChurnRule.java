package org.rapport.analytics.learn;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One leaf of the churn tree as a rule: the conditions of its path (the tightest bound
 * per feature and direction), the churn risk of its rows and how many there were.
 *
 * @param conditions the conditions, in the order the path first tests each feature
 * @param churnRisk the share of training rows matching the rule that churned, 0..1
 * @param samples the training rows matching the rule
 */
public record ChurnRule(List<Condition> conditions, double churnRisk, long samples) {

	public ChurnRule {
		conditions = List.copyOf(conditions);
	}

	/**
	 * E.g. "if days since last purchase > 120 and purchases ≤ 2 then churn risk 78 % (n =
	 * 1 204)".
	 */
	public String text() {
		String when = this.conditions.isEmpty() ? "always"
				: "if " + this.conditions.stream().map(Condition::text).collect(Collectors.joining(" and "));
		return when + " then churn risk " + Math.round(this.churnRisk * 100) + " % (n = "
				+ Numbers.grouped(this.samples) + ")";
	}

}
