package org.rapport.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rapport.customer.LifecycleStage;

/**
 * Cohort retention and month-by-month lifecycle flows accumulated buyer by buyer from the
 * months each buyer purchased in: per month (UTC), the number of purchases and the last
 * purchase instant. The base rows of a run hand every buyer's months over while they are
 * written, so the purchases are read once for both (docs/adr/0025). Memory: the counts,
 * never the buyers.
 * <p>
 * Rules (docs/adr/0010): a buyer's cohort is the month of the first purchase, and the
 * cohort counts the buyer in every month they purchased in. The stage at the end of a
 * month (the start of the next one, or the as-of instant if earlier) is read from the
 * purchases up to then: LOST when the last one is more than {@code lostAfterDays} before,
 * LOYAL from {@code loyalMin} purchases, REPEAT_BUYER from two, FIRST_TIME_BUYER from
 * one; no purchase yet is PROSPECT. Flows: for each of the last {@code flowMonths}
 * months, the buyers with a purchase by its end, from their stage at the end of the month
 * before to their stage at its end.
 */
final class PurchaseMonths {

	private static final LifecycleStage[] STAGES = LifecycleStage.values();

	private final long lostAfterMicros;

	private final int loyalMin;

	/** The month index of the first month whose end is a flow's "before". */
	private final int firstMonth;

	/**
	 * The end of each month from {@link #firstMonth}, in microseconds since the epoch.
	 */
	private final long[] ends;

	/** flows[month][from][to], month 1.. relative to {@link #firstMonth}. */
	private final long[][][] flows;

	private final Map<Integer, long[]> cohorts = new TreeMap<>();

	private final LifecycleStage[] stageAt;

	PurchaseMonths(Instant asOf, int flowMonths, int lostAfterDays, int loyalMin) {
		this.lostAfterMicros = lostAfterDays * 86_400_000_000L;
		this.loyalMin = loyalMin;
		YearMonth last = YearMonth.from(asOf.atOffset(ZoneOffset.UTC));
		this.firstMonth = index(last.minusMonths(flowMonths));
		this.ends = new long[flowMonths + 1];
		long asOfMicros = micros(asOf);
		for (int k = 0; k <= flowMonths; k++) {
			LocalDate next = month(this.firstMonth + k + 1).atDay(1);
			this.ends[k] = Math.min(micros(next.atStartOfDay(ZoneOffset.UTC).toInstant()), asOfMicros);
		}
		this.flows = new long[flowMonths + 1][STAGES.length][STAGES.length];
		this.stageAt = new LifecycleStage[flowMonths + 1];
	}

	/** The months since January of year 0 (year × 12 + month − 1). */
	static int index(YearMonth month) {
		return month.getYear() * 12 + month.getMonthValue() - 1;
	}

	static YearMonth month(int index) {
		return YearMonth.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1);
	}

	static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private Object current;

	private int[] rowMonths = new int[16];

	private int[] rowPurchases = new int[16];

	private long[] rowLast = new long[16];

	private int rows;

	/**
	 * One month of a buyer's purchases, the rows of one buyer together and in ascending
	 * months; {@link #endOfBuyers} closes the last buyer.
	 */
	void row(Object buyer, int month, int purchases, long lastMicros) {
		if (!buyer.equals(this.current)) {
			endOfBuyers();
			this.current = buyer;
		}
		if (this.rows == this.rowMonths.length) {
			this.rowMonths = Arrays.copyOf(this.rowMonths, this.rows * 2);
			this.rowPurchases = Arrays.copyOf(this.rowPurchases, this.rows * 2);
			this.rowLast = Arrays.copyOf(this.rowLast, this.rows * 2);
		}
		this.rowMonths[this.rows] = month;
		this.rowPurchases[this.rows] = purchases;
		this.rowLast[this.rows] = lastMicros;
		this.rows++;
	}

	/** Counts the buyer whose rows came last. */
	void endOfBuyers() {
		buyer(this.rowMonths, this.rowPurchases, this.rowLast, this.rows);
		this.rows = 0;
		this.current = null;
	}

	/**
	 * One buyer: the months they purchased in, ascending (month indexes), with the number
	 * of purchases in each and the last purchase of each (microseconds since the epoch).
	 */
	void buyer(int[] months, int[] purchases, long[] lastMicros, int count) {
		if (count == 0) {
			return;
		}
		int cohort = months[0];
		long[] cells = this.cohorts.computeIfAbsent(cohort, (c) -> new long[0]);
		int span = months[count - 1] - cohort + 1;
		if (cells.length < span + 1) {
			cells = Arrays.copyOf(cells, span + 1);
			this.cohorts.put(cohort, cells);
		}
		cells[0]++;
		for (int i = 0; i < count; i++) {
			cells[1 + months[i] - cohort]++;
		}
		int i = 0;
		long total = 0;
		long last = 0;
		for (int k = 0; k < this.ends.length; k++) {
			int monthIndex = this.firstMonth + k;
			while (i < count && months[i] <= monthIndex) {
				total += purchases[i];
				last = lastMicros[i];
				i++;
			}
			this.stageAt[k] = total == 0 ? null : stage(total, this.ends[k] - last);
			if (k > 0 && this.stageAt[k] != null) {
				LifecycleStage from = this.stageAt[k - 1] == null ? LifecycleStage.PROSPECT : this.stageAt[k - 1];
				this.flows[k][from.ordinal()][this.stageAt[k].ordinal()]++;
			}
		}
	}

	private LifecycleStage stage(long purchases, long sinceLastMicros) {
		if (sinceLastMicros > this.lostAfterMicros) {
			return LifecycleStage.LOST;
		}
		if (purchases >= this.loyalMin) {
			return LifecycleStage.LOYAL;
		}
		return purchases >= 2 ? LifecycleStage.REPEAT_BUYER : LifecycleStage.FIRST_TIME_BUYER;
	}

	/**
	 * A cell of cohort retention: of cohortSize buyers, customers bought monthsSince
	 * later.
	 */
	record Cohort(YearMonth cohort, int monthsSince, long cohortSize, long customers) {
	}

	/**
	 * Buyers in stage from at the end of the month before month and in stage to at its
	 * end.
	 */
	record Flow(YearMonth month, LifecycleStage from, LifecycleStage to, long customers) {
	}

	/** The non-empty cohort cells, by cohort and months since. */
	List<Cohort> cohorts() {
		List<Cohort> out = new ArrayList<>();
		this.cohorts.forEach((cohort, cells) -> {
			for (int s = 1; s < cells.length; s++) {
				if (cells[s] > 0) {
					out.add(new Cohort(month(cohort), s - 1, cells[0], cells[s]));
				}
			}
		});
		return out;
	}

	/** The non-empty flows, by month. */
	List<Flow> flows() {
		List<Flow> out = new ArrayList<>();
		for (int k = 1; k < this.flows.length; k++) {
			for (LifecycleStage from : STAGES) {
				for (LifecycleStage to : STAGES) {
					long n = this.flows[k][from.ordinal()][to.ordinal()];
					if (n > 0) {
						out.add(new Flow(month(this.firstMonth + k), from, to, n));
					}
				}
			}
		}
		return out;
	}

}
