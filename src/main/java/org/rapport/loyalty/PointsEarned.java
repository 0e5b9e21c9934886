package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * Points were credited to a member (pending or available), for analytics, campaigns and,
 * later, tier qualification. {@code sourceId} is the interaction or staff member behind
 * them. Later events of this module: {@code TierChanged}, {@code RewardRedeemed}.
 */
public record PointsEarned(UUID accountId, UUID customerId, String programmeCode, long points, boolean pending,
		String sourceId, Instant occurredAt) {
}
