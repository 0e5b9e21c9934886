package org.rapport.analytics.learn;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formats of rules text, independent of the default locale. */
final class Numbers {

	private Numbers() {
	}

	/** Whole numbers without decimals, others with at most two: 120, 2.5, 0.33. */
	static String plain(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	/** Thousands separated by a space: 1 204, 12 345 678. */
	static String grouped(long value) {
		String digits = Long.toString(Math.abs(value));
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < digits.length(); i++) {
			if (i > 0 && (digits.length() - i) % 3 == 0) {
				out.append(' ');
			}
			out.append(digits.charAt(i));
		}
		return (value < 0 ? "-" : "") + out;
	}

}
