package org.rapport.loyalty;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A reward as an administrator writes it. {@code stock} null is unlimited;
 * {@code limitCount} null is no per-member limit ({@code limitPeriod} defaults to
 * LIFETIME); {@code voucherValidDays} defaults to 30; {@code active} to true.
 */
public record NewReward(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
		@NotNull @Positive @Max(Points.MAX_POINTS) Long costPoints, @PositiveOrZero Integer stock, Instant validFrom,
		Instant validTo, @Positive Integer limitCount, Reward.LimitPeriod limitPeriod,
		@Min(1) @Max(3650) Integer voucherValidDays, Boolean active) {

	@AssertTrue(message = "{loyalty.reward.valid-to-after-valid-from}")
	boolean isWindowOrdered() {
		return this.validFrom == null || this.validTo == null || this.validTo.isAfter(this.validFrom);
	}

	Reward.LimitPeriod period() {
		return (this.limitPeriod == null) ? Reward.LimitPeriod.LIFETIME : this.limitPeriod;
	}

	int voucherDays() {
		return (this.voucherValidDays == null) ? 30 : this.voucherValidDays;
	}

	boolean isActive() {
		return this.active == null || this.active;
	}

}
