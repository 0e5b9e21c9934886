package org.rapport.analytics.learn;

import java.util.Objects;

/**
 * One behavioural feature of the clustering: its name, whether it is skewed (then it is
 * standardised after a signed {@code log1p}), and the words that describe a class that
 * lies well above or below the population on it ("high spend", "recent").
 *
 * @param name the name shown to staff, e.g. "frequency"
 * @param logScale whether values are transformed with {@code sign(x)·log1p(|x|)} before
 * standardisation (monetary values, counts with a long tail)
 * @param highWord the label word of a class well above the population mean
 * @param lowWord the label word of a class well below the population mean
 */
public record Feature(String name, boolean logScale, String highWord, String lowWord) {

	public Feature {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(highWord, "highWord");
		Objects.requireNonNull(lowWord, "lowWord");
	}

	/** A feature on its own scale, described as "high name" / "low name". */
	public static Feature of(String name) {
		return new Feature(name, false, "high " + name, "low " + name);
	}

	/** A skewed feature (e.g. spend), standardised on a log scale. */
	public static Feature skewed(String name) {
		return new Feature(name, true, "high " + name, "low " + name);
	}

	/**
	 * The same feature described with other words, e.g.
	 * {@code words("lapsed", "recent")}.
	 */
	public Feature words(String high, String low) {
		return new Feature(this.name, this.logScale, high, low);
	}

	double transform(double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("feature " + this.name + " is not a finite number: " + value);
		}
		return this.logScale ? Math.signum(value) * Math.log1p(Math.abs(value)) : value;
	}

}
