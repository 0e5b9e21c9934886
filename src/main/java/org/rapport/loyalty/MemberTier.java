package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A member's tier as the member panel shows it: the tier (null: none), since when, why
 * (QUALIFIED or OVERRIDE, with the override's end, reason and the staff member who set
 * it), until when it is held ({@code keptUntil}: qualified-until plus grace), the
 * qualifying value in the current window, the tier that value qualifies for, the next
 * tier with what is missing, and {@code missingToKeep}: what the value still needs to
 * keep the tier held by qualification past {@code keptUntil} (null when it reaches the
 * tier's threshold, or the tier is set by hand).
 */
public record MemberTier(UUID accountId, Tier tier, Instant since, String source, Instant overrideUntil,
		String overrideReason, String overrideBy, Instant qualifiedUntil, Instant keptUntil, TierLadder.Measure measure,
		BigDecimal qualifyingValue, String qualifiesFor, Tier next, BigDecimal missingForNext, int progressPercent,
		BigDecimal missingToKeep, Tier better) {

	/**
	 * What the value needs to keep the held tier: its threshold less the value, when the
	 * tier is held by qualification and the value is below it; null otherwise.
	 */
	static BigDecimal toKeep(Tier tier, String source, BigDecimal value) {
		if (tier == null || !"QUALIFIED".equals(source) || value == null) {
			return null;
		}
		BigDecimal gap = tier.threshold().subtract(value);
		return (gap.signum() > 0) ? gap : null;
	}

}
