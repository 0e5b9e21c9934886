package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CohortRetentionTest {

	private static final YearMonth MAY = YearMonth.of(2026, 5);

	@Test
	void aMonthThatIsOverWithoutAPurchaseReadsZeroAndTheMonthStillRunningShowsWhatItHasSoFar() {
		// 40 buyers first bought in February; 10 bought again in March, nobody in April,
		// 4 in May (the snapshot's month, still running)
		List<Charts.CohortCell> cells = cohort("2026-02", 40, 40, 10, 0, 4);

		CohortRetention retention = CohortRetention.of(cells, MAY);

		assertThat(retention.columns()).isEqualTo(4);
		assertThat(retention.rows()).singleElement().satisfies((row) -> {
			assertThat(row.cohort()).isEqualTo(YearMonth.of(2026, 2));
			assertThat(row.size()).isEqualTo(40);
			assertThat(row.retention()).containsExactly(share("1"), share("0.25"), BigDecimal.ZERO, share("0.1"));
		});
		// April's cohort: nobody came back yet in May, which is still running, so +1
		// stays
		// empty like +2 and +3
		retention = CohortRetention.of(concat(cells, cohort("2026-04", 30, 30)), MAY);
		assertThat(retention.rows().get(1).retention()).containsExactly(share("1"), null, null, null);
	}

	@Test
	void theCurveOfAllCohortsWeighsEachCohortByItsBuyersOverTheMonthsThatAreOver() {
		// January: 100 buyers, 30 again in February, 10 in March, 20 in April;
		// March: 20 buyers, 10 again in April; April: 50 buyers (its +1 is May, still
		// running)
		List<Charts.CohortCell> cells = concat(cohort("2026-01", 100, 100, 30, 10, 20),
				cohort("2026-03", 20, 20, 10, 5), cohort("2026-04", 50, 50, 25));

		List<CohortRetention.Point> curve = CohortRetention.of(cells, MAY).overall();

		// +0: all three cohorts; +1: January and March (April's +1 is May); +2: January
		// alone has 100 buyers; +3: January (April's +3 and March's +2 lie in May or
		// after)
		assertThat(curve).extracting(CohortRetention.Point::monthsSince).containsExactly(0, 1, 2, 3);
		assertThat(curve.get(0).retention()).isEqualByComparingTo("1");
		assertThat(curve.get(1).retention()).isEqualByComparingTo(ratio(30 + 10, 100 + 20));
		assertThat(curve.get(2).retention()).isEqualByComparingTo("0.1");
		assertThat(curve.get(3).retention()).isEqualByComparingTo("0.2");
	}

	@Test
	void theCurveStopsWhereTheCohortsPastTheMonthHoldFewerThanTwentyBuyers() {
		// an old cohort of one buyer who came back every month for a year, and a cohort
		// of
		// 60 buyers from four months before the snapshot
		List<Charts.CohortCell> cells = concat(cohort("2025-01", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
				cohort("2026-01", 60, 60, 6, 6, 6));

		List<CohortRetention.Point> curve = CohortRetention.of(cells, MAY).overall();

		// January 2026's +4 is May, still running: from there on one buyer is left
		assertThat(curve).extracting(CohortRetention.Point::monthsSince).containsExactly(0, 1, 2, 3);
		assertThat(curve.get(1).retention()).isEqualByComparingTo(ratio(7, 61));
		// the table still shows the old cohort whole
		assertThat(CohortRetention.of(cells, MAY).columns()).isEqualTo(16);
	}

	@Test
	void withFewBuyersTheCurveRunsWhileEveryCompletedCohortTakesPart() {
		// four buyers first buying in August, one in September, as of January
		List<Charts.CohortCell> cells = concat(cohort("2025-08", 4, 4, 2, 1, 1, 1), cohort("2025-09", 1, 1, 1));

		List<CohortRetention.Point> curve = CohortRetention.of(cells, YearMonth.of(2026, 1)).overall();

		assertThat(curve).extracting(CohortRetention.Point::monthsSince).containsExactly(0, 1, 2, 3);
		assertThat(curve.get(1).retention()).isEqualByComparingTo(ratio(3, 5));
		assertThat(curve.get(2).retention()).isEqualByComparingTo(ratio(1, 5));
	}

	@Test
	void theChartDrawsTheLatestSixCohortsOfAtLeastTwentyBuyers() {
		List<Charts.CohortCell> cells = new ArrayList<>();
		for (int m = 1; m <= 12; m++) {
			// every third month is a small cohort
			cells.addAll(cohort(YearMonth.of(2025, m).toString(), m % 3 == 0 ? 5 : 25, m % 3 == 0 ? 5 : 25));
		}

		CohortRetention retention = CohortRetention.of(cells, MAY);

		assertThat(retention.charted()).extracting((r) -> r.cohort().getMonthValue())
			.containsExactly(4, 5, 7, 8, 10, 11);
		assertThat(retention.rows()).hasSize(12);
	}

	@Test
	void whenNoCohortHasTwentyBuyersTheChartDrawsTheLatestOfAnySize() {
		List<Charts.CohortCell> cells = concat(cohort("2026-01", 3, 3), cohort("2026-02", 2, 2));

		assertThat(CohortRetention.of(cells, MAY).charted()).extracting(CohortRetention.Row::size)
			.containsExactly(3, 2);
	}

	@Test
	void withoutCohortsThereIsNothingToShow() {
		CohortRetention retention = CohortRetention.of(List.of(), MAY);

		assertThat(retention.rows()).isEmpty();
		assertThat(retention.columns()).isZero();
		assertThat(retention.overall()).isEmpty();
		assertThat(retention.charted()).isEmpty();
	}

	/** A cohort's cells as stored: the buyers of each month from +0, none where zero. */
	private static List<Charts.CohortCell> cohort(String month, int size, int... buyers) {
		List<Charts.CohortCell> cells = new ArrayList<>();
		for (int k = 0; k < buyers.length; k++) {
			if (buyers[k] > 0) {
				cells.add(new Charts.CohortCell(LocalDate.parse(month + "-01"), k, size, buyers[k],
						ratio(buyers[k], size)));
			}
		}
		return cells;
	}

	@SafeVarargs
	private static List<Charts.CohortCell> concat(List<Charts.CohortCell>... parts) {
		return Arrays.stream(parts).flatMap(List::stream).toList();
	}

	private static BigDecimal ratio(long n, long of) {
		return BigDecimal.valueOf(n).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
	}

	private static BigDecimal share(String value) {
		return new BigDecimal(value).setScale(4, RoundingMode.HALF_UP);
	}

}
