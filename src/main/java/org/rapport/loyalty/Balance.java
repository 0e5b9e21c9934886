package org.rapport.loyalty;

/**
 * An account's points: available to spend (below zero only under the ALLOW policy) and
 * pending.
 */
public record Balance(long available, long pending) {
}
