package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one member would lose with a programme change: points that would expire earlier
 * (and the first new date), the points a year they would no longer earn, their tier (now
 * or, when protected, at {@code tierLostAt}) and the benefits that go with it; their
 * revenue (customer_figures) and the money value of the points lost; and, for a caller
 * who may read customers' scores, what analytics predicts of them
 * ({@link MemberOutlook}): their lifetime value and their risk of leaving (both null when
 * unknown).
 */
public record ImpactLine(UUID accountId, UUID customerId, BigDecimal revenue, long pointsExpiringEarlier,
		Instant earliestNewExpiry, long pointsLostPerYear, BigDecimal valueLost, String tierFrom, String tierTo,
		Instant tierLostAt, List<String> benefitsLost, BigDecimal predictedValue, String churnRisk) {

	ImpactLine with(MemberOutlook.Outlook outlook) {
		return (outlook == null) ? this
				: new ImpactLine(this.accountId, this.customerId, this.revenue, this.pointsExpiringEarlier,
						this.earliestNewExpiry, this.pointsLostPerYear, this.valueLost, this.tierFrom, this.tierTo,
						this.tierLostAt, this.benefitsLost, outlook.predictedValue(), outlook.risk());
	}

	/** At high risk of leaving, as analytics last judged. */
	public boolean likelyToLeave() {
		return "HIGH".equals(this.churnRisk);
	}

}
