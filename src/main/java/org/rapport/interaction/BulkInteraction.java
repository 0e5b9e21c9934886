package org.rapport.interaction;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One interaction for {@link InteractionBulkWriter}: already checked by whoever built it
 * (a generator, an import), for a customer id that exists. Its id is derived from the
 * source system and idempotency key ({@link #idFor}), so a re-run writes the same ids and
 * a return can name a purchase written in an earlier chunk or an earlier run.
 *
 * @param attributes free attributes as a JSON object text, or null for none
 */
public record BulkInteraction(UUID id, UUID customerId, InteractionKind kind, String channel, Instant occurredAt,
		String sourceSystem, String idempotencyKey, String externalId, Outcome outcome, String outcomeReason,
		Direction direction, String orderReference, BigDecimal total, String currency, String store, UUID staffId,
		UUID relatedPurchaseId, String attributes, List<Line> lines) {

	public BulkInteraction {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(sourceSystem, "sourceSystem");
		Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		if ((total == null) != (currency == null)) {
			throw new IllegalArgumentException("total and currency go together");
		}
		if (kind == InteractionKind.RETURN && relatedPurchaseId == null) {
			throw new IllegalArgumentException("a return names its purchase");
		}
		lines = lines == null ? List.of() : List.copyOf(lines);
	}

	/**
	 * A purchase or return line; for a return {@code purchaseLineNo} names the purchase
	 * line that came back.
	 */
	public record Line(int lineNo, String sku, String category, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal discount, BigDecimal amount, Integer purchaseLineNo) {

		public Line {
			Objects.requireNonNull(sku, "sku");
			if (lineNo < 1 || quantity.signum() <= 0 || unitPrice.signum() < 0 || discount.signum() < 0) {
				throw new IllegalArgumentException("line " + lineNo + " has a bad number, quantity or price");
			}
		}

	}

	/**
	 * The id of the interaction with this key in this source: a name-based UUID (RFC 9562
	 * version 3) of both, the same in every run.
	 */
	public static UUID idFor(String sourceSystem, String idempotencyKey) {
		return UUID.nameUUIDFromBytes((sourceSystem + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
	}

}
