package org.rapport.loyalty;

import java.math.BigDecimal;

/**
 * A programme's figures for one calendar month (UTC). {@code members} and
 * {@code customers} are counted at the month's end; {@code penetration} = members /
 * customers; {@code activeMembers} had a movement of their own (not an activation, expiry
 * or transfer) or a purchase in the month, whatever became of their account later;
 * {@code pointsIssued} are earned points (pending included) and positive adjustments, net
 * of reversals by returns; {@code pointsRedeemed} are net of cancelled redemptions;
 * {@code outstandingPoints} (available and pending) and {@code liability} (× the point
 * value) are at the month's end; {@code redemptionRate} = points redeemed / points issued
 * since the programme began (null before any issue).
 */
public record MonthFigures(String month, long members, long customers, BigDecimal penetration, long activeMembers,
		long pointsIssued, long pointsRedeemed, long pointsExpired, long outstandingPoints, BigDecimal liability,
		String currency, BigDecimal redemptionRate) {
}
