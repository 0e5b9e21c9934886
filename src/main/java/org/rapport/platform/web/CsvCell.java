package org.rapport.platform.web;

import java.util.Objects;

/**
 * One cell of a CSV line as RFC 4180 writes it, for files staff open in a spreadsheet:
 * quoted when it holds a comma, a quote or a line break, and a text that starts with
 * {@code = + - @} (a formula to a spreadsheet) is prefixed with an apostrophe, unless it
 * is a number such as {@code -12.50}. Null is an empty cell.
 */
public final class CsvCell {

	private CsvCell() {
	}

	public static String of(Object value) {
		String text = (value == null) ? "" : Objects.toString(value);
		String safe = (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+"))
				? "'" + text : text;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

	/** The cells joined by commas, ended by CRLF. */
	public static String line(Object... values) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(of(values[i]));
		}
		return line.append("\r\n").toString();
	}

}
