package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A membership card: its number (null after an erasure), kind and state; {@code replaces}
 * the card it replaced.
 */
public record CardView(UUID id, UUID accountId, String number, CardKind kind, CardStatus status, UUID replaces,
		Instant issuedAt, Instant statusChangedAt) {
}
