package org.rapport.interaction;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * An interaction that passed the rules, ready to be written: its new id, the customer,
 * the normalised input, its retry key and its lines with amounts and categories filled
 * in. A customer named by id ({@code namedById}) is resolved by the write itself, in its
 * transaction, for all items at once (ADR 0024); one named by identity was resolved
 * before.
 */
record Prepared(int index, UUID id, UUID customerId, NewInteraction item, String key, List<Line> lines,
		boolean namedById) {

	Prepared(int index, UUID id, UUID customerId, NewInteraction item, String key, List<Line> lines) {
		this(index, id, customerId, item, key, lines, false);
	}

	/**
	 * The key of an interaction recorded without an idempotency key or external id: its
	 * own id, so that every stored interaction is known again within its source (an
	 * export imported back changes nothing, ADR 0084). A retry without a key is still a
	 * new interaction, with a new id.
	 */
	static String ownKey(UUID id) {
		return "interaction:" + id;
	}

	record Line(int lineNo, String sku, String category, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount,
			BigDecimal amount, Integer purchaseLineNo) {
	}

	Prepared withIndex(int index) {
		return new Prepared(index, this.id, this.customerId, this.item, this.key, this.lines, this.namedById);
	}

	Prepared withLines(List<Line> lines) {
		return new Prepared(this.index, this.id, this.customerId, this.item, this.key, lines, this.namedById);
	}

	/** The item for the customer its named id stands for now. */
	Prepared resolvedTo(UUID customer) {
		return new Prepared(this.index, this.id, customer, this.item.forCustomer(customer), this.key, this.lines,
				false);
	}

	InteractionRecorded event() {
		return new InteractionRecorded(this.id, this.customerId, this.item.kind(), this.item.channel(),
				this.item.occurredAt(), this.item.total(), this.item.currency(), this.item.relatedPurchaseId(),
				this.lines.stream()
					.map((l) -> new InteractionRecorded.LineSummary(l.sku(), l.category(), l.quantity(), l.amount()))
					.toList(),
				this.item.outcome());
	}

}
