package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/** A member's account in one programme (internal row). */
record Account(UUID id, UUID programmeId, UUID customerId, String status, Instant enrolledAt, UUID referredBy,
		Instant firstPurchaseAt) {
}
