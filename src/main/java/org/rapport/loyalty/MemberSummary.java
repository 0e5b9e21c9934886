package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the counter and the member panel show: balances (and the money value of the
 * available points), the cards, and the next points to expire. {@code status} is ACTIVE,
 * MERGED (into {@code mergedInto}) or ERASED.
 */
public record MemberSummary(UUID accountId, UUID customerId, String programmeCode, String pointName, String status,
		Instant enrolledAt, long available, long pending, BigDecimal availableValue, String currency,
		List<CardView> cards, Expiring nextExpiry, UUID referredBy) {

	/** The earliest points still to expire and how many expire then. */
	public record Expiring(Instant at, long points) {
	}

}
