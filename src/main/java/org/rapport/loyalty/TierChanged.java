package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A member's tier changed: {@code fromTier}/{@code toTier} are tier codes (null: no
 * tier); {@code source} QUALIFIED or OVERRIDE.
 */
public record TierChanged(UUID accountId, UUID customerId, String programmeCode, String fromTier, String toTier,
		String source, String reason, Instant occurredAt) {
}
