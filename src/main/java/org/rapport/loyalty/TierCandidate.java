package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A member on a "next best offer" list: their tier (and its source), the tier
 * {@code towards} which they are close or already qualify for, their qualifying value,
 * that tier's threshold, what is missing, and the customer's revenue.
 */
public record TierCandidate(UUID accountId, UUID customerId, String tier, String source, String towards,
		BigDecimal qualifyingValue, BigDecimal threshold, BigDecimal missing, BigDecimal revenue) {
}
