package org.rapport.analytics.clv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.rapport.analytics.model.PurchaseSummaries;

/**
 * Reads {@code customer_id,frequency,recency,T[,monetary_value]} (columns found by header
 * name, case ignored, in any order; the CDNOW names {@code ID}, {@code x}, {@code t_x},
 * {@code zbar} or {@code m} are accepted for them). Lines are located in one pass and
 * parsed in parallel; the first bad line is reported with its number.
 */
final class SummaryFile {

	private SummaryFile() {
	}

	static CustomerTable read(Path file) throws IOException {
		String name = file.toString();
		byte[] b = Files.readAllBytes(file);
		int[] starts = lineStarts(b);
		if (starts.length == 0) {
			throw new InputException(name, 0,
					"the file is empty; expected a header " + "customer_id,frequency,recency,T[,monetary_value]");
		}
		List<String> header = Arrays.stream(text(b, starts[0], lineEnd(b, starts, 0)).split(",", -1))
			.map((h) -> unquote(h.strip()).toLowerCase(Locale.ROOT))
			.toList();
		int id = column(header, name, true, "customer_id", "id");
		int frequency = column(header, name, true, "frequency", "x");
		int recency = column(header, name, true, "recency", "t_x");
		int age = column(header, name, true, "t");
		int monetary = column(header, name, false, "monetary_value", "zbar", "m");
		int columns = header.size();
		int n = starts.length - 1;
		if (n == 0) {
			throw new InputException(name, 0, "no customers after the header");
		}
		int[] idStart = new int[n];
		int[] idLength = new int[n];
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] t = new double[n];
		double[] m = (monetary >= 0) ? new double[n] : null;
		String[] errors = new String[n];
		IntStream.range(0, (n + 8191) / 8192).parallel().forEach((chunk) -> {
			int[] fieldStart = new int[columns];
			int[] fieldEnd = new int[columns];
			for (int row = chunk * 8192; row < Math.min(n, (chunk + 1) * 8192); row++) {
				int from = starts[row + 1];
				int to = lineEnd(b, starts, row + 1);
				int count = 0;
				int at = from;
				while (count < columns) {
					int comma = at;
					while (comma < to && b[comma] != ',') {
						comma++;
					}
					fieldStart[count] = at;
					fieldEnd[count] = comma;
					count++;
					if (comma >= to) {
						break;
					}
					at = comma + 1;
				}
				if (count != columns || fieldEnd[columns - 1] != to) {
					errors[row] = "expected " + columns + " fields like the header";
					continue;
				}
				idStart[row] = fieldStart[id];
				idLength[row] = fieldEnd[id] - fieldStart[id];
				double f = Numbers.parse(b, fieldStart[frequency], fieldEnd[frequency]);
				double r = Numbers.parse(b, fieldStart[recency], fieldEnd[recency]);
				double a = Numbers.parse(b, fieldStart[age], fieldEnd[age]);
				errors[row] = check(f, r, a);
				x[row] = (int) f;
				tx[row] = r;
				t[row] = a;
				if (m != null && errors[row] == null) {
					int ms = fieldStart[monetary];
					int me = fieldEnd[monetary];
					double value = (ms == me) ? 0 : Numbers.parse(b, ms, me);
					if (!(value >= 0) || Double.isInfinite(value) || f > 0 && value == 0) {
						errors[row] = "monetary_value must be a positive number when frequency > 0, got '"
								+ text(b, ms, me) + "'";
					}
					m[row] = value;
				}
				if (idLength[row] == 0 && errors[row] == null) {
					errors[row] = "customer_id is empty";
				}
			}
		});
		for (int row = 0; row < n; row++) {
			if (errors[row] != null) {
				throw new InputException(name, lineNumber(b, starts[row + 1]),
						errors[row] + " in '" + text(b, starts[row + 1], lineEnd(b, starts, row + 1)) + "'");
			}
		}
		return new CustomerTable(new CustomerIds(b, idStart, idLength), PurchaseSummaries.of(x, tx, t), m);
	}

	private static String check(double f, double r, double t) {
		if (!(f >= 0) || f != Math.rint(f) || f > Integer.MAX_VALUE) {
			return "frequency must be a whole number ≥ 0";
		}
		if (!(r >= 0) || Double.isInfinite(r)) {
			return "recency must be a number ≥ 0";
		}
		if (!(t >= 0) || Double.isInfinite(t)) {
			return "T must be a number ≥ 0";
		}
		if (r > t) {
			return "recency is larger than T";
		}
		if (f == 0 && r != 0) {
			return "recency must be 0 when frequency is 0";
		}
		if (f > 0 && t == 0) {
			return "T must be positive when frequency > 0";
		}
		return null;
	}

	/**
	 * The position of a column given by its name or one of its aliases (case ignored), -1
	 * for an optional column the header lacks.
	 */
	private static int column(List<String> header, String file, boolean required, String... names) {
		int found = -1;
		for (String wanted : names) {
			int i = header.indexOf(wanted);
			if (i >= 0 && found >= 0) {
				throw new InputException(file, 1, "the header names the column '" + names[0] + "' twice ('"
						+ header.get(found) + "' and '" + wanted + "')");
			}
			if (i >= 0) {
				found = i;
			}
		}
		if (found < 0 && required) {
			String also = (names.length > 1)
					? " (or " + String.join(", ", List.of(names).subList(1, names.length)) + ")" : "";
			throw new InputException(file, 1,
					"the header has no column '" + (names[0].equals("t") ? "T" : names[0]) + "'" + also
							+ "; expected customer_id,frequency,recency,T[,monetary_value]"
							+ " or the CDNOW names ID,x,t_x,T[,zbar]");
		}
		return found;
	}

	/** Start of every non-empty line. */
	static int[] lineStarts(byte[] b) {
		int[] starts = new int[Math.max(16, b.length / 24)];
		int count = 0;
		int i = 0;
		if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
			i = 3;
		}
		while (i < b.length) {
			int end = i;
			while (end < b.length && b[end] != '\n') {
				end++;
			}
			if (end > i && !(end == i + 1 && b[i] == '\r')) {
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i;
			}
			i = end + 1;
		}
		return Arrays.copyOf(starts, count);
	}

	/** The 1-based number of the line starting at {@code offset}. */
	static long lineNumber(byte[] b, int offset) {
		long line = 1;
		for (int i = 0; i < offset; i++) {
			if (b[i] == '\n') {
				line++;
			}
		}
		return line;
	}

	/** End of the line (before any \r\n or \n). */
	static int lineEnd(byte[] b, int[] starts, int k) {
		int end = starts[k];
		while (end < b.length && b[end] != '\n') {
			end++;
		}
		if (end > starts[k] && b[end - 1] == '\r') {
			end--;
		}
		return end;
	}

	static String text(byte[] b, int from, int to) {
		return new String(b, from, to - from, StandardCharsets.UTF_8);
	}

	static String unquote(String s) {
		return (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) ? s.substring(1, s.length() - 1) : s;
	}

}
