package org.rapport.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * What PostgreSQL can store, said once: text without the NUL character (U+0000), which a
 * {@code text} or {@code jsonb} column refuses, and dates within the years 1 to 9999 (the
 * database goes further, but no customer's history, voucher or tier does, and an ISO date
 * past 9999 needs a sign nobody types). Input is checked against these rules where it
 * enters, so a refusal names the field instead of failing in the database.
 */
public final class StorableValues {

	/** The message of a text holding the NUL character. */
	public static final Text NUL = Text.of("problem.nul", "must not contain the NUL character (U+0000)");

	/** {@link #NUL} in English. */
	public static final String NUL_MESSAGE = NUL.english();

	/** The message of a date outside the years stored. */
	public static final Text YEAR = Text.of("problem.year-range", "must lie between the years 1 and 9999");

	/** {@link #YEAR} in English. */
	public static final String YEAR_MESSAGE = YEAR.english();

	private static final Instant FIRST = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

	private static final Instant AFTER_LAST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

	private StorableValues() {
	}

	/** Whether a text can be stored; null can. */
	public static boolean storable(String text) {
		return text == null || text.indexOf('\u0000') < 0;
	}

	/** Whether an instant lies within the years stored (UTC); null does. */
	public static boolean storable(Instant instant) {
		return instant == null || !instant.isBefore(FIRST) && instant.isBefore(AFTER_LAST);
	}

	/**
	 * Whether a date, date-time or instant lies within the years stored; a value of
	 * another type is not judged.
	 */
	public static boolean storableTime(Object value) {
		if (value instanceof Instant instant) {
			return storable(instant);
		}
		if (value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof LocalDate) {
			int year = ((TemporalAccessor) value).get(ChronoField.YEAR);
			return year >= 1 && year <= 9999;
		}
		return true;
	}

}
