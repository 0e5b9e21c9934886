package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.rapport.platform.web.ApiException.FieldProblem;

/** The kinds of earning rule and the parameters each needs ({@link RuleParams}). */
public enum RuleKind {

	/**
	 * {@code pointsPerUnit} points per {@code unitAmount} spent, rounded per purchase.
	 */
	SPEND_RATIO,
	/**
	 * Extra points on lines of a {@code sku} or {@code category}: the base rate × (factor
	 * − 1).
	 */
	PRODUCT_MULTIPLIER,
	/** {@code points} on the member's first purchase in the programme. */
	FIRST_PURCHASE,
	/**
	 * {@code points} on a purchase on the birthday (or in the birthday month with
	 * {@code wholeMonth}).
	 */
	BIRTHDAY,
	/**
	 * On a referred member's first purchase: {@code points} for the new member and
	 * {@code referrerPoints} for the member who referred them.
	 */
	REFERRAL,
	/**
	 * {@code points} for an interaction of kind {@code interactionKind} (e.g.
	 * SURVEY_ANSWER), and only of {@code outcome} when it names one (an apology for a
	 * REFUSED CALL).
	 */
	EVENT,
	/**
	 * At most {@code maxPoints} earned per {@code period} (DAY, MONTH, YEAR); applies
	 * after combination.
	 */
	CAP;

	List<FieldProblem> check(RuleParams p) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (this) {
			case SPEND_RATIO -> {
				positive(problems, "params.unitAmount", p.unitAmount());
				positive(problems, "params.pointsPerUnit", p.pointsPerUnit());
			}
			case PRODUCT_MULTIPLIER -> {
				if (p.sku() == null && p.category() == null) {
					problems.add(new FieldProblem("params.category", "name a sku or a category"));
				}
				if (p.factor() == null || p.factor().compareTo(BigDecimal.ONE) < 0) {
					problems.add(new FieldProblem("params.factor", "must be at least 1"));
				}
			}
			case FIRST_PURCHASE, BIRTHDAY -> positive(problems, "params.points", p.points());
			case REFERRAL -> {
				positive(problems, "params.points", p.points());
				positive(problems, "params.referrerPoints", p.referrerPoints());
			}
			case EVENT -> {
				positive(problems, "params.points", p.points());
				if (p.interactionKind() == null || p.interactionKind().isBlank()) {
					problems.add(new FieldProblem("params.interactionKind", "name the interaction kind"));
				}
				if (p.outcome() != null && java.util.Arrays.stream(org.rapport.interaction.Outcome.values())
					.noneMatch((o) -> o.name().equalsIgnoreCase(p.outcome()))) {
					problems.add(new FieldProblem("params.outcome",
							"must be one of " + java.util.Arrays.toString(org.rapport.interaction.Outcome.values())));
				}
			}
			case CAP -> {
				positive(problems, "params.maxPoints", p.maxPoints());
				if (p.period() == null) {
					problems.add(new FieldProblem("params.period", "DAY, MONTH or YEAR"));
				}
			}
		}
		return problems;
	}

	private static void positive(List<FieldProblem> problems, String field, Number value) {
		if (value == null || new BigDecimal(value.toString()).signum() <= 0) {
			problems.add(new FieldProblem(field, "must be a positive number"));
		}
	}

}
