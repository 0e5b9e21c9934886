package org.rapport.analytics.model;

import java.util.List;

/**
 * Pareto/NBD purchase model (Schmittlein, Morrison &amp; Colombo 1987): while alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is
 * exponential with rate μ ~ Gamma(s, β), independent of λ. Unlike BG/NBD, a customer can
 * drop out at any moment, not only right after a purchase.
 */
public record ParetoNbd(double r, double alpha, double s, double beta) {

	public static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

	private static final int WARM_UP_ABOVE = 200_000;

	public ParetoNbd {
		if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || Double.isInfinite(r + alpha + s + beta)) {
			throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite");
		}
	}

	public static ParetoNbd of(ModelFit fit) {
		double[] e = fit.estimates();
		return new ParetoNbd(e[0], e[1], e[2], e[3]);
	}

	/**
	 * Maximum-likelihood fit, started where both rates have the mean age as scale. The
	 * standard errors come from a Hessian of second differences of the log-likelihood
	 * (the gradient itself is numerical, so differencing it again would be noisy). Large
	 * populations are first fitted on a regular sample of about 100,000 customers, and
	 * that optimum starts the fit on everybody, as for BG/NBD.
	 */
	public static ModelFit fit(PurchaseSummaries data) {
		return fit(data, WARM_UP_ABOVE);
	}

	/** The fit, warm-started from a sample of about half this many when larger. */
	static ModelFit fit(PurchaseSummaries data, int warmUpAbove) {
		data.validate();
		double meanAge = 0;
		for (double t : data.age()) {
			meanAge += t;
		}
		meanAge = Math.max(meanAge / data.size(), 1e-3);
		ParetoNbdLikelihood likelihood = new ParetoNbdLikelihood(data);
		LogLikelihood warmUp = null;
		if (data.size() > warmUpAbove) {
			warmUp = new ParetoNbdLikelihood(data.sample(data.size() / Math.max(1, warmUpAbove / 2)));
		}
		double[] start = { 1.0, meanAge, 1.0, meanAge };
		return MaximumLikelihood.fit("Pareto/NBD", NAMES, likelihood, warmUp, start, likelihood::value);
	}

	/** Total log-likelihood of these parameters on the data. */
	public double logLikelihood(PurchaseSummaries data) {
		return new ParetoNbdLikelihood(data).value(new double[] { this.r, this.alpha, this.s, this.beta });
	}

	/** ln L(r, α, s, β | x, t_x, T) of one customer. */
	public double logLikelihood(int x, double recency, double age) {
		return ParetoNbdLikelihood.logLikelihood(this, x, recency, age);
	}

	/**
	 * P(alive at T | x, t_x, T): the share of the likelihood in which μ has not struck
	 * yet.
	 */
	public double probabilityAlive(int x, double recency, double age) {
		double alive = ParetoNbdLikelihood.logAliveTerm(this, x, age);
		return Math.exp(alive - ParetoNbdLikelihood.logBracket(this, x, recency, age));
	}

	/**
	 * E[X(T, T + t] | x, t_x, T] = P(alive) · (r+x)/(α+T) · (β+T)/(s−1) · [1 − ((β+T) /
	 * (β+T+t))^(s−1)], written with expm1/log1p so that s = 1 (a logarithm) is no special
	 * case.
	 */
	public double expectedPurchases(double t, int x, double recency, double age) {
		if (t <= 0) {
			return 0;
		}
		double rate = (this.r + x) / (this.alpha + age);
		return probabilityAlive(x, recency, age) * rate * expectedLifetimeWithin(this.beta + age, t);
	}

	/**
	 * E[X(T, T + t] | alive at T, x, T] for several horizons at once: (r+x)/(α+T) ·
	 * E[time alive within t]. Multiplied by {@link #probabilityAlive} it is
	 * {@link #expectedPurchases(double, int, double, double)}.
	 */
	public void expectedWhileAlive(double[] horizons, int x, double age, double[] out) {
		double rate = (this.r + x) / (this.alpha + age);
		for (int k = 0; k < horizons.length; k++) {
			out[k] = (horizons[k] > 0) ? rate * expectedLifetimeWithin(this.beta + age, horizons[k]) : 0;
		}
	}

	/** Unconditional E[X(t)] for a customer who just made a first purchase. */
	public double expectedPurchases(double t) {
		if (t <= 0) {
			return 0;
		}
		return this.r / this.alpha * expectedLifetimeWithin(this.beta, t);
	}

	/**
	 * E[time alive within the next t] for μ ~ Gamma(s, base): base/(s−1) · [1 − (base /
	 * (base+t))^(s−1)].
	 */
	private double expectedLifetimeWithin(double base, double t) {
		double sm1 = this.s - 1;
		double log1p = Math.log1p(t / base);
		double share = (Math.abs(sm1) < 1e-12) ? log1p : -Math.expm1(-sm1 * log1p) / sm1;
		return base * share;
	}

}
