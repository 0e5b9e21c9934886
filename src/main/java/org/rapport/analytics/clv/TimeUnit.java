package org.rapport.analytics.clv;

import java.util.Locale;

import org.rapport.analytics.model.CustomerValue;

/**
 * The time unit of recency, T and the prediction horizon, with the length of a month in
 * it.
 */
enum TimeUnit {

	WEEKS(7.0, CustomerValue.MONTH_IN_WEEKS), DAYS(1.0, CustomerValue.MONTH_IN_DAYS);

	private final double days;

	private final double month;

	TimeUnit(double days, double month) {
		this.days = days;
		this.month = month;
	}

	double fromDays(int days) {
		return days / this.days;
	}

	double monthLength() {
		return this.month;
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TimeUnit parse(String text) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "weeks", "week", "w" -> WEEKS;
			case "days", "day", "d" -> DAYS;
			default -> throw new IllegalArgumentException("--time-unit must be weeks or days, got " + text);
		};
	}

}
