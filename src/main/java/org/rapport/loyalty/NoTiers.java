package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Until the tier ladder exists, every member earns at the base rate (multiplier 1). */
@Component
class NoTiers implements TierMultiplier {

	@Override
	public BigDecimal multiplierOf(UUID accountId, Instant at) {
		return BigDecimal.ONE;
	}

}
