package org.rapport.analytics;

import java.util.Arrays;
import java.util.UUID;

/**
 * The distinct purchase days of a run's buyers, summed from the month rows read beside
 * the base rows (docs/adr/0040): a day lies in one month, so a buyer's days are the sum
 * of their months' days. The rows come by customer in PostgreSQL's {@code uuid} order
 * (unsigned, most significant byte first), the order the staged buyers are numbered in,
 * so the staged buyers find their days by walking both in step ({@link #find}). Memory:
 * the ids (16 bytes) and a count per buyer, sized by the buyers.
 */
final class BuyerDays {

	private long[] high = new long[1024];

	private long[] low = new long[1024];

	private int[] days = new int[1024];

	private int size;

	private int cursor;

	/**
	 * Adds one month row of a buyer, the rows of one buyer together, buyers ascending.
	 */
	void row(UUID buyer, int monthDays) {
		long h = buyer.getMostSignificantBits();
		long l = buyer.getLeastSignificantBits();
		if (this.size > 0 && this.high[this.size - 1] == h && this.low[this.size - 1] == l) {
			this.days[this.size - 1] += monthDays;
			return;
		}
		if (this.size == this.days.length) {
			int grown = this.size * 2;
			this.high = Arrays.copyOf(this.high, grown);
			this.low = Arrays.copyOf(this.low, grown);
			this.days = Arrays.copyOf(this.days, grown);
		}
		this.high[this.size] = h;
		this.low[this.size] = l;
		this.days[this.size] = monthDays;
		this.size++;
	}

	/** The number of buyers seen. */
	int size() {
		return this.size;
	}

	/**
	 * The days of the buyer with the given id, or -1 when the rows have none; the ids
	 * asked must ascend (in {@code uuid} order) from one call to the next.
	 */
	int find(long buyerHigh, long buyerLow) {
		while (this.cursor < this.size
				&& compare(this.high[this.cursor], this.low[this.cursor], buyerHigh, buyerLow) < 0) {
			this.cursor++;
		}
		if (this.cursor < this.size && this.high[this.cursor] == buyerHigh && this.low[this.cursor] == buyerLow) {
			return this.days[this.cursor++];
		}
		return -1;
	}

	/** PostgreSQL's order of two {@code uuid}s: their 16 bytes compared unsigned. */
	static int compare(long high1, long low1, long high2, long low2) {
		int byHigh = Long.compareUnsigned(high1, high2);
		return byHigh != 0 ? byHigh : Long.compareUnsigned(low1, low2);
	}

}
