package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Points spent on a reward, or paying part of a purchase ({@code rewardId} null), with
 * its single-use voucher. {@code voucherCode} is only given in the answer that issues it
 * (only a hash is stored); {@code voucherHint} is its last four characters.
 * {@code status} is ISSUED, CONSUMED or CANCELLED (an ISSUED voucher past
 * {@code expiresAt} is expired); a cancellation has the reason given and who gave it (a
 * staff member's or API client's id).
 */
public record Redemption(UUID id, UUID accountId, String programmeCode, UUID rewardId, String rewardName, long points,
		BigDecimal value, String currency, String status, String voucherCode, String voucherHint, Instant redeemedAt,
		Instant expiresAt, Instant consumedAt, Instant cancelledAt, String cancelReason, String cancelledBy) {

	/** Whether the voucher is issued but past its end. */
	public boolean expiredAt(Instant now) {
		return "ISSUED".equals(this.status) && !this.expiresAt.isAfter(now);
	}

	Redemption withCode(String code) {
		return new Redemption(this.id, this.accountId, this.programmeCode, this.rewardId, this.rewardName, this.points,
				this.value, this.currency, this.status, code, this.voucherHint, this.redeemedAt, this.expiresAt,
				this.consumedAt, this.cancelledAt, this.cancelReason, this.cancelledBy);
	}

}
