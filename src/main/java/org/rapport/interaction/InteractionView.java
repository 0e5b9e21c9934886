package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A recorded interaction with its lines (empty for contacts). */
public record InteractionView(UUID id, UUID customerId, InteractionKind kind, String channel, Instant occurredAt,
		Instant recordedAt, String sourceSystem, String externalId, String idempotencyKey, Outcome outcome,
		String outcomeReason, Direction direction, String orderReference, BigDecimal total, String currency,
		String store, UUID staffId, UUID relatedPurchaseId, UUID referenceId, Map<String, Object> attributes,
		List<LineView> lines) {

	public record LineView(int lineNo, String sku, String productName, String category, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal discount, BigDecimal amount, Integer purchaseLineNo) {
	}

	/**
	 * Shown marked on the timeline: a contact that was refused, failed or not answered.
	 */
	public boolean negative() {
		return this.outcome != null && this.outcome.isNegative();
	}

}
