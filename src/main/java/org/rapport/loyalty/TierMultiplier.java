package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The earn multiplier of a member's tier at a moment. Tiers are not built yet: the bean
 * here answers 1 for everyone; the tier ladder will replace it with its own bean.
 */
public interface TierMultiplier {

	BigDecimal multiplierOf(UUID accountId, Instant at);

	/** No tiers: every member earns at the base rate. */
	TierMultiplier NONE = (account, at) -> BigDecimal.ONE;

}
