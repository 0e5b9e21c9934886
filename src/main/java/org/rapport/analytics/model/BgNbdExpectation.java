package org.rapport.analytics.model;

/**
 * E[X(T, T + t] | alive, x, T] of the BG/NBD for several horizons t at once.
 *
 * <p>
 * The published form is (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x;
 * a+b+x−1; z)] with z = t/(α+T+t). Euler's transformation turns the product into
 * (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series has bounded terms for any x,
 * and writing ₂F₁ = 1 + (a−1)·H removes the 0/0 at a = 1: the bracket over (a−1) becomes
 * −expm1((a−1)·ln(1−z))/(a−1) − (1−z)^(a−1)·H. The coefficients of H do not depend on t,
 * so one pass of the series serves every horizon.
 */
final class BgNbdExpectation {

	private static final int MAX_TERMS = 5_000_000;

	private BgNbdExpectation() {
	}

	static void conditional(BgNbd m, double[] horizons, int x, double age, double[] out) {
		int lanes = horizons.length;
		double a = m.a();
		double bigA = a + m.b() - 1 - m.r();
		double c = a + m.b() + x - 1;
		double base = m.alpha() + age;
		double[] z = new double[lanes];
		double[] term = new double[lanes];
		double[] h = new double[lanes];
		double zMax = 0;
		int widest = 0;
		for (int k = 0; k < lanes; k++) {
			z[k] = horizons[k] / (base + horizons[k]);
			term[k] = bigA / c * z[k];
			h[k] = term[k];
			if (z[k] > zMax) {
				zMax = z[k];
				widest = k;
			}
		}
		if (zMax > 0) {
			for (int n = 1;; n++) {
				double ratio = (bigA + n) * (a + n - 1) / ((c + n) * (n + 1));
				for (int k = 0; k < lanes; k++) {
					term[k] *= ratio * z[k];
					h[k] += term[k];
				}
				double q = Math.max(Math.abs(ratio) * zMax, zMax);
				if (q < 1 && Math.abs(term[widest]) * q / (1 - q) <= 1e-15 * (Math.abs(h[widest]) + zMax)) {
					break;
				}
				if (n > MAX_TERMS) {
					throw new ArithmeticException("hypergeometric series did not converge for x=" + x + ", T=" + age);
				}
			}
		}
		double am1 = a - 1;
		for (int k = 0; k < lanes; k++) {
			double log1mz = -Math.log1p(horizons[k] / base);
			double first = (Math.abs(am1) < 1e-12) ? -log1mz : -Math.expm1(am1 * log1mz) / am1;
			out[k] = c * (first - Math.exp(am1 * log1mz) * h[k]);
		}
	}

}
