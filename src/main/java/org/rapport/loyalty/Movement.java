package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * One ledger movement: its effect on the available and the pending balance, why, who or
 * what caused it ({@code sourceType}: INTERACTION, STAFF, API_CLIENT, CAMPAIGN, SYSTEM,
 * ACCOUNT; {@code sourceId}), its idempotency key and, for earnings, the rule-by-rule
 * explanation (JSON text).
 */
public record Movement(UUID id, UUID accountId, MovementKind kind, long available, long pending, String reason,
		String sourceType, String sourceId, String idempotencyKey, Instant occurredAt, Instant recordedAt,
		String explanation) {
}
