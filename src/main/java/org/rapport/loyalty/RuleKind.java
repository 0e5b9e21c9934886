package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

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
				within(problems, "params.unitAmount", p.unitAmount(), "0.01", "1000000", 2);
				within(problems, "params.pointsPerUnit", p.pointsPerUnit(), "1", "1000000", 0);
			}
			case PRODUCT_MULTIPLIER -> {
				if (p.sku() == null && p.category() == null) {
					problems.add(FieldProblem.of("params.category",
							Text.of("loyalty.rule.sku-or-category", "name a sku or a category")));
				}
				within(problems, "params.factor", p.factor(), "1", "100", 3);
			}
			case FIRST_PURCHASE, BIRTHDAY -> positive(problems, "params.points", p.points());

			case REFERRAL -> {
				positive(problems, "params.points", p.points());
				positive(problems, "params.referrerPoints", p.referrerPoints());
			}
			case EVENT -> {
				positive(problems, "params.points", p.points());
				if (p.interactionKind() == null || p.interactionKind().isBlank()) {
					problems.add(FieldProblem.of("params.interactionKind",
							Text.of("loyalty.rule.interaction-kind", "name the interaction kind")));
				}
				if (p.outcome() != null && java.util.Arrays.stream(org.rapport.interaction.Outcome.values())
					.noneMatch((o) -> o.name().equalsIgnoreCase(p.outcome()))) {
					problems.add(FieldProblem.of("params.outcome",
							Text.of("loyalty.rule.outcome-choice", "must be one of {0}",
									java.util.Arrays.toString(org.rapport.interaction.Outcome.values()))));
				}
			}
			case CAP -> {
				positive(problems, "params.maxPoints", p.maxPoints());
				if (p.period() == null) {
					problems.add(
							FieldProblem.of("params.period", Text.of("loyalty.rule.cap-period", "DAY, MONTH or YEAR")));
				}
			}
		}
		return problems;
	}

	private static void positive(List<FieldProblem> problems, String field, Number value) {
		within(problems, field, value, "1", Long.toString(Points.MAX_POINTS), 0);
	}

	/**
	 * A parameter within bounds that keep every earning a number the ledger can hold (the
	 * smallest unit amount and the largest rate and factor bound what one purchase can
	 * earn), with at most {@code decimals} decimals.
	 */
	private static void within(List<FieldProblem> problems, String field, Number value, String min, String max,
			int decimals) {
		BigDecimal v = (value == null) ? null : new BigDecimal(value.toString());
		if (v == null || v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0
				|| v.stripTrailingZeros().scale() > decimals) {
			problems.add(FieldProblem.of(field,
					(decimals == 0)
							? Text.of("loyalty.rule.whole-number-range", "between {0} and {1}, a whole number", min,
									max)
							: Text.of("loyalty.rule.decimal-range", "between {0} and {1}, at most {2} decimals", min,
									max, String.valueOf(decimals))));
		}
	}

}
