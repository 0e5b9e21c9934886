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
		String safe = (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !isNumber(text)) ? "'" + text : text;
		for (int i = 0; i < safe.length(); i++) {
			char c = safe.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return '"' + safe.replace("\"", "\"\"") + '"';
			}
		}
		return safe;
	}

	/** Whether the text is {@code -?[0-9.]+}: a number a spreadsheet reads as one. */
	private static boolean isNumber(String text) {
		int start = text.startsWith("-") ? 1 : 0;
		if (start == text.length()) {
			return false;
		}
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < '0' || c > '9') && c != '.') {
				return false;
			}
		}
		return true;
	}

	/** The cells joined by commas, ended by CRLF. */
	public static String line(Object... values) {
		StringBuilder line = new StringBuilder(16 * values.length);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(of(values[i]));
		}
		return line.append("\r\n").toString();
	}

}
