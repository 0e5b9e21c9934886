package org.rapport.analytics;

/**
 * The named RFM segments. A customer's segment is read from the grid of recency score
 * (rows) against the rounded mean of frequency and monetary scores (columns), all on a
 * 1-5 scale (scores of other bin counts are first rescaled: ceil(score × 5 / bins)):
 *
 * <pre>
 * R \ FM   1               2                   3                   4           5
 *   5      new             potential loyalist  potential loyalist  champions   champions
 *   4      promising       potential loyalist  potential loyalist  loyal       champions
 *   3      about to sleep  about to sleep      need attention      loyal       loyal
 *   2      hibernating     hibernating         at risk             at risk     can't lose
 *   1      lost            hibernating         at risk             can't lose  can't lose
 * </pre>
 */
public enum RfmSegment {

	CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW, PROMISING, NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANT_LOSE,
	HIBERNATING, LOST;

	private static final RfmSegment[][] GRID = { { LOST, HIBERNATING, AT_RISK, CANT_LOSE, CANT_LOSE },
			{ HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE },
			{ ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL },
			{ PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS },
			{ NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS } };

	/** The segment of scores on the 1-5 scale. */
	public static RfmSegment of(int r, int f, int m) {
		check(r);
		check(f);
		check(m);
		int fm = (int) Math.round((f + m) / 2.0);
		return GRID[r - 1][fm - 1];
	}

	/** A score of {@code bins} bins on the 1-5 scale of the grid. */
	static int toFive(int score, int bins) {
		return (int) Math.ceil(score * 5.0 / bins);
	}

	/** The grid as SQL rows (r5, f5, m5, segment) for a set-based join. */
	static String sqlValues() {
		StringBuilder sb = new StringBuilder("(VALUES ");
		for (int r = 1; r <= 5; r++) {
			for (int f = 1; f <= 5; f++) {
				for (int m = 1; m <= 5; m++) {
					sb.append(r == 1 && f == 1 && m == 1 ? "" : ", ");
					sb.append('(').append(r).append(", ").append(f).append(", ").append(m).append(", '");
					sb.append(of(r, f, m).name()).append("')");
				}
			}
		}
		return sb.append(')').toString();
	}

	/**
	 * The grid as a SQL array literal indexed [r5][f5][m5] from 1 (the rows of
	 * {@link #sqlValues()} in their order): a subscript outside 1-5 reads NULL, as a key
	 * the join does not find.
	 */
	static String sqlArray() {
		StringBuilder sb = new StringBuilder("ARRAY[");
		for (int r = 1; r <= 5; r++) {
			sb.append(r == 1 ? "[" : ", [");
			for (int f = 1; f <= 5; f++) {
				sb.append(f == 1 ? "[" : ", [");
				for (int m = 1; m <= 5; m++) {
					sb.append(m == 1 ? "'" : ", '").append(of(r, f, m).name()).append('\'');
				}
				sb.append(']');
			}
			sb.append(']');
		}
		return sb.append(']').toString();
	}

	private static void check(int score) {
		if (score < 1 || score > 5) {
			throw new IllegalArgumentException("score must be 1-5: " + score);
		}
	}

}
