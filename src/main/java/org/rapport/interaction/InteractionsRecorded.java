package org.rapport.interaction;

import java.util.List;
import java.util.UUID;

/**
 * Interactions were recorded: published once per recording transaction (one for a single
 * interaction, one for a whole batch), through the durable event publication log, with
 * the interactions created in it in the order of the request (ADR 0015). A listener
 * handles the whole list in one transaction; when it fails, the publication stays
 * incomplete and is delivered again whole, so what a listener does per interaction must
 * be idempotent (keyed by {@link InteractionRecorded#interactionId()}).
 */
public record InteractionsRecorded(List<InteractionRecorded> interactions) {

	public InteractionsRecorded {
		interactions = List.copyOf(interactions);
	}

	/** The distinct customers of the interactions, in first-seen order. */
	public List<UUID> customerIds() {
		return this.interactions.stream().map(InteractionRecorded::customerId).distinct().toList();
	}

}
