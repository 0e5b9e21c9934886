package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A member's tier as the member panel shows it: the tier (null: none), since when, why
 * (QUALIFIED or OVERRIDE, with the override's end, reason and the staff member who set
 * it), until when it is held ({@code keptUntil}: qualified-until plus grace), the
 * qualifying value in the current window, the tier that value qualifies for, and the next
 * tier with what is missing.
 */
public record MemberTier(UUID accountId, Tier tier, Instant since, String source, Instant overrideUntil,
		String overrideReason, String overrideBy, Instant qualifiedUntil, Instant keptUntil, TierLadder.Measure measure,
		BigDecimal qualifyingValue, String qualifiesFor, Tier next, BigDecimal missingForNext, int progressPercent) {
}
