package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The run's RFM cut points and matrix thresholds from the buyers' values held in memory,
 * with the definitions the SQL of the incremental path reads back: a dimension's cut
 * points are the upper bounds of all bins but the last of {@code ntile(bins)} over the
 * values in ascending order (the first n mod bins bins hold one value more; with fewer
 * values than bins, one bin per value), and a threshold is {@code percentile_cont} (the
 * values at ⌊q(n − 1)⌋ and ⌈q(n − 1)⌉ in ascending order, linearly interpolated in double
 * precision). Sorting a copy of one array of doubles per dimension replaces a window sort
 * of the run's rows in PostgreSQL.
 */
final class Cuts {

	private Cuts() {
	}

	/**
	 * The cut points of the values (ascending), each with {@code scale} decimals as
	 * stored.
	 */
	static List<BigDecimal> uppers(double[] values, int count, int bins, int scale) {
		double[] sorted = sorted(values, count);
		List<BigDecimal> uppers = new ArrayList<>();
		int per = count / bins;
		int extra = count % bins;
		int end = 0;
		for (int bin = 0; bin < bins; bin++) {
			int size = per + (bin < extra ? 1 : 0);
			if (size == 0) {
				break;
			}
			end += size;
			uppers.add(BigDecimal.valueOf(sorted[end - 1]).setScale(scale, RoundingMode.HALF_UP));
		}
		return uppers.isEmpty() ? uppers : new ArrayList<>(uppers.subList(0, uppers.size() - 1));
	}

	/**
	 * {@code percentile_cont(q)} of the values; NaN without values (as SQL answers NULL).
	 */
	static double percentile(double[] values, int count, double q) {
		if (count == 0) {
			return Double.NaN;
		}
		double[] sorted = sorted(values, count);
		double at = q * (count - 1);
		int first = (int) Math.floor(at);
		int second = (int) Math.ceil(at);
		if (first == second) {
			return sorted[first];
		}
		double lo = sorted[first];
		double hi = sorted[second];
		return lo + (hi - lo) * (at - first);
	}

	private static double[] sorted(double[] values, int count) {
		double[] sorted = Arrays.copyOf(values, count);
		Arrays.parallelSort(sorted);
		return sorted;
	}

}
