package org.rapport.loyalty;

import java.util.List;

import org.rapport.interaction.InteractionRecorded;

/**
 * Recorded interactions whose earning in the recording's own transaction failed and was
 * rolled back to its savepoint (ADR 0049): published in that same transaction, through
 * the durable event publication log, so that they are earned after its commit, with the
 * same idempotency keys, by {@link InteractionListener#on(EarningDeferred)}; delivered
 * again until that succeeds.
 */
record EarningDeferred(List<InteractionRecorded> interactions) {

	EarningDeferred {
		interactions = List.copyOf(interactions);
	}

}
