package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A member spent points on a reward, or on part of a purchase ({@code rewardId} null),
 * for analytics and campaigns. {@code value} is the points' money value in
 * {@code currency}.
 */
public record RewardRedeemed(UUID redemptionId, UUID accountId, UUID customerId, String programmeCode, UUID rewardId,
		String rewardName, long points, BigDecimal value, String currency, Instant occurredAt) {
}
