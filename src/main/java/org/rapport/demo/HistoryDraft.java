package org.rapport.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.interaction.BulkInteraction;
import org.rapport.interaction.Direction;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Outcome;

/**
 * An interaction of a generated history before it has its place: once the customer's
 * history is sorted by time, the n-th gets the key {@code gen:<seed>:<customer>:<n>} and
 * the id derived from it, and a return can name its purchase's id.
 */
final class HistoryDraft {

	final InteractionKind kind;

	final long at;

	final String channel;

	String store;

	Outcome outcome;

	String reason;

	Direction direction;

	List<BulkInteraction.Line> lines = List.of();

	BigDecimal total;

	HistoryDraft purchase;

	String key;

	UUID id;

	HistoryDraft(InteractionKind kind, long at, String channel) {
		this.kind = kind;
		this.at = at;
		this.channel = channel;
	}

	HistoryDraft outcome(Outcome outcome, String reason, Direction direction) {
		this.outcome = outcome;
		this.reason = reason;
		this.direction = direction;
		return this;
	}

	BulkInteraction toInteraction(UUID customerId, String currency) {
		return new BulkInteraction(this.id, customerId, this.kind, this.channel, Instant.ofEpochMilli(this.at),
				HistorySettings.SOURCE, this.key, null, this.outcome, this.reason, this.direction, null, this.total,
				this.total == null ? null : currency, this.store, null, this.purchase == null ? null : this.purchase.id,
				null, this.lines);
	}

}
