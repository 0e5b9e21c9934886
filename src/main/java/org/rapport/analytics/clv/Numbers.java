package org.rapport.analytics.clv;

import java.nio.charset.StandardCharsets;

/**
 * Fast decimal parsing and fixed-point formatting of doubles on byte arrays. Plain
 * decimals up to 15 digits are parsed as mantissa / 10^k, which is correctly rounded like
 * {@link Double#parseDouble}; everything else falls back to it.
 */
final class Numbers {

	private static final double[] POWERS = new double[23];

	static {
		POWERS[0] = 1;
		for (int i = 1; i < POWERS.length; i++) {
			POWERS[i] = POWERS[i - 1] * 10;
		}
	}

	private Numbers() {
	}

	/** Parses bytes [from, to); NaN when it is not a number. */
	static double parse(byte[] b, int from, int to) {
		int i = from;
		boolean negative = false;
		if (i < to && (b[i] == '-' || b[i] == '+')) {
			negative = b[i] == '-';
			i++;
		}
		long mantissa = 0;
		int digits = 0;
		int decimals = 0;
		boolean dot = false;
		boolean any = false;
		for (; i < to; i++) {
			byte c = b[i];
			if (c >= '0' && c <= '9') {
				any = true;
				if (mantissa == 0 && c == '0' && !dot) {
					continue;
				}
				mantissa = mantissa * 10 + (c - '0');
				digits++;
				if (dot) {
					decimals++;
				}
			}
			else if (c == '.' && !dot) {
				dot = true;
			}
			else {
				return slow(b, from, to);
			}
		}
		if (!any) {
			return Double.NaN;
		}
		if (digits > 15 || decimals > 22) {
			return slow(b, from, to);
		}
		double value = mantissa / POWERS[decimals];
		return negative ? -value : value;
	}

	private static double slow(byte[] b, int from, int to) {
		try {
			return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Writes {@code value} with six decimals (nothing for NaN); returns the new position.
	 */
	static int format(double value, byte[] out, int at) {
		if (Double.isNaN(value)) {
			return at;
		}
		if (!(Math.abs(value) < 9e12)) {
			byte[] text = Double.toString(value).getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(text, 0, out, at, text.length);
			return at + text.length;
		}
		long scaled = Math.round(Math.abs(value) * 1e6);
		if (value < 0 && scaled != 0) {
			out[at++] = '-';
		}
		long whole = scaled / 1_000_000;
		int fraction = (int) (scaled % 1_000_000);
		at = writeLong(whole, out, at);
		out[at++] = '.';
		for (int divisor = 100_000; divisor > 0; divisor /= 10) {
			out[at++] = (byte) ('0' + fraction / divisor % 10);
		}
		return at;
	}

	private static int writeLong(long v, byte[] out, int at) {
		if (v == 0) {
			out[at] = '0';
			return at + 1;
		}
		int digits = 0;
		for (long t = v; t > 0; t /= 10) {
			digits++;
		}
		for (int k = at + digits - 1; k >= at; k--) {
			out[k] = (byte) ('0' + v % 10);
			v /= 10;
		}
		return at + digits;
	}

}
