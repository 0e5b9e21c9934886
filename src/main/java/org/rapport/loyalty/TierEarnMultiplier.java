package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The earn multiplier of the member's current tier (an override counts as the tier it
 * gives); 1 without a tier. The tier is the one held when the points are computed.
 */
@Component
class TierEarnMultiplier implements TierMultiplier {

	private final TierStore store;

	TierEarnMultiplier(TierStore store) {
		this.store = store;
	}

	@Override
	public BigDecimal multiplierOf(UUID accountId, Instant at) {
		return this.store.multiplier(accountId);
	}

}
