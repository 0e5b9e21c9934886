package org.rapport.analytics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.rapport.customer.LifecycleStage;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseMonthsTest {

	private static final Instant AS_OF = Instant.parse("2026-03-15T12:00:00Z");

	@Test
	void aCohortCountsItsBuyersInEveryMonthTheyPurchasedIn() {
		PurchaseMonths months = new PurchaseMonths(AS_OF, 12, 365, 5);
		buyer(months, "A", purchase("2025-10-03T10:00:00Z"), purchase("2025-10-20T10:00:00Z"),
				purchase("2025-12-01T00:00:00Z"));
		buyer(months, "B", purchase("2025-10-31T23:59:59Z"), purchase("2025-11-01T00:00:00Z"));
		buyer(months, "C", purchase("2025-11-05T00:00:00Z"));
		months.endOfBuyers();
		Map<String, String> cells = new LinkedHashMap<>();
		for (PurchaseMonths.Cohort c : months.cohorts()) {
			cells.put(c.cohort() + "+" + c.monthsSince(), c.customers() + "/" + c.cohortSize());
		}
		assertThat(cells).containsExactly(Map.entry("2025-10+0", "2/2"), Map.entry("2025-10+1", "1/2"),
				Map.entry("2025-10+2", "1/2"), Map.entry("2025-11+0", "1/1"));
	}

	@Test
	void theStageAtAMonthsEndReadsThePurchasesUpToThenAndLapsesAfterLostAfterDays() {
		PurchaseMonths months = new PurchaseMonths(AS_OF, 12, 365, 3);
		// One purchase on 2025-02-28 12:00: a FIRST_TIME_BUYER at the end of March 2025,
		// the month before the first flow month (April 2025); at the end of February 2026
		// (2026-03-01) it is 365.5 days old: LOST.
		buyer(months, "A", purchase("2025-02-28T12:00:00Z"));
		months.endOfBuyers();
		Map<String, Long> flows = flows(months);
		assertThat(flows).containsEntry("2025-04 FIRST_TIME_BUYER>FIRST_TIME_BUYER", 1L)
			.containsEntry("2026-01 FIRST_TIME_BUYER>FIRST_TIME_BUYER", 1L)
			.containsEntry("2026-02 FIRST_TIME_BUYER>LOST", 1L)
			.containsEntry("2026-03 LOST>LOST", 1L)
			.doesNotContainKey("2025-04 PROSPECT>FIRST_TIME_BUYER")
			.hasSize(12);
	}

	@Test
	void exactlyLostAfterDaysIsNotYetLost() {
		PurchaseMonths months = new PurchaseMonths(AS_OF, 12, 365, 3);
		// 2025-03-01 to 2026-03-01 is 365 days: still a buyer at the end of February;
		// lost
		// at the as-of instant, the end of March.
		buyer(months, "A", purchase("2025-03-01T00:00:00Z"));
		// Bought at the very end of March 2025: counted from April on.
		buyer(months, "B", purchase("2025-04-01T00:00:00Z"));
		months.endOfBuyers();
		assertThat(flows(months)).containsEntry("2025-04 FIRST_TIME_BUYER>FIRST_TIME_BUYER", 1L)
			.containsEntry("2025-04 PROSPECT>FIRST_TIME_BUYER", 1L)
			.containsEntry("2026-02 FIRST_TIME_BUYER>FIRST_TIME_BUYER", 2L)
			.containsEntry("2026-03 FIRST_TIME_BUYER>LOST", 1L)
			.containsEntry("2026-03 FIRST_TIME_BUYER>FIRST_TIME_BUYER", 1L);
	}

	@Test
	void theCurrentMonthEndsAtTheAsOfInstantAndBuyersClimbTheLadder() {
		PurchaseMonths months = new PurchaseMonths(AS_OF, 2, 365, 3);
		buyer(months, "A", purchase("2026-01-10T00:00:00Z"), purchase("2026-02-10T00:00:00Z"),
				purchase("2026-03-10T00:00:00Z"));
		buyer(months, "B", purchase("2026-03-01T00:00:00Z"));
		months.endOfBuyers();
		assertThat(flows(months)).containsExactly(Map.entry("2026-02 FIRST_TIME_BUYER>REPEAT_BUYER", 1L),
				Map.entry("2026-03 PROSPECT>FIRST_TIME_BUYER", 1L), Map.entry("2026-03 REPEAT_BUYER>LOYAL", 1L));
	}

	@Test
	void countsAgreeWithStagesComputedBuyerByBuyerForRandomHistories() {
		Random random = new Random(5);
		PurchaseMonths months = new PurchaseMonths(AS_OF, 12, 365, 5);
		Map<String, Long> expected = new TreeMap<>();
		long start = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
		long end = AS_OF.getEpochSecond();
		for (int b = 0; b < 300; b++) {
			List<Instant> purchases = new ArrayList<>();
			int n = 1 + random.nextInt(8);
			for (int i = 0; i < n; i++) {
				purchases.add(Instant.ofEpochSecond(start + (long) (random.nextDouble() * (end - start))));
			}
			purchases.sort(null);
			buyer(months, "b" + b, purchases.toArray(Instant[]::new));
			for (int k = 11; k >= 0; k--) {
				YearMonth month = YearMonth.of(2026, 3).minusMonths(k);
				LifecycleStage to = stage(purchases, month);
				if (to != LifecycleStage.PROSPECT) {
					expected.merge(month + " " + stage(purchases, month.minusMonths(1)) + ">" + to, 1L, Long::sum);
				}
			}
		}
		months.endOfBuyers();
		assertThat(new TreeMap<>(flows(months))).isEqualTo(expected);
	}

	/** The rule written out directly: purchases up to the month's end (or as-of). */
	private static LifecycleStage stage(List<Instant> purchases, YearMonth month) {
		Instant end = month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		end = end.isAfter(AS_OF) ? AS_OF : end;
		long count = 0;
		Instant last = null;
		for (Instant p : purchases) {
			if (p.isBefore(end)) {
				count++;
				last = p;
			}
		}
		if (count == 0) {
			return LifecycleStage.PROSPECT;
		}
		if (java.time.Duration.between(last, end).compareTo(java.time.Duration.ofDays(365)) > 0) {
			return LifecycleStage.LOST;
		}
		return count >= 5 ? LifecycleStage.LOYAL
				: count >= 2 ? LifecycleStage.REPEAT_BUYER : LifecycleStage.FIRST_TIME_BUYER;
	}

	private static Instant purchase(String at) {
		return Instant.parse(at);
	}

	/** Hands a buyer's purchases over as the base rows do: per month, count and last. */
	private static void buyer(PurchaseMonths months, String id, Instant... purchases) {
		TreeMap<Integer, long[]> byMonth = new TreeMap<>();
		for (Instant p : purchases) {
			int month = PurchaseMonths.index(YearMonth.from(p.atOffset(java.time.ZoneOffset.UTC)));
			long[] cell = byMonth.computeIfAbsent(month, (m) -> new long[2]);
			cell[0]++;
			cell[1] = Math.max(cell[1], PurchaseMonths.micros(p));
		}
		byMonth.forEach((month, cell) -> months.row(id, month, (int) cell[0], cell[1]));
	}

	private static Map<String, Long> flows(PurchaseMonths months) {
		Map<String, Long> flows = new LinkedHashMap<>();
		for (PurchaseMonths.Flow f : months.flows()) {
			flows.put(f.month() + " " + f.from() + ">" + f.to(), f.customers());
		}
		return flows;
	}

}
