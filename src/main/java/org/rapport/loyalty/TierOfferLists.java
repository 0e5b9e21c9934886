package org.rapport.loyalty;

import java.util.List;

/**
 * Both "next best offer" lists of a programme, read together: the members {@code near}
 * their next tier and those who already qualify for a {@code better} one than they hold,
 * each highest revenue first.
 */
public record TierOfferLists(List<TierCandidate> near, List<TierCandidate> better) {
}
