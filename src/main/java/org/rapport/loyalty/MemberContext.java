package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.rapport.loyalty.RuleParams.CapPeriod;

/**
 * What the rules know about the member at the time of a purchase: whether it is their
 * first, their birthday, whether somebody referred them, the tier multiplier, and how
 * many points they earned so far in the current day, month and year (for caps).
 */
public record MemberContext(boolean firstPurchase, LocalDate birthDate, boolean referred, BigDecimal tierMultiplier,
		Map<CapPeriod, Long> earnedInPeriod) {

	public MemberContext {
		tierMultiplier = (tierMultiplier == null) ? BigDecimal.ONE : tierMultiplier;
		earnedInPeriod = (earnedInPeriod == null) ? Map.of() : Map.copyOf(earnedInPeriod);
	}

	public static MemberContext newMember() {
		return new MemberContext(true, null, false, BigDecimal.ONE, Map.of());
	}

}
