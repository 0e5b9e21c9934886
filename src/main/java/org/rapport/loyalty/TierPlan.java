package org.rapport.loyalty;

import java.time.Instant;
import java.util.List;

/**
 * What a tier ladder does to the members at {@code asOf}: the moves it makes now, and the
 * members who no longer qualify for their tier but keep it until its protection ends.
 * Both sorted by revenue, highest first. A preview and the apply of the same ladder at
 * the same {@code asOf} give the same moves. {@code fingerprint} identifies what the
 * preview showed (the ladder's stored version, the ladder, the moment and every move and
 * member at risk): an apply given it is refused when it would not do exactly that.
 */
public record TierPlan(String programmeCode, Instant asOf, boolean applied, List<TierMove> moves, List<TierMove> atRisk,
		String fingerprint) {
}
