package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A member whose points expire soon: {@code points} of their lots expire by the horizon,
 * the first of them at {@code firstAt} (in the past when the expiry has not run yet),
 * worth {@code value} in the programme's currency. {@code available} is the member's
 * available balance today, so staff can suggest a reward it pays for; the customer's
 * revenue says how much attention they deserve.
 */
public record ExpiringPoints(UUID accountId, UUID customerId, long points, Instant firstAt, BigDecimal value,
		long available, BigDecimal revenue) {
}
