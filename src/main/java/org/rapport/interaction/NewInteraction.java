package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One interaction to record. The customer is given by {@code customerId} or only by an
 * {@code identity}; given both, the identity must not belong to another customer (an
 * identity nobody holds leaves the interaction on {@code customerId}, and makes no
 * prospect). {@code staffId}, when given, names a staff member. {@code sourceSystem}
 * names the system it comes from (e.g. "pos", "webshop"); together with
 * {@code idempotencyKey} (or, without a key, the {@code externalId}) it makes a retry
 * find the original instead of writing it twice. Returns name the purchase they reverse
 * with {@code relatedPurchaseId} or, within the same source, its {@code orderReference}.
 * {@code referenceId} points to the details a later module keeps (a service request, a
 * survey answer, a campaign contact).
 */
public record NewInteraction(UUID customerId, CustomerIdentityRef identity, InteractionKind kind, String channel,
		Instant occurredAt, String sourceSystem, String externalId, String idempotencyKey, Outcome outcome,
		String outcomeReason, Direction direction, String orderReference, BigDecimal total, String currency,
		String store, UUID staffId, UUID relatedPurchaseId, UUID referenceId, Map<String, Object> attributes,
		List<NewLine> lines) {

	public NewInteraction {
		attributes = attributes == null ? Map.of() : attributes;
		lines = lines == null ? List.of() : lines;
	}

	/**
	 * The key a retry is recognised by within its source: the idempotency key, else the
	 * external id.
	 */
	public String effectiveKey() {
		if (this.idempotencyKey != null && !this.idempotencyKey.isBlank()) {
			return this.idempotencyKey.strip();
		}
		return (this.externalId == null || this.externalId.isBlank()) ? null : this.externalId.strip();
	}

	public NewInteraction forCustomer(UUID id) {
		return new NewInteraction(id, this.identity, this.kind, this.channel, this.occurredAt, this.sourceSystem,
				this.externalId, this.idempotencyKey, this.outcome, this.outcomeReason, this.direction,
				this.orderReference, this.total, this.currency, this.store, this.staffId, this.relatedPurchaseId,
				this.referenceId, this.attributes, this.lines);
	}

	public NewInteraction withIdempotencyKey(String key) {
		return new NewInteraction(this.customerId, this.identity, this.kind, this.channel, this.occurredAt,
				this.sourceSystem, this.externalId, key, this.outcome, this.outcomeReason, this.direction,
				this.orderReference, this.total, this.currency, this.store, this.staffId, this.relatedPurchaseId,
				this.referenceId, this.attributes, this.lines);
	}

	public NewInteraction returning(UUID purchaseId) {
		return new NewInteraction(this.customerId, this.identity, this.kind, this.channel, this.occurredAt,
				this.sourceSystem, this.externalId, this.idempotencyKey, this.outcome, this.outcomeReason,
				this.direction, this.orderReference, this.total, this.currency, this.store, this.staffId, purchaseId,
				this.referenceId, this.attributes, this.lines);
	}

}
