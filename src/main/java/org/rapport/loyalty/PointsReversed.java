package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A return took back points its purchase had earned: {@code points} as counted against
 * the purchase, {@code forgiven} of them not debited because of the cap-at-zero policy.
 */
public record PointsReversed(UUID accountId, UUID customerId, String programmeCode, UUID purchaseId, UUID returnId,
		long points, long forgiven, Instant occurredAt) {
}
