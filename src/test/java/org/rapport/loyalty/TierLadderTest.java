package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.loyalty.TierLadder.Measure;
import org.rapport.loyalty.TierLadder.Window;
import org.rapport.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierLadderTest {

	static Tier tier(String code, String threshold, String multiplier) {
		return new Tier(code, code, new BigDecimal(threshold), new BigDecimal(multiplier), BigDecimal.ZERO, false,
				null);
	}

	static final TierLadder LADDER = new TierLadder(Measure.POINTS_EARNED, Window.ROLLING_12_MONTHS, 2,
			List.of(tier("SILVER", "100", "1.25"), tier("GOLD", "500", "1.5")));

	@Test
	void theTierIsTheHighestWhoseThresholdIsReachedExactly() {
		assertThat(LADDER.tierFor(new BigDecimal("99.99"))).isNull();
		assertThat(LADDER.tierFor(new BigDecimal("100")).code()).isEqualTo("SILVER");
		assertThat(LADDER.tierFor(new BigDecimal("499")).code()).isEqualTo("SILVER");
		assertThat(LADDER.tierFor(new BigDecimal("500")).code()).isEqualTo("GOLD");
	}

	@Test
	void aRollingWindowIsTheTwelveMonthsUpToTheEvaluationAndTheTierIsHeldTwelveMonths() {
		Instant asOf = Instant.parse("2026-03-31T10:00:00Z");
		assertThat(LADDER.windowStart(asOf)).isEqualTo(Instant.parse("2025-03-31T10:00:00Z"));
		assertThat(LADDER.periodEnd(asOf)).isEqualTo(Instant.parse("2027-03-31T10:00:00Z"));
	}

	@Test
	void aCalendarYearWindowStartsOnTheFirstOfJanuaryInclusiveAndEndsWithTheYear() {
		TierLadder year = new TierLadder(Measure.SPEND, Window.CALENDAR_YEAR, 0, LADDER.tiers());
		Instant asOf = Instant.parse("2026-07-15T00:00:00Z");
		Instant newYear = Instant.parse("2026-01-01T00:00:00Z");
		assertThat(year.windowStart(asOf)).isBefore(newYear);
		assertThat(year.windowStart(asOf)).isAfter(Instant.parse("2025-12-31T23:59:59.999Z"));
		assertThat(year.periodEnd(asOf)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(year.periodEnd(Instant.parse("2026-12-31T23:59:59Z")))
			.isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
	}

	@Test
	void aTierIsLoweredOnlyAfterThePeriodEndPlusTheGraceMonths() {
		assertThat(LADDER.downgradeFrom(Instant.parse("2026-12-31T00:00:00Z")))
			.isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
	}

	@Test
	void theNextTierOfNoTierIsTheFirstAndTheTopHasNone() {
		assertThat(LADDER.next(null).code()).isEqualTo("SILVER");
		assertThat(LADDER.next("SILVER").code()).isEqualTo("GOLD");
		assertThat(LADDER.next("GOLD")).isNull();
	}

	@Test
	void thresholdsMustRiseFromTierToTier() {
		TierLadder flat = new TierLadder(Measure.PURCHASES, Window.CALENDAR_YEAR, 0,
				List.of(tier("A", "5", "1"), tier("B", "5", "1")));
		assertThatThrownBy(flat::validated).isInstanceOf(ApiException.class);
	}

	@Test
	void aThresholdOrMultiplierTheLadderCannotStoreIsRefusedAndTheLargestStorableOnesPass() {
		assertThatThrownBy(() -> ladderOf(tier("A", "1e400", "1")).validated()).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ladderOf(tier("A", "0.0000000000000000001", "1")).validated())
			.isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ladderOf(tier("A", "10", "1e400")).validated()).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ladderOf(tier("A", "10", "1.0001")).validated()).isInstanceOf(ApiException.class);
		assertThat(ladderOf(tier("A", "99999999999999.99", "100.000")).validated().tiers()).hasSize(1);
	}

	private static TierLadder ladderOf(Tier tier) {
		return new TierLadder(Measure.SPEND, Window.CALENDAR_YEAR, 0, List.of(tier));
	}

	@Test
	void aTierListsTheBenefitsALowerTierLacks() {
		Tier gold = new Tier("GOLD", "Gold", BigDecimal.TEN, new BigDecimal("1.5"), new BigDecimal("5"), true,
				"Lounge");
		assertThat(gold.benefitsBeyond(null)).hasSize(4);
		assertThat(gold.benefitsBeyond(gold)).isEmpty();
	}

}
