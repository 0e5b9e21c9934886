package org.rapport.demo;

/**
 * The BG/NBD expectation of repeat purchases in a period of length t (Fader, Hardie and
 * Lee 2005): E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r · ₂F₁(r, b; a+b-1; t/(α+t))].
 */
final class BgNbd {

	private BgNbd() {
	}

	static double expectedRepeats(HistorySettings s, double t) {
		double z = t / (s.alpha() + t);
		double c = s.a() + s.b() - 1;
		return c / (s.a() - 1)
				* (1 - Math.pow(s.alpha() / (s.alpha() + t), s.r()) * hypergeometric(s.r(), s.b(), c, z));
	}

	/** Gauss's hypergeometric series ₂F₁(a, b; c; z) for |z| < 1. */
	static double hypergeometric(double a, double b, double c, double z) {
		double term = 1;
		double sum = 1;
		for (int j = 0; j < 100_000; j++) {
			term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
			sum += term;
			if (Math.abs(term) < 1e-12 * Math.abs(sum)) {
				break;
			}
		}
		return sum;
	}

}
