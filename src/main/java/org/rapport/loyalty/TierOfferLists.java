package org.rapport.loyalty;

import java.util.List;

/**
 * The "next best offer" lists of a programme, read together: the members {@code near}
 * their next tier, those who already qualify for a {@code better} one than they hold, and
 * those {@code atRisk} of losing the tier they hold, each highest revenue first.
 */
public record TierOfferLists(List<TierCandidate> near, List<TierCandidate> better, List<TierAtRisk> atRisk) {
}
