package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One member's tier move (or, in a plan's {@code atRisk} list, a move due at
 * {@code effectiveAt} once the tier's protection is over): from → to, the qualifying
 * value and the customer's revenue (customer_figures).
 */
public record TierMove(UUID accountId, UUID customerId, String fromTier, String toTier, String reason,
		BigDecimal qualifyingValue, BigDecimal revenue, Instant effectiveAt) {
}
