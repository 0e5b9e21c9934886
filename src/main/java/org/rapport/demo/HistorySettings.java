package org.rapport.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How purchase histories are generated. The rhythm is a buy-till-you-die process
 * (BG/NBD): each customer buys at their own rate λ ~ Gamma(shape {@code r}, rate
 * {@code alpha} per day) and, after every repeat purchase, becomes inactive for good with
 * their own probability p ~ Beta({@code a}, {@code b}). Spend follows the Gamma-Gamma
 * model: each customer's transaction values are Gamma({@code p}, ν) around a mean that
 * differs by customer, ν ~ Gamma({@code q}, rate {@code gamma}). The defaults are the
 * published CDNOW estimates (α = 4.414 weeks, here in days).
 *
 * @param seed same seed and settings, same histories
 * @param asOf "today" of the data set: nothing happens at or after it
 * @param windowDays the first purchase of each customer lies within this many days before
 * {@code asOf}
 * @param returnShare share of purchases of which a line comes back a few days later
 * @param callsPerYear phone calls per customer and year (inbound while active, outbound
 * any time)
 * @param visitsPerYear store visits without a purchase per customer and year while active
 * @param emailsPerYear e-mails per customer and year
 * @param refusedShare share of inbound calls refused ("no car available", "out of stock")
 * @param currency currency of all amounts
 */
record HistorySettings(long seed, Instant asOf, int windowDays, double r, double alpha, double a, double b, double p,
		double q, double gamma, double returnShare, double callsPerYear, double visitsPerYear, double emailsPerYear,
		double refusedShare, String currency) {

	static final String SOURCE = "generator";

	HistorySettings {
		if (windowDays < 1 || r <= 0 || alpha <= 0 || a <= 0 || b <= 0 || p <= 0 || q <= 1 || gamma <= 0) {
			throw new IllegalArgumentException("history parameters must be positive (q above 1)");
		}
		if (returnShare < 0 || returnShare > 1 || refusedShare < 0 || refusedShare > 0.5) {
			throw new IllegalArgumentException("return and refused shares must be fractions");
		}
	}

	/** CDNOW-like defaults, as of the start of the given day, three years back. */
	static HistorySettings of(long seed, LocalDate asOf) {
		return new HistorySettings(seed, asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), 3 * 365, 0.243, 4.414 * 7,
				0.793, 2.426, 6.25, 3.74, 15.44, 0.04, 0.6, 1.0, 1.5, 0.12, "EUR");
	}

	/** The settings with the options given on the command line replaced. */
	HistorySettings with(String[] args) {
		String asOfOption = Arguments.option(args, "as-of");
		Instant day = asOfOption == null ? this.asOf
				: LocalDate.parse(asOfOption).atStartOfDay(ZoneOffset.UTC).toInstant();
		return new HistorySettings(this.seed, day, (int) Arguments.longOption(args, "window-days", this.windowDays),
				number(args, "r", this.r), number(args, "alpha", this.alpha), number(args, "a", this.a),
				number(args, "b", this.b), number(args, "p", this.p), number(args, "q", this.q),
				number(args, "gamma", this.gamma), number(args, "return-share", this.returnShare),
				number(args, "calls-per-year", this.callsPerYear), number(args, "visits-per-year", this.visitsPerYear),
				number(args, "emails-per-year", this.emailsPerYear), number(args, "refused-share", this.refusedShare),
				this.currency);
	}

	HistorySettings withSeed(long seed) {
		return new HistorySettings(seed, this.asOf, this.windowDays, this.r, this.alpha, this.a, this.b, this.p, this.q,
				this.gamma, this.returnShare, this.callsPerYear, this.visitsPerYear, this.emailsPerYear,
				this.refusedShare, this.currency);
	}

	/**
	 * The idempotency key of a customer's n-th interaction is this prefix and n:
	 * {@code gen:<seed>:<external key>:<n>}.
	 */
	String keyPrefix(String seedLabel, String externalKey) {
		return "gen:" + seedLabel + ":" + externalKey + ":";
	}

	private static double number(String[] args, String name, double fallback) {
		String value = Arguments.option(args, name);
		if (value == null) {
			return fallback;
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " needs a number, not " + value);
		}
	}

}
