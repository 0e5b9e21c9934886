package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One recorded interaction as announced in {@link InteractionsRecorded} (which is what is
 * published: one event per recording transaction, ADR 0015). Returns carry the purchase
 * they reverse; the lines are summarised so that points and basket analysis need no extra
 * read. A contact carries how it ended ({@code outcome}, null for purchases and returns
 * and for events published before it was announced).
 */
public record InteractionRecorded(UUID interactionId, UUID customerId, InteractionKind kind, String channel,
		Instant occurredAt, BigDecimal total, String currency, UUID relatedPurchaseId, List<LineSummary> lines,
		Outcome outcome) {

	public record LineSummary(String sku, String category, BigDecimal quantity, BigDecimal amount) {
	}

}
