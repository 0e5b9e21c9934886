package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/** A redemption was cancelled before its voucher was used; its points went back. */
public record RedemptionCancelled(UUID redemptionId, UUID accountId, UUID customerId, String programmeCode,
		UUID rewardId, long points, Instant occurredAt) {
}
