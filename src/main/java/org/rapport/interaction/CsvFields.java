package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.Text;

/**
 * Splits CSV records (RFC 4180: comma separated, fields in double quotes may hold commas,
 * quotes written twice and line breaks) and reads the values of the import columns.
 * Problems are thrown as {@link BadValue} with a message fit for the error report.
 */
final class CsvFields {

	private CsvFields() {
	}

	/**
	 * A value that cannot be read; the message names the column and the value, in English
	 * and as the sentence to show in the reader's language.
	 */
	static final class BadValue extends RuntimeException {

		final long line;

		final transient Text text;

		BadValue(Text text) {
			this(0, text);
		}

		BadValue(long line, Text text) {
			super(text.english(), null, false, false);
			this.line = line;
			this.text = text;
		}

	}

	private static BadValue malformedDate(String column, String value) {
		return new BadValue(Text.of("interaction.import.date",
				"malformed date ''{0}'' in {1} (use 2024-05-01, 2024-05-01T10:15:30Z or 20240501)",
				ShownValue.of(value), column));
	}

	/** The field without leading and trailing white space, as {@link String#strip()}. */
	private static String stripped(StringBuilder field) {
		int start = 0;
		int end = field.length();
		while (start < end && Character.isWhitespace(field.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(field.charAt(end - 1))) {
			end--;
		}
		return field.substring(start, end);
	}

	/** The fields of a record, or null when a quoted field continues on the next line. */
	static List<String> split(String record) {
		if (record.indexOf('"') < 0) {
			return splitUnquoted(record);
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		for (int i = 0; i < record.length(); i++) {
			char c = record.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				fields.add(wasQuoted ? field.toString() : stripped(field));
				field.setLength(0);
				wasQuoted = false;
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		fields.add(wasQuoted ? field.toString() : stripped(field));
		return fields;
	}

	/** {@link #split} of a record without quotes: fields between commas, stripped. */
	private static List<String> splitUnquoted(String record) {
		List<String> fields = new ArrayList<>(24);
		int from = 0;
		while (true) {
			int comma = record.indexOf(',', from);
			int end = (comma < 0) ? record.length() : comma;
			int start = from;
			while (start < end && Character.isWhitespace(record.charAt(start))) {
				start++;
			}
			while (end > start && Character.isWhitespace(record.charAt(end - 1))) {
				end--;
			}
			fields.add(start == end ? "" : record.substring(start, end));
			if (comma < 0) {
				return fields;
			}
			from = comma + 1;
		}
	}

	/**
	 * An instant from an ISO date-time with offset ({@code 2024-05-01T10:15:30Z}), an ISO
	 * local date-time or date (read as UTC), or a compact date {@code yyyyMMdd}.
	 */
	static Instant instant(String column, String value) {
		try {
			if (value.length() == 8 && value.chars().allMatch(Character::isDigit)) {
				return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE)
					.atStartOfDay()
					.toInstant(ZoneOffset.UTC);
			}
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			if (isUtcSeconds(value)) {
				return utcSeconds(column, value);
			}
			if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
				return OffsetDateTime.parse(value).toInstant();
			}
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw malformedDate(column, value);
		}
	}

	/** Whether the value has the shape {@code 2024-05-01T10:15:30Z}, the common one. */
	private static boolean isUtcSeconds(String v) {
		if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
				|| v.charAt(16) != ':' || v.charAt(19) != 'Z') {
			return false;
		}
		for (int i : DIGITS) {
			char c = v.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static final int[] DIGITS = { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 };

	/**
	 * {@code 2024-05-01T10:15:30Z} read without the general parser (the same instant and
	 * the same refusals as {@link OffsetDateTime#parse}).
	 */
	private static Instant utcSeconds(String column, String v) {
		try {
			return LocalDateTime
				.of(digits(v, 0, 4), digits(v, 5, 7), digits(v, 8, 10), digits(v, 11, 13), digits(v, 14, 16),
						digits(v, 17, 19))
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			throw malformedDate(column, v);
		}
	}

	private static int digits(String v, int from, int to) {
		int n = 0;
		for (int i = from; i < to; i++) {
			n = n * 10 + (v.charAt(i) - '0');
		}
		return n;
	}

	static BigDecimal number(String column, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new BadValue(Text.of("interaction.import.number", "malformed number ''{0}'' in {1}",
					ShownValue.of(value), column));
		}
	}

	static <E extends Enum<E>> E enumValue(Class<E> type, String column, String value) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new BadValue(
					Text.of("interaction.import.unknown-value", "unknown {0} ''{1}''", column, ShownValue.of(value)));
		}
	}

}
