package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A customer's figures as of the last recorded interaction. {@code purchases} counts
 * every purchase, whatever its currency. Revenue (net of returns) and the average basket
 * are in the business currency: the average basket is the revenue divided by the
 * purchases in that currency, null without one (ADR 0048). {@code lastContact} maps each
 * channel to the customer's latest interaction there.
 */
public record CustomerFigures(UUID customerId, Instant firstPurchaseAt, Instant lastPurchaseAt, int purchases,
		BigDecimal revenue, String currency, int returns, BigDecimal returnedAmount, BigDecimal averageBasket,
		Map<String, Instant> lastContact, Instant updatedAt) {

	static CustomerFigures none(UUID customerId, String currency) {
		return new CustomerFigures(customerId, null, null, 0, BigDecimal.ZERO.setScale(2), currency, 0,
				BigDecimal.ZERO.setScale(2), null, Map.of(), null);
	}

}
