package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Points spent on a reward, or paying part of a purchase ({@code rewardId} null), with
 * its single-use voucher. {@code voucherCode} is only given in the answer that issues it
 * (only a hash is stored); {@code voucherHint} is its last four characters.
 * {@code status} is ISSUED, CONSUMED or CANCELLED.
 */
public record Redemption(UUID id, UUID accountId, String programmeCode, UUID rewardId, String rewardName, long points,
		BigDecimal value, String currency, String status, String voucherCode, String voucherHint, Instant redeemedAt,
		Instant expiresAt, Instant consumedAt, Instant cancelledAt) {

	Redemption withCode(String code) {
		return new Redemption(this.id, this.accountId, this.programmeCode, this.rewardId, this.rewardName, this.points,
				this.value, this.currency, this.status, code, this.voucherHint, this.redeemedAt, this.expiresAt,
				this.consumedAt, this.cancelledAt);
	}

}
