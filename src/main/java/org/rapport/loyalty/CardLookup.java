package org.rapport.loyalty;

/**
 * The answer to "whose card is this?": the card with its state (only ACTIVE cards may be
 * used) and the member's summary.
 */
public record CardLookup(CardView card, boolean usable, MemberSummary member) {
}
