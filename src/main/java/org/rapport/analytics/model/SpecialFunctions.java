package org.rapport.analytics.model;

/**
 * Log-gamma, digamma and log-beta for positive arguments, accurate to about 1e-15: the
 * argument is shifted above 10 by the recurrence and the Stirling series is used there.
 */
public final class SpecialFunctions {

	private static final double HALF_LOG_TWO_PI = 0.91893853320467274178;

	private static final double SHIFT = 10.0;

	private SpecialFunctions() {
	}

	/** ln Γ(x) for x &gt; 0. */
	public static double logGamma(double x) {
		if (!(x > 0) || Double.isInfinite(x)) {
			throw new IllegalArgumentException("logGamma needs a positive finite argument, got " + x);
		}
		double shift = 0;
		if (x < SHIFT) {
			double product = 1;
			while (x < SHIFT) {
				product *= x;
				x += 1;
			}
			shift = Math.log(product);
		}
		double inv = 1 / x;
		double inv2 = inv * inv;
		double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260
				+ inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156)))))));
		return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
	}

	/** ψ(x) = d/dx ln Γ(x) for x &gt; 0. */
	public static double digamma(double x) {
		if (!(x > 0) || Double.isInfinite(x)) {
			throw new IllegalArgumentException("digamma needs a positive finite argument, got " + x);
		}
		double shift = 0;
		while (x < SHIFT) {
			shift += 1 / x;
			x += 1;
		}
		double inv = 1 / x;
		double inv2 = inv * inv;
		double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2
				* (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
		return Math.log(x) - 0.5 * inv - series - shift;
	}

	/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
	public static double logBeta(double a, double b) {
		return logGamma(a) + logGamma(b) - logGamma(a + b);
	}

}
