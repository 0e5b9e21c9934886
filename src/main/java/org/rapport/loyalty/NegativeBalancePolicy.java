package org.rapport.loyalty;

/**
 * What a return does when the points of its purchase were already spent: the balance may
 * go below zero (later earnings pay it back first), or the reversal stops at zero and the
 * rest is forgiven (and said so in the movement's reason).
 */
public enum NegativeBalancePolicy {

	ALLOW, CAP_AT_ZERO

}
