package org.rapport.loyalty;

import java.math.BigDecimal;

/**
 * What a programme's members lose to expiry within a number of days if nobody acts: how
 * many members, how many points, and their worth in the programme's {@code currency}
 * (part of the outstanding liability that will not be redeemed).
 */
public record ExpiringTotal(int withinDays, long members, long points, BigDecimal value, String currency) {
}
