package org.rapport.loyalty;

/**
 * How the rules of one rule group that match the same purchase combine: all of them add
 * up, or only the one giving the most points counts (ties go to the rule created first).
 */
public enum Combination {

	STACK, BEST_OF

}
