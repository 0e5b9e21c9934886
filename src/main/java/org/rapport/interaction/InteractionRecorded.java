package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An interaction was recorded (published once, in the recording transaction, through the
 * durable event publication log). Returns carry the purchase they reverse; the lines are
 * summarised so that points and basket analysis need no extra read.
 */
public record InteractionRecorded(UUID interactionId, UUID customerId, InteractionKind kind, String channel,
		Instant occurredAt, BigDecimal total, String currency, UUID relatedPurchaseId, List<LineSummary> lines) {

	public record LineSummary(String sku, String category, BigDecimal quantity, BigDecimal amount) {
	}

}
