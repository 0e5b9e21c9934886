package org.rapport.loyalty;

/**
 * A card's state. Only ACTIVE cards identify their member; the others stay listed so that
 * a blocked or lost card is recognised as such at the counter.
 */
public enum CardStatus {

	ACTIVE, BLOCKED, LOST, REPLACED

}
