package org.rapport.loyalty;

/**
 * When earned points expire: never; {@code expiryMonths} after they were earned; or at
 * the end of the calendar period ({@code expiryPeriodMonths}: month, quarter, half year,
 * year) in which "earned + expiryMonths" falls.
 */
public enum ExpiryPolicy {

	NONE, ROLLING, END_OF_PERIOD

}
