package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A reward of a programme's catalogue: its cost in points, the stock left ({@code null}:
 * unlimited), when it can be redeemed, how often one member may redeem it
 * ({@code limitCount} per {@code limitPeriod}; {@code null}: no limit) and how many days
 * its voucher stays valid.
 */
public record Reward(UUID id, String programmeCode, String name, String description, long costPoints, Integer stock,
		Instant validFrom, Instant validTo, Integer limitCount, LimitPeriod limitPeriod, int voucherValidDays,
		boolean active, Instant updatedAt) {

	/** The calendar period (UTC) of a per-member limit, or the member's lifetime. */
	public enum LimitPeriod {

		DAY, MONTH, YEAR, LIFETIME

	}

	/** Whether the reward can be redeemed at {@code at} (active and in its window). */
	public boolean offeredAt(Instant at) {
		return this.active && (this.validFrom == null || !at.isBefore(this.validFrom))
				&& (this.validTo == null || at.isBefore(this.validTo));
	}

}
