package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one member would lose with a programme change: the points that would expire
 * earlier ({@code pointsExpiringEarlier}, all of them), of which those whose new date is
 * already past and that the next expiry run would take at once
 * ({@code pointsExpiringAtOnce}), and the first new date of the others
 * ({@code earliestNewExpiry}, never before now; null when there are none); the points a
 * year they would no longer earn; their tier (now or, when protected, at
 * {@code tierLostAt}) and the benefits that go with it ({@code benefits}, shown by the
 * page in its language; {@link #benefitsLost()} in English for the API and the CSV);
 * their revenue (customer_figures) and the money value of the points lost; and, for a
 * caller who may read customers' scores, what analytics predicts of them
 * ({@link MemberOutlook}): their lifetime value and their risk of leaving (both null when
 * unknown).
 */
public record ImpactLine(UUID accountId, UUID customerId, BigDecimal revenue, long pointsExpiringEarlier,
		long pointsExpiringAtOnce, Instant earliestNewExpiry, long pointsLostPerYear, BigDecimal valueLost,
		String tierFrom, String tierTo, Instant tierLostAt, @JsonIgnore Tier.Benefits benefits,
		BigDecimal predictedValue, String churnRisk) {

	public ImpactLine {
		benefits = (benefits == null) ? Tier.Benefits.NONE : benefits;
	}

	/** The benefits lost, in English whatever the reader's language (API, CSV). */
	@JsonProperty("benefitsLost")
	public List<String> benefitsLost() {
		return this.benefits.inEnglish();
	}

	ImpactLine with(MemberOutlook.Outlook outlook) {
		return (outlook == null) ? this
				: new ImpactLine(this.accountId, this.customerId, this.revenue, this.pointsExpiringEarlier,
						this.pointsExpiringAtOnce, this.earliestNewExpiry, this.pointsLostPerYear, this.valueLost,
						this.tierFrom, this.tierTo, this.tierLostAt, this.benefits, outlook.predictedValue(),
						outlook.risk());
	}

	/** At high risk of leaving, as analytics last judged. */
	public boolean likelyToLeave() {
		return "HIGH".equals(this.churnRisk);
	}

}
