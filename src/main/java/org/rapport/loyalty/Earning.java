package org.rapport.loyalty;

import java.util.List;
import java.util.UUID;

/**
 * What a basket earns and why: the points for the member, the points for whoever referred
 * them, and one step per rule considered (counted or not, with the reason).
 */
public record Earning(long points, long referrerPoints, List<Step> steps) {

	/** One rule's (or the tier's or a cap's) part in the result. */
	public record Step(UUID ruleId, String rule, RuleKind kind, String group, Combination combination, long points,
			boolean counted, String explanation) {
	}

	public static Earning nothing(String why) {
		return new Earning(0, 0, List.of(new Step(null, "programme", null, null, null, 0, false, why)));
	}

}
