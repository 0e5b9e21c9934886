package org.rapport.demo;

import java.util.SplittableRandom;

/** Random draws from the distributions of the purchase-history model. */
final class Draws {

	private Draws() {
	}

	/** Gamma with the given shape and scale (Marsaglia and Tsang; boosted below 1). */
	static double gamma(SplittableRandom random, double shape, double scale) {
		if (shape < 1) {
			double u = random.nextDouble();
			return gamma(random, shape + 1, scale) * Math.pow(u, 1 / shape);
		}
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x;
			double v;
			do {
				x = random.nextGaussian();
				v = 1 + c * x;
			}
			while (v <= 0);
			v = v * v * v;
			double u = random.nextDouble();
			if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
				return d * v * scale;
			}
		}
	}

	static double beta(SplittableRandom random, double a, double b) {
		double x = gamma(random, a, 1);
		double y = gamma(random, b, 1);
		return x + y == 0 ? 0 : x / (x + y);
	}

	/** Waiting time of a Poisson process with this rate; infinite for rate 0. */
	static double exponential(SplittableRandom random, double rate) {
		return rate <= 0 ? Double.POSITIVE_INFINITY : -Math.log(1 - random.nextDouble()) / rate;
	}

	/** A 64-bit FNV-1a hash, to give every customer a stream of their own. */
	static long hash(String text) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			h ^= text.charAt(i);
			h *= 0x100000001b3L;
		}
		return h;
	}

}
