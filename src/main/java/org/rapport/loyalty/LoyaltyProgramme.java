package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.ConsentPurpose;

/**
 * A loyalty programme as stored, at its current {@code version}. Dates of expiry and
 * birthdays are computed in UTC. {@code voucherCodeRequired}: its vouchers are used only
 * with their code (ADR 0086).
 */
public record LoyaltyProgramme(UUID id, String code, String name, String currency, String pointName,
		BigDecimal pointValue, int returnWindowDays, ExpiryPolicy expiryPolicy, int expiryMonths,
		int expiryPeriodMonths, NegativeBalancePolicy negativeBalance, ConsentPurpose requiredConsent,
		Map<String, Combination> combination, String cardPrefix, boolean voucherCodeRequired, int version,
		Instant updatedAt) {

	/** When points earned at {@code earnedAt} expire, or null when they never do. */
	public Instant expiresAt(Instant earnedAt) {
		ZonedDateTime shifted = earnedAt.atZone(ZoneOffset.UTC).plusMonths(this.expiryMonths);
		return switch (this.expiryPolicy) {
			case NONE -> null;
			case ROLLING -> shifted.toInstant();
			case END_OF_PERIOD -> {
				int p = this.expiryPeriodMonths;
				int firstMonthOfPeriod = ((shifted.getMonthValue() - 1) / p) * p + 1;
				yield LocalDate.of(shifted.getYear(), firstMonthOfPeriod, 1)
					.plusMonths(p)
					.atStartOfDay(ZoneOffset.UTC)
					.toInstant();
			}
		};
	}

	/** When points earned on a purchase at {@code occurredAt} stop being pending. */
	public Instant availableAt(Instant occurredAt) {
		return occurredAt.plus(java.time.Duration.ofDays(this.returnWindowDays));
	}

	/** The money value of a number of points, in the programme's currency. */
	public BigDecimal valueOf(long points) {
		return this.pointValue.multiply(BigDecimal.valueOf(points)).setScale(2, java.math.RoundingMode.HALF_UP);
	}

	public ProgrammeSettings settings() {
		return new ProgrammeSettings(this.code, this.name, this.currency, this.pointName, this.pointValue,
				this.returnWindowDays, this.expiryPolicy, this.expiryMonths, this.expiryPeriodMonths,
				this.negativeBalance, this.requiredConsent, this.combination, this.cardPrefix,
				this.voucherCodeRequired);
	}

	/**
	 * What a tier ladder's qualifying value is counted in for staff: the programme's
	 * currency for spend, its points for points earned, nothing for a number of
	 * purchases.
	 */
	public String unitOf(TierLadder.Measure measure) {
		return switch (measure) {
			case SPEND -> this.currency;
			case POINTS_EARNED -> this.pointName;
			case PURCHASES -> null;
		};
	}

}
