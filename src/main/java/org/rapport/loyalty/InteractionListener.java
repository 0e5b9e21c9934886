package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;
import org.rapport.interaction.InteractionsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns recorded interactions into points for the customer's accounts (one per
 * programme). One recording (a single interaction or a whole batch) is handled in one
 * transaction: the members among all its customers are found with one query, so customers
 * who are not members cost nothing more; then each interaction earns or reverses, in the
 * order recorded per customer, with the idempotent {@link PurchaseEarning} (keys
 * {@code purchase:<id>}, {@code event:<id>}, {@code return:<id>}). When one interaction
 * fails, the whole transaction rolls back and the publication stays incomplete; it is
 * delivered again whole, and what was earned before is found under its key and skipped
 * (ADR 0015).
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
	void on(InteractionsRecorded recorded) {
		// By customer (stable, so each customer's interactions keep their order): two
		// deliveries that share members lock their balances in the same order.
		List<InteractionRecorded> items = recorded.interactions()
			.stream()
			.filter((i) -> i.customerId() != null)
			.sorted(Comparator.comparing(InteractionRecorded::customerId))
			.toList();
		if (items.isEmpty()) {
			return;
		}
		List<UUID> earners = items.stream()
			.filter((i) -> i.kind() != InteractionKind.RETURN)
			.map(InteractionRecorded::customerId)
			.distinct()
			.toList();
		Map<UUID, List<Account>> members = this.accounts.activeOfAll(earners);
		for (InteractionRecorded item : items) {
			if (item.kind() == InteractionKind.RETURN) {
				reverse(item);
			}
			else {
				earn(item, members.getOrDefault(item.customerId(), List.of()));
			}
		}
	}

	private void reverse(InteractionRecorded recorded) {
		if (recorded.relatedPurchaseId() == null) {
			return;
		}
		BigDecimal returned = (recorded.total() == null) ? BigDecimal.ZERO : recorded.total();
		for (AccountStore.Purchase p : this.accounts.purchases(recorded.relatedPurchaseId())) {
			this.earning.reverse(p, recorded.interactionId(), returned, recorded.occurredAt());
		}
	}

	private void earn(InteractionRecorded recorded, List<Account> members) {
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
