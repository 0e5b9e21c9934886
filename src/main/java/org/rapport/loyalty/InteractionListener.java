package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.List;

import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns recorded interactions into points for the customer's accounts (one per
 * programme). Customers who are not members are skipped at the cost of one index probe.
 * <p>
 * Imported history ({@code InteractionsImported}) is deliberately not listened to: a
 * history file is the past before the programme or before enrolment, and crediting it
 * would be a retroactive campaign, which is a decision for the programme owner (an
 * adjustment job), not a side effect of an import (ADR 0009).
 */
@Component
class InteractionListener {

	private final AccountStore accounts;

	private final PurchaseEarning earning;

	InteractionListener(AccountStore accounts, PurchaseEarning earning) {
		this.accounts = accounts;
		this.earning = earning;
	}

	@ApplicationModuleListener
	void on(InteractionRecorded recorded) {
		if (recorded.customerId() == null) {
			return;
		}
		if (recorded.kind() == InteractionKind.RETURN) {
			if (recorded.relatedPurchaseId() == null) {
				return;
			}
			BigDecimal returned = (recorded.total() == null) ? BigDecimal.ZERO : recorded.total();
			for (AccountStore.Purchase p : this.accounts.purchases(recorded.relatedPurchaseId())) {
				this.earning.reverse(p, recorded.interactionId(), returned, recorded.occurredAt());
			}
			return;
		}
		List<Account> members = this.accounts.activeOf(recorded.customerId());
		if (members.isEmpty()) {
			return;
		}
		Basket basket = new Basket(recorded.kind().name(), recorded.occurredAt(), recorded.currency(), recorded.total(),
				recorded.lines()
					.stream()
					.map((l) -> new Basket.Line(l.sku(), l.category(), l.quantity(), l.amount()))
					.toList());
		if (basket.isPurchase() && basket.total() == null) {
			return;
		}
		for (Account account : members) {
			this.earning.earn(account, recorded.interactionId(), basket);
		}
	}

}
