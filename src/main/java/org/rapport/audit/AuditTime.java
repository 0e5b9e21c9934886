package org.rapport.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.StorableValues;
import org.rapport.platform.web.Text;

/**
 * Reads the {@code from}/{@code to} filters: an instant ({@code 2025-03-01T10:00:00Z}), a
 * date-time with offset, or a plain date in UTC. A date as {@code to} includes that whole
 * day.
 */
final class AuditTime {

	private AuditTime() {
	}

	static Instant from(String value) {
		return parse("from", value, false);
	}

	static Instant to(String value) {
		return parse("to", value, true);
	}

	private static Instant parse(String field, String value, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		Instant at;
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				at = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else {
				at = OffsetDateTime.parse(text).toInstant();
			}
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid(field,
					Text.of("audit.time.format", "use a date (2025-03-01) or a time (2025-03-01T10:00:00Z)"));
		}
		if (!StorableValues.storable(at)) {
			throw ApiException.invalid(field, StorableValues.YEAR);
		}
		return at;
	}

}
