package org.rapport.analytics.model;

import java.util.List;

/**
 * BG/NBD purchase model (Fader, Hardie &amp; Lee 2005): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase the customer
 * drops out with probability p ~ Beta(a, b).
 */
public record BgNbd(double r, double alpha, double a, double b) {

	public static final List<String> NAMES = List.of("r", "alpha", "a", "b");

	private static final int WARM_UP_ABOVE = 200_000;

	public BgNbd {
		if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) {
			throw new IllegalArgumentException("BG/NBD parameters must be positive and finite");
		}
	}

	public static BgNbd of(ModelFit fit) {
		double[] e = fit.estimates();
		return new BgNbd(e[0], e[1], e[2], e[3]);
	}

	/**
	 * Maximum-likelihood fit. Large populations are first fitted on a regular sample of
	 * about 100,000 customers, and that optimum starts the fit on everybody.
	 */
	public static ModelFit fit(PurchaseSummaries data) {
		data.validate();
		LogLikelihood warmUp = null;
		if (data.size() > WARM_UP_ABOVE) {
			warmUp = new BgNbdLikelihood(data.sample(data.size() / (WARM_UP_ABOVE / 2)));
		}
		double meanAge = 0;
		for (double t : data.age()) {
			meanAge += t;
		}
		meanAge /= data.size();
		double[] start = { 1.0, Math.max(meanAge, 1e-3), 1.0, 1.0 };
		return MaximumLikelihood.fit("BG/NBD", NAMES, new BgNbdLikelihood(data), warmUp, start);
	}

	/** Total log-likelihood of these parameters on the data. */
	public double logLikelihood(PurchaseSummaries data) {
		return new BgNbdLikelihood(data).evaluate(new double[] { this.r, this.alpha, this.a, this.b }, new double[4]);
	}

	/** P(alive at T | x, t_x, T). */
	public double probabilityAlive(int x, double recency, double age) {
		if (x == 0) {
			return 1.0;
		}
		double odds = this.a / (this.b + x - 1)
				* Math.exp((this.r + x) * (Math.log(this.alpha + age) - Math.log(this.alpha + recency)));
		return 1 / (1 + odds);
	}

	/**
	 * P(X(T, T + t] &gt; 0 | x, t_x, T): the chance of at least one purchase in the next
	 * {@code t} time units. Alive at T, the purchase rate is Gamma(r + x, α + T) and no
	 * purchase means no drop-out, so none comes with probability ((α + T) / (α + T +
	 * t))^(r + x); a customer who left makes none. Unlike {@link #probabilityAlive},
	 * which the model fixes at 1 until a customer's second purchase, this falls the
	 * longer a one-time buyer stays silent.
	 */
	public double probabilityOfPurchaseWithin(double t, int x, double recency, double age) {
		if (!(t >= 0)) {
			throw new IllegalArgumentException("the period must be ≥ 0");
		}
		double none = Math.exp((this.r + x) * (Math.log(this.alpha + age) - Math.log(this.alpha + age + t)));
		return probabilityAlive(x, recency, age) * -Math.expm1(Math.log(none));
	}

	/**
	 * E[X(T, T + t] | x, t_x, T]: expected purchases in the next {@code t} time units.
	 */
	public double expectedPurchases(double t, int x, double recency, double age) {
		double[] out = new double[1];
		expectedPurchases(new double[] { t }, x, recency, age, out);
		return out[0];
	}

	/**
	 * Conditional expected purchases for several horizons at once (one hypergeometric
	 * series shared by all horizons, see {@link BgNbdExpectation}).
	 */
	public void expectedPurchases(double[] horizons, int x, double recency, double age, double[] out) {
		BgNbdExpectation.conditional(this, horizons, x, age, out);
		double alive = probabilityAlive(x, recency, age);
		for (int m = 0; m < horizons.length; m++) {
			out[m] *= alive;
		}
	}

	/** Unconditional E[X(t)] for a customer who just made a first purchase. */
	public double expectedPurchases(double t) {
		double[] out = new double[1];
		BgNbdExpectation.conditional(this, new double[] { t }, 0, 0, out);
		return out[0];
	}

	/**
	 * P(X(t) = n) for a customer who just made a first purchase (Fader, Hardie &amp; Lee
	 * 2007).
	 */
	public double probabilityOfPurchases(int n, double t) {
		if (n < 0) {
			throw new IllegalArgumentException("n must be ≥ 0");
		}
		double lbAB = SpecialFunctions.logBeta(this.a, this.b);
		double logStay = Math.log(this.alpha / (this.alpha + t));
		double logGo = Math.log(t / (this.alpha + t));
		double logNbd = SpecialFunctions.logGamma(this.r + n) - SpecialFunctions.logGamma(this.r)
				- SpecialFunctions.logGamma(n + 1.0) + this.r * logStay + ((n > 0) ? n * logGo : 0);
		double first = Math.exp(SpecialFunctions.logBeta(this.a, this.b + n) - lbAB + logNbd);
		if (n == 0) {
			return first;
		}
		// 1 − Σ_{j<n} NBD(j) summed as the tail Σ_{j≥n} NBD(j), which keeps its precision
		double ratio = t / (this.alpha + t);
		double term = 1;
		double tail = 0;
		for (int j = n; j < n + 10_000_000; j++) {
			tail += term;
			double step = (this.r + j) / (j + 1) * ratio;
			term *= step;
			if (step < 1 && term <= 1e-17 * tail * (1 - Math.max(step, ratio))) {
				break;
			}
		}
		tail *= Math.exp(logNbd);
		return first + Math.exp(SpecialFunctions.logBeta(this.a + 1, this.b + n - 1) - lbAB) * tail;
	}

}
