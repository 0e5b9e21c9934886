package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/**
 * A programme's tier ladder: tiers lowest first, with strictly rising thresholds on one
 * {@link Measure} over a qualification {@link Window}. A tier qualified for is kept until
 * the end of the period it was qualified in ({@link #periodEnd}) plus
 * {@code graceMonths}; an upgrade is at once. Dates are computed in UTC.
 */
public record TierLadder(Measure measure, Window window, int graceMonths, List<Tier> tiers) {

	/** The highest threshold a tier may have (the column's numeric(16, 2)). */
	static final BigDecimal MAX_THRESHOLD = new BigDecimal("99999999999999.99");

	/** The highest earn multiplier of a tier. */
	static final BigDecimal MAX_MULTIPLIER = new BigDecimal(100);

	/**
	 * What qualifies: points EARNED in the window (never the balance), spend, purchases.
	 */
	public enum Measure {

		POINTS_EARNED, SPEND, PURCHASES

	}

	public enum Window {

		/** The 12 months up to the evaluation; a qualified tier is held 12 months. */
		ROLLING_12_MONTHS,
		/** The calendar year so far; a qualified tier is held to the end of the year. */
		CALENDAR_YEAR

	}

	/** The window is (start, asOf]: what happened exactly at the start does not count. */
	public Instant windowStart(Instant asOf) {
		return switch (this.window) {
			case ROLLING_12_MONTHS -> asOf.atZone(ZoneOffset.UTC).minusMonths(12).toInstant();
			case CALENDAR_YEAR -> LocalDate.of(asOf.atZone(ZoneOffset.UTC).getYear(), 1, 1)
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant()
				.minusNanos(1000);
		};
	}

	/** Until when a tier qualified for at {@code asOf} is held (before the grace). */
	public Instant periodEnd(Instant asOf) {
		return switch (this.window) {
			case ROLLING_12_MONTHS -> asOf.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
			case CALENDAR_YEAR ->
				LocalDate.of(asOf.atZone(ZoneOffset.UTC).getYear() + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		};
	}

	/** The first moment a tier held until {@code qualifiedUntil} may be lowered. */
	public Instant downgradeFrom(Instant qualifiedUntil) {
		return qualifiedUntil.atZone(ZoneOffset.UTC).plusMonths(this.graceMonths).toInstant();
	}

	/** The highest tier whose threshold the value reaches, or null. */
	public Tier tierFor(BigDecimal value) {
		Tier reached = null;
		for (Tier t : this.tiers) {
			if (value.compareTo(t.threshold()) >= 0) {
				reached = t;
			}
		}
		return reached;
	}

	public Tier tier(String code) {
		return (code == null) ? null
				: this.tiers.stream().filter((t) -> t.code().equals(code)).findFirst().orElse(null);
	}

	public int rank(String code) {
		Tier t = tier(code);
		return (t == null) ? 0 : this.tiers.indexOf(t) + 1;
	}

	/** The tier above {@code code} (null: the first tier), or null at the top. */
	public Tier next(String code) {
		int r = rank(code);
		return (r < this.tiers.size()) ? this.tiers.get(r) : null;
	}

	/**
	 * @throws ApiException 400 when something is missing or thresholds do not rise
	 */
	public TierLadder validated() {
		if (this.measure == null) {
			throw ApiException.invalid("measure", Text.of("loyalty.tier.measure", "POINTS_EARNED, SPEND or PURCHASES"));
		}
		if (this.window == null) {
			throw ApiException.invalid("window", Text.of("loyalty.tier.window", "ROLLING_12_MONTHS or CALENDAR_YEAR"));
		}
		if (this.graceMonths < 0 || this.graceMonths > 36) {
			throw ApiException.invalid("graceMonths", Text.of("loyalty.tier.grace-months", "between 0 and 36"));
		}
		if (this.tiers == null || this.tiers.isEmpty() || this.tiers.size() > 20
				|| this.tiers.stream().anyMatch(java.util.Objects::isNull)) {
			throw ApiException.invalid("tiers", Text.of("loyalty.tier.count", "give 1 to 20 tiers, lowest first"));
		}
		Set<String> codes = new HashSet<>();
		BigDecimal last = BigDecimal.ZERO;
		for (Tier t : this.tiers) {
			if (t.code() == null || t.code().isBlank() || t.name() == null || !codes.add(t.code())) {
				throw ApiException.invalid("tiers",
						Text.of("loyalty.tier.code-and-name", "every tier needs a unique code and a name"));
			}
			if (t.threshold() == null || t.threshold().compareTo(last) <= 0) {
				throw ApiException.invalid("tiers", Text.of("loyalty.tier.thresholds-rise",
						"thresholds must be positive and rise from tier to tier"));
			}
			if (t.threshold().compareTo(MAX_THRESHOLD) > 0 || t.threshold().stripTrailingZeros().scale() > 2) {
				throw ApiException.invalid("tiers", Text.of("loyalty.tier.threshold-range",
						"a threshold has at most 2 decimals and is at most {0}", MAX_THRESHOLD.toPlainString()));
			}
			if (t.multiplier().compareTo(BigDecimal.ONE) < 0 || t.multiplier().compareTo(MAX_MULTIPLIER) > 0
					|| t.multiplier().stripTrailingZeros().scale() > 3 || t.discount().signum() < 0
					|| t.discount().compareTo(new BigDecimal(100)) > 0
					|| t.discount().stripTrailingZeros().scale() > 2) {
				throw ApiException.invalid("tiers", Text.of("loyalty.tier.multiplier-discount",
						"multiplier between 1 and 100 (at most 3 decimals), discount between 0 and 100 (at most 2)"));
			}
			last = t.threshold();
		}
		return this;
	}

}
