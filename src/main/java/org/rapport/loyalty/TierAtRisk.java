package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A member about to lose the tier they qualified for: their qualifying value is below the
 * held {@code tier}'s threshold, and the tier is kept only until {@code protectedUntil}
 * (the end of the period it was qualified in, plus the ladder's grace). Unless the value
 * reaches the threshold by then, the re-qualification lowers it to {@code dropsTo} (null:
 * no tier), as the value stands today. {@code missing} is what keeps the tier; the
 * customer's revenue says how much attention they deserve.
 */
public record TierAtRisk(UUID accountId, UUID customerId, String tier, String dropsTo, BigDecimal qualifyingValue,
		BigDecimal threshold, BigDecimal missing, Instant protectedUntil, BigDecimal revenue) {
}
