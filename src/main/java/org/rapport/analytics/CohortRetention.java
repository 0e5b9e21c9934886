package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cohort retention as the dashboard shows it, from a snapshot's cells (which exist only
 * where someone bought) and the month of its as-of instant.
 * <ul>
 * <li>A cohort's row runs from +0 to the snapshot's month: a month that is over without a
 * purchase reads 0; the month still running shows what it has so far, or stays empty like
 * a month not reached yet.</li>
 * <li>The curve of all cohorts at +k weighs each cohort by its buyers, over the cohorts
 * for which month +k is over (the month still running would pull the curve down). It
 * stops at the first +k for which those cohorts hold fewer than {@value #MIN_BUYERS}
 * buyers (fewer than the buyers at +0, when those are fewer), so that one old, small
 * cohort does not draw its tail alone.</li>
 * <li>The chart draws that curve and the latest {@value #CHARTED} cohorts of at least
 * {@value #MIN_BUYERS} buyers (of any size, when none is that large); the table lists
 * every cohort.</li>
 * </ul>
 */
final class CohortRetention {

	/** How many cohorts the chart draws beside the curve of all cohorts. */
	static final int CHARTED = 6;

	/**
	 * The fewest buyers a cohort drawn on the chart, or a point of the curve, stands for.
	 */
	static final int MIN_BUYERS = 20;

	/** A cohort's retention from +0, null for a month it has not reached yet. */
	record Row(YearMonth cohort, int size, List<BigDecimal> retention) {
	}

	/**
	 * The share of buyers (0-1) who bought again {@code monthsSince} months after their
	 * first month.
	 */
	record Point(int monthsSince, BigDecimal retention) {
	}

	private final List<Row> rows;

	private final List<Point> overall;

	private CohortRetention(List<Row> rows, List<Point> overall) {
		this.rows = rows;
		this.overall = overall;
	}

	/** The retention of the snapshot's cells, as of its month. */
	static CohortRetention of(List<Charts.CohortCell> cells, YearMonth asOf) {
		Map<YearMonth, List<Charts.CohortCell>> byCohort = new TreeMap<>();
		cells
			.forEach((c) -> byCohort.computeIfAbsent(YearMonth.from(c.cohortMonth()), (k) -> new ArrayList<>()).add(c));
		int columns = 0;
		for (Map.Entry<YearMonth, List<Charts.CohortCell>> e : byCohort.entrySet()) {
			int lastCell = e.getValue().stream().mapToInt(Charts.CohortCell::monthsSince).max().orElse(0);
			columns = Math.max(columns, Math.max(lastCell + 1, over(e.getKey(), asOf)));
		}
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<YearMonth, List<Charts.CohortCell>> e : byCohort.entrySet()) {
			List<BigDecimal> retention = new ArrayList<>(Collections.nCopies(columns, (BigDecimal) null));
			for (int k = 0; k < over(e.getKey(), asOf); k++) {
				retention.set(k, BigDecimal.ZERO);
			}
			e.getValue().forEach((c) -> retention.set(c.monthsSince(), c.retention()));
			rows.add(new Row(e.getKey(), e.getValue().get(0).cohortSize(), retention));
		}
		return new CohortRetention(rows, overall(byCohort, asOf));
	}

	/** Every cohort, oldest first. */
	List<Row> rows() {
		return this.rows;
	}

	/** The months after the first that the table has columns for. */
	int columns() {
		return this.rows.isEmpty() ? 0 : this.rows.get(0).retention().size();
	}

	/** The curve of all cohorts, weighted by buyers, from +0. */
	List<Point> overall() {
		return this.overall;
	}

	/**
	 * The cohorts the chart draws beside the curve: the latest of enough buyers, oldest
	 * first.
	 */
	List<Row> charted() {
		List<Row> large = this.rows.stream().filter((r) -> r.size() >= MIN_BUYERS).toList();
		if (large.isEmpty()) {
			large = this.rows;
		}
		return large.subList(Math.max(0, large.size() - CHARTED), large.size());
	}

	/**
	 * How many of the cohort's months, from its first, are over by the snapshot's month
	 * (≥ 0).
	 */
	private static int over(YearMonth cohort, YearMonth asOf) {
		return (int) Math.max(0, ChronoUnit.MONTHS.between(cohort, asOf));
	}

	private static List<Point> overall(Map<YearMonth, List<Charts.CohortCell>> byCohort, YearMonth asOf) {
		List<Point> points = new ArrayList<>();
		long floor = MIN_BUYERS;
		for (int k = 0;; k++) {
			long buyers = 0;
			long again = 0;
			for (Map.Entry<YearMonth, List<Charts.CohortCell>> e : byCohort.entrySet()) {
				if (!e.getKey().plusMonths(k).isBefore(asOf)) {
					continue;
				}
				buyers += e.getValue().get(0).cohortSize();
				int month = k;
				again += e.getValue()
					.stream()
					.filter((c) -> c.monthsSince() == month)
					.mapToLong(Charts.CohortCell::customers)
					.sum();
			}
			if (k == 0) {
				floor = Math.max(1, Math.min(floor, buyers));
			}
			if (buyers < floor) {
				return points;
			}
			points.add(new Point(k,
					BigDecimal.valueOf(again).divide(BigDecimal.valueOf(buyers), 4, RoundingMode.HALF_UP)));
		}
	}

}
