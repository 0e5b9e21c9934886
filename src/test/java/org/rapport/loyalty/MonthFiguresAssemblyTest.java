package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the month's figures are put together from the sums of each month. */
class MonthFiguresAssemblyTest {

	private static final LoyaltyProgramme CLUB = new LoyaltyProgramme(UUID.randomUUID(), "club", "Club", "EUR",
			"points", new BigDecimal("0.01"), 14, ExpiryPolicy.NONE, 0, 12, NegativeBalancePolicy.ALLOW, null, Map.of(),
			null, false, 1, Instant.EPOCH);

	private static final YearMonth MARCH = YearMonth.of(2026, 3);

	@Test
	void cumulativeFiguresStartFromEveryMonthBeforeTheFirstAsked() {
		Map<YearMonth, FiguresRollUp.Sums> sums = Map.of(MARCH.minusMonths(5),
				new FiguresRollUp.Sums(1000, 0, 0, 1000, 4), MARCH.minusMonths(1),
				new FiguresRollUp.Sums(200, 300, 0, -100, 2), MARCH, new FiguresRollUp.Sums(50, 100, 25, -75, 3));

		List<MonthFigures> figures = ProgrammeFigures.assemble(CLUB, MARCH, MARCH.plusMonths(1), sums, Map.of(),
				Map.of());

		assertThat(figures).extracting(MonthFigures::month).containsExactly("2026-03", "2026-04");
		MonthFigures march = figures.get(0);
		assertThat(march.pointsIssued()).isEqualTo(50);
		assertThat(march.pointsRedeemed()).isEqualTo(100);
		assertThat(march.pointsExpired()).isEqualTo(25);
		assertThat(march.activeMembers()).isEqualTo(3);
		assertThat(march.outstandingPoints()).isEqualTo(1000 - 100 - 75);
		assertThat(march.liability()).isEqualByComparingTo("8.25");
		assertThat(march.redemptionRate()).isEqualByComparingTo(ProgrammeFigures.ratio(400, 1250));
		MonthFigures april = figures.get(1);
		assertThat(april.pointsIssued()).isZero();
		assertThat(april.activeMembers()).isZero();
		assertThat(april.outstandingPoints()).isEqualTo(825);
	}

	@Test
	void membersAndCustomersAreCountedAtEachMonthsEnd() {
		Map<YearMonth, Long> enrolled = Map.of(MARCH.minusYears(1), 5L, MARCH, 2L, MARCH.plusMonths(2), 1L);
		Map<YearMonth, Long> created = Map.of(MARCH.minusYears(2), 40L, MARCH.plusMonths(1), 10L);

		List<MonthFigures> figures = ProgrammeFigures.assemble(CLUB, MARCH.minusMonths(1), MARCH.plusMonths(2),
				Map.of(), enrolled, created);

		assertThat(figures).extracting(MonthFigures::members).containsExactly(5L, 7L, 7L, 8L);
		assertThat(figures).extracting(MonthFigures::customers).containsExactly(40L, 40L, 50L, 50L);
		assertThat(figures.get(1).penetration()).isEqualByComparingTo("0.1750");
	}

	@Test
	void theRedemptionRateIsEmptyUntilAPointIsIssued() {
		List<MonthFigures> figures = ProgrammeFigures.assemble(CLUB, MARCH, MARCH.plusMonths(1),
				Map.of(MARCH.plusMonths(1), new FiguresRollUp.Sums(10, 0, 0, 10, 1)), Map.of(), Map.of());

		assertThat(figures.get(0).redemptionRate()).isNull();
		assertThat(figures.get(1).redemptionRate()).isEqualByComparingTo("0");
		assertThat(figures.get(0).penetration()).isNull();
	}

}
