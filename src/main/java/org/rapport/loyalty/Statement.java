package org.rapport.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's points statement for a period [from, to) of the ledger's dates (ADR 0087):
 * the balance at the start (the sum of every movement before it), the movements of the
 * period, oldest first, with their total by kind, and the balance at the end, which is
 * the opening plus the period's movements. Without {@code to} the closing balance is the
 * member's balance now. At most {@link #LISTED} movements are listed ({@code complete}
 * says whether all were); the totals and balances always count all of them.
 */
public record Statement(UUID accountId, String programme, String pointName, Instant from, Instant to, Balance opening,
		List<KindTotal> totals, List<Movement> movements, boolean complete, Balance closing) {

	public static final int LISTED = 1_000;

	/** What the movements of one kind came to in the period. */
	public record KindTotal(MovementKind kind, long count, long available, long pending) {
	}

}
