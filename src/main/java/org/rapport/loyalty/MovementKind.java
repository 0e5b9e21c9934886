package org.rapport.loyalty;

/**
 * The kinds of ledger movement. EARN credits available points at once, PENDING credits
 * points held for the return window, ACTIVATE moves them from pending to available,
 * REDEEM and EXPIRE debit, REVERSE takes back what a returned purchase earned, ADJUST is
 * a manual correction, TRANSFER moves points between accounts (household, merge), CANCEL
 * gives back the points of a cancelled redemption.
 */
public enum MovementKind {

	EARN, PENDING, ACTIVATE, REDEEM, EXPIRE, REVERSE, ADJUST, TRANSFER, CANCEL

}
