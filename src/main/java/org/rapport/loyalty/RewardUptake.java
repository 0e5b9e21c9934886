package org.rapport.loyalty;

import java.util.UUID;

/**
 * How members have taken a reward so far: the redemptions that stand (not cancelled), the
 * points they spent and how many members made them; of those, the vouchers used, those
 * still valid and unused, and those that expired unused; and the redemptions cancelled
 * (their points went back). A reward nobody has redeemed has all counts at zero.
 */
public record RewardUptake(UUID rewardId, long redeemed, long points, long members, long used, long open,
		long expiredUnused, long cancelled) {

	static RewardUptake none(UUID rewardId) {
		return new RewardUptake(rewardId, 0, 0, 0, 0, 0, 0, 0);
	}

	/** The share of the standing redemptions whose voucher was used; null without any. */
	public Double usedShare() {
		return (this.redeemed == 0) ? null : (double) this.used / this.redeemed;
	}

}
