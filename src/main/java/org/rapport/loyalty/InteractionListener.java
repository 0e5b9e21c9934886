package org.rapport.loyalty;

import org.rapport.interaction.InteractionsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Turns recorded interactions into points for the customer's accounts (one per
 * programme). One recording (a single interaction or a whole batch) is earned in one
 * transaction, possibly together with the recordings of concurrent deliveries
 * ({@link EarningCombiner}, ADR 0038): the members among all their customers are found
 * with one query, so customers who are not members cost nothing more; then each
 * interaction earns or reverses, in the order recorded per customer, with the idempotent
 * {@link PurchaseEarning} (keys {@code purchase:<id>}, {@code event:<id>},
 * {@code return:<id>}). The delivery returns, and its publication is completed, only once
 * that transaction has committed. When one interaction fails, the delivery's transaction
 * rolls back and the publication stays incomplete; it is delivered again whole, and what
 * was earned before is found under its key and skipped (ADR 0015).
 * <p>
 * The listener opens no transaction of its own (the combined transaction is the
 * combiner's), so a delivery that waits for another's earning holds no connection.
 * <p>
 * Imported history ({@code InteractionsImported}) is deliberately not listened to: a
 * history file is the past before the programme or before enrolment, and crediting it
 * would be a retroactive campaign, which is a decision for the programme owner (an
 * adjustment job), not a side effect of an import (ADR 0009).
 */
@Component
class InteractionListener {

	private final EarningCombiner earnings;

	InteractionListener(EarningCombiner earnings) {
		this.earnings = earnings;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(InteractionsRecorded recorded) {
		this.earnings.earn(recorded.interactions());
	}

}
