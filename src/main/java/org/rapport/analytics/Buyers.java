package org.rapport.analytics;

import java.util.Arrays;

/**
 * The values of a run's buyers held in column arrays, by position in customer-id order:
 * the value model's inputs ({@link #X}, {@link #TX}, {@link #T}, {@link #SPEND}: repeat
 * purchase days, days from first to last purchase, days since the first purchase, average
 * basket), recency, purchases, purchase rate and revenue as stored, and the buyer's
 * number among the staged customers. Memory: {@value #WIDTH} doubles and one int per
 * buyer (68 bytes), no object per buyer.
 */
final class Buyers {

	static final int X = 0;

	static final int TX = 1;

	static final int T = 2;

	static final int SPEND = 3;

	static final int RECENCY = 4;

	static final int PURCHASES = 5;

	static final int RATE = 6;

	static final int REVENUE = 7;

	static final int WIDTH = 8;

	private double[][] columns;

	private int[] numbers;

	private int size;

	Buyers(int capacity) {
		this.columns = new double[WIDTH][capacity];
		this.numbers = new int[capacity];
	}

	void add(int number, double[] row) {
		if (this.size == this.numbers.length) {
			int grown = this.size * 2;
			this.numbers = Arrays.copyOf(this.numbers, grown);
			for (int c = 0; c < WIDTH; c++) {
				this.columns[c] = Arrays.copyOf(this.columns[c], grown);
			}
		}
		this.numbers[this.size] = number;
		for (int c = 0; c < WIDTH; c++) {
			this.columns[c][this.size] = row[c];
		}
		this.size++;
	}

	int size() {
		return this.size;
	}

	/**
	 * Sets the buyer's distinct purchase days: the repeat purchase days ({@link #X}) are
	 * the days − 1, and the days from first to last purchase ({@link #TX}, as read) count
	 * only for a buyer of more than one day.
	 */
	void days(int i, int days) {
		this.columns[X][i] = days - 1;
		if (days <= 1) {
			this.columns[TX][i] = 0;
		}
	}

	/** The buyer's distinct purchase days (set by {@link #days(int, int)}). */
	int days(int i) {
		return (int) this.columns[X][i] + 1;
	}

	/** The buyer's number among the staged customers. */
	int number(int i) {
		return this.numbers[i];
	}

	/**
	 * One column, the array itself (its length may exceed {@link #size()}); read only.
	 */
	double[] column(int c) {
		return this.columns[c];
	}

	/** One column over the given positions. */
	double[] column(int c, int[] positions) {
		double[] out = new double[positions.length];
		for (int i = 0; i < positions.length; i++) {
			out[i] = this.columns[c][positions[i]];
		}
		return out;
	}

	/** One column from position {@code from} (inclusive) to {@code to} (exclusive). */
	double[] column(int c, int from, int to) {
		return Arrays.copyOfRange(this.columns[c], from, to);
	}

	/**
	 * The class features of the given positions (recency, frequency, average basket,
	 * tenure, purchase rate), with the chance to buy again (six decimals, ADR 0094)
	 * appended when {@code buyAgain} is given (indexed like the positions).
	 */
	double[][] classFeatures(int[] positions, double[] buyAgain) {
		int width = 5 + (buyAgain == null ? 0 : 1);
		double[][] features = new double[positions.length][width];
		for (int i = 0; i < positions.length; i++) {
			int at = positions[i];
			double[] row = features[i];
			row[0] = this.columns[RECENCY][at];
			row[1] = this.columns[PURCHASES][at];
			row[2] = this.columns[SPEND][at];
			row[3] = this.columns[T][at];
			row[4] = this.columns[RATE][at];
			if (buyAgain != null) {
				row[5] = Double.isNaN(buyAgain[i]) ? 0 : Math.round(buyAgain[i] * 1e6) / 1e6;
			}
		}
		return features;
	}

	/** The positions from (inclusive) to (exclusive). */
	static int[] range(int from, int to) {
		int[] positions = new int[to - from];
		for (int i = 0; i < positions.length; i++) {
			positions[i] = from + i;
		}
		return positions;
	}

}
