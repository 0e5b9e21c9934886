package org.rapport.analytics.model;

import static org.rapport.analytics.model.SpecialFunctions.logGamma;

/**
 * Pareto/NBD log-likelihood (Schmittlein, Morrison &amp; Colombo 1987) in the form of
 * Fader, Hardie &amp; Lee, "A Note on Implementing the Pareto/NBD Model in MATLAB"
 * (2005):
 *
 * <pre>
 * L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s · I ]
 * I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = J(t_x) − J(T)
 * J(t) = (M+t)^−(r+s+x) / (r+s+x) · ₂F₁(r+s+x, b; r+s+x+1; |α−β| / (M+t))
 * </pre>
 *
 * with M = max(α, β) and b = s+1 when α ≥ β, b = r+x otherwise, so that the argument of
 * ₂F₁ stays in [0, 1). Euler's transformation turns that ₂F₁ into (1−z)^(1−b) · ₂F₁(1,
 * r+s+x+1−b; r+s+x+1; z), a series of positive terms whose ratio is below z, evaluated in
 * logarithms; the difference J(t_x) − J(T) is taken as J(t_x) · (−expm1(ln J(T) − ln
 * J(t_x))) and the two parts of the bracket are added by log-sum-exp, so nothing
 * overflows for large x or T. The gradient is a central difference (as for BG/BB).
 */
final class ParetoNbdLikelihood implements LogLikelihood {

	private static final int MAX_TERMS = 10_000_000;

	private final PurchaseSummaries data;

	private final double totalWeight;

	ParetoNbdLikelihood(PurchaseSummaries data) {
		this.data = data;
		double total = 0;
		for (int i = 0; i < data.size(); i++) {
			total += data.weight(i);
		}
		this.totalWeight = total;
	}

	@Override
	public double totalWeight() {
		return this.totalWeight;
	}

	@Override
	public double evaluate(double[] theta, double[] gradient) {
		return NumericalGradient.of(this::value, theta, gradient);
	}

	double value(double[] theta) {
		ParetoNbd m = new ParetoNbd(theta[0], theta[1], theta[2], theta[3]);
		int[] xs = this.data.frequency();
		double[] txs = this.data.recency();
		double[] ts = this.data.age();
		double[] sums = Parallel.sum(xs.length, 1, (from, to, s) -> {
			double sum = 0;
			for (int i = from; i < to; i++) {
				sum += this.data.weight(i) * logLikelihood(m, xs[i], txs[i], ts[i]);
			}
			s[0] += sum;
		});
		return sums[0];
	}

	static double logLikelihood(ParetoNbd m, int x, double recency, double age) {
		double constant = logGamma(m.r() + x) - logGamma(m.r()) + m.r() * Math.log(m.alpha())
				+ m.s() * Math.log(m.beta());
		return constant + logBracket(m, x, recency, age);
	}

	/** ln of the bracket: still alive at T, or dropped out somewhere in (t_x, T]. */
	static double logBracket(ParetoNbd m, int x, double recency, double age) {
		double alive = logAliveTerm(m, x, age);
		double gone = logGoneTerm(m, x, recency, age);
		if (gone == Double.NEGATIVE_INFINITY) {
			return alive;
		}
		double max = Math.max(alive, gone);
		return max + Math.log(Math.exp(alive - max) + Math.exp(gone - max));
	}

	/** ln[(α+T)^−(r+x) (β+T)^−s]. */
	static double logAliveTerm(ParetoNbd m, int x, double age) {
		return -(m.r() + x) * Math.log(m.alpha() + age) - m.s() * Math.log(m.beta() + age);
	}

	/** ln(s · I), −∞ when t_x = T. */
	static double logGoneTerm(ParetoNbd m, int x, double recency, double age) {
		if (!(age > recency)) {
			return Double.NEGATIVE_INFINITY;
		}
		double fromLast = logTail(m, x, recency);
		double fromEnd = logTail(m, x, age);
		double share = -Math.expm1(fromEnd - fromLast);
		if (!(share > 0)) {
			return Double.NEGATIVE_INFINITY;
		}
		return Math.log(m.s()) + fromLast + Math.log(share);
	}

	/** ln J(t) = ln ∫_t^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ. */
	static double logTail(ParetoNbd m, int x, double t) {
		double rx = m.r() + x;
		double total = rx + m.s();
		double logA = Math.log(m.alpha() + t);
		double logB = Math.log(m.beta() + t);
		double z;
		double upper;
		double prefix;
		if (m.alpha() >= m.beta()) {
			z = (m.alpha() - m.beta()) / (m.alpha() + t);
			upper = rx;
			prefix = -rx * logA - m.s() * logB;
		}
		else {
			z = (m.beta() - m.alpha()) / (m.beta() + t);
			upper = m.s() + 1;
			prefix = (1 - rx) * logA - (m.s() + 1) * logB;
		}
		return prefix - Math.log(total) + Math.log(series(upper, total + 1, z));
	}

	/** ₂F₁(1, b; c; z) = Σ (b)_n / (c)_n zⁿ for 0 ≤ z &lt; 1 and b &lt; c. */
	static double series(double b, double c, double z) {
		double sum = 1;
		double term = 1;
		if (z == 0) {
			return sum;
		}
		for (int n = 0; n < MAX_TERMS; n++) {
			term *= (b + n) / (c + n) * z;
			sum += term;
			if (term * z <= 1e-16 * sum * (1 - z)) {
				return sum;
			}
		}
		return Double.NaN;
	}

}
