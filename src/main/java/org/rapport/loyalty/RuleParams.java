package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The parameters of an earning rule; which ones a kind needs is documented on
 * {@link RuleKind}. {@code rounding} of a spend ratio is FLOOR unless stated (HALF_UP,
 * CEILING), applied once per purchase. An event bonus may name the {@code outcome} its
 * interaction must have (an apology for a REFUSED call); without one any outcome earns
 * it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleParams(BigDecimal unitAmount, Long pointsPerUnit, RoundingMode rounding, String sku, String category,
		BigDecimal factor, Long points, Long referrerPoints, Boolean wholeMonth, String interactionKind,
		CapPeriod period, Long maxPoints, String outcome) {

	/** The period a cap counts over, in UTC. */
	public enum CapPeriod {

		DAY, MONTH, YEAR

	}

	public RuleParams {
		outcome = (outcome == null || outcome.isBlank()) ? null : outcome.strip().toUpperCase(java.util.Locale.ROOT);
	}

	public RoundingMode roundingOrDefault() {
		return (this.rounding == null) ? RoundingMode.FLOOR : this.rounding;
	}

	public static RuleParams spendRatio(long pointsPerUnit, String unitAmount) {
		return new RuleParams(new BigDecimal(unitAmount), pointsPerUnit, null, null, null, null, null, null, null, null,
				null, null, null);
	}

	public static RuleParams multiplier(String category, String factor) {
		return new RuleParams(null, null, null, null, category, new BigDecimal(factor), null, null, null, null, null,
				null, null);
	}

	public static RuleParams points(long points) {
		return new RuleParams(null, null, null, null, null, null, points, null, null, null, null, null, null);
	}

	public static RuleParams referral(long points, long referrerPoints) {
		return new RuleParams(null, null, null, null, null, null, points, referrerPoints, null, null, null, null, null);
	}

	public static RuleParams event(String interactionKind, long points) {
		return event(interactionKind, null, points);
	}

	/** An event bonus only for interactions that ended so (e.g. CALL and REFUSED). */
	public static RuleParams event(String interactionKind, String outcome, long points) {
		return new RuleParams(null, null, null, null, null, null, points, null, null, interactionKind, null, null,
				outcome);
	}

	public static RuleParams cap(CapPeriod period, long maxPoints) {
		return new RuleParams(null, null, null, null, null, null, null, null, null, null, period, maxPoints, null);
	}

}
