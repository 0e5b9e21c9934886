package org.rapport.analytics.model;

import java.util.List;

import static org.rapport.analytics.model.SpecialFunctions.logBeta;

/**
 * BG/BB model for discrete purchase opportunities (Fader, Hardie &amp; Shang 2010): while
 * alive a customer buys at each opportunity with probability p ~ Beta(α, β) and drops out
 * before each opportunity with probability θ ~ Beta(γ, δ). Data: frequency x, recency t_x
 * (the opportunity of the last purchase) and the number of opportunities n, with weights.
 */
public record BgBb(double alpha, double beta, double gamma, double delta) {

	public static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");

	public static BgBb of(ModelFit fit) {
		double[] e = fit.estimates();
		return new BgBb(e[0], e[1], e[2], e[3]);
	}

	public static ModelFit fit(int[] frequency, int[] recency, int[] periods, double[] weights) {
		if (frequency.length == 0) {
			throw new IllegalArgumentException("no customers to fit");
		}
		for (int i = 0; i < frequency.length; i++) {
			if (frequency[i] < 0 || recency[i] < frequency[i] || periods[i] < recency[i]
					|| frequency[i] == 0 && recency[i] != 0) {
				throw new IllegalArgumentException("row " + i + ": inconsistent frequency " + frequency[i]
						+ ", recency " + recency[i] + ", periods " + periods[i]);
			}
		}
		double total = 0;
		for (int i = 0; i < frequency.length; i++) {
			total += (weights != null) ? weights[i] : 1.0;
		}
		double totalWeight = total;
		LogLikelihood likelihood = new LogLikelihood() {

			@Override
			public double evaluate(double[] theta, double[] gradient) {
				return NumericalGradient.of(
						(t) -> new BgBb(t[0], t[1], t[2], t[3]).logLikelihood(frequency, recency, periods, weights),
						theta, gradient);
			}

			@Override
			public double totalWeight() {
				return totalWeight;
			}

		};
		return MaximumLikelihood.fit("BG/BB", NAMES, likelihood, null, new double[] { 1, 1, 1, 1 });
	}

	public double logLikelihood(int[] frequency, int[] recency, int[] periods, double[] weights) {
		double sum = 0;
		for (int i = 0; i < frequency.length; i++) {
			double w = (weights != null) ? weights[i] : 1.0;
			sum += w * logLikelihood(frequency[i], recency[i], periods[i]);
		}
		return sum;
	}

	/** ln L(α, β, γ, δ | x, t_x, n) (Fader, Hardie &amp; Shang 2010, eq. 5). */
	public double logLikelihood(int x, int recency, int n) {
		double lbAB = logBeta(this.alpha, this.beta);
		double lbGD = logBeta(this.gamma, this.delta);
		double alive = logBeta(this.alpha + x, this.beta + n - x) - lbAB + logBeta(this.gamma, this.delta + n) - lbGD;
		double max = alive;
		double[] terms = new double[n - recency];
		for (int i = 0; i < n - recency; i++) {
			terms[i] = logBeta(this.alpha + x, this.beta + recency - x + i) - lbAB
					+ logBeta(this.gamma + 1, this.delta + recency + i) - lbGD;
			max = Math.max(max, terms[i]);
		}
		double sum = Math.exp(alive - max);
		for (double t : terms) {
			sum += Math.exp(t - max);
		}
		return max + Math.log(sum);
	}

	/** P(alive at opportunity n + 1 | x, t_x, n). */
	public double probabilityAlive(int x, int recency, int n) {
		double alive = logBeta(this.alpha + x, this.beta + n - x) - logBeta(this.alpha, this.beta)
				+ logBeta(this.gamma, this.delta + n + 1) - logBeta(this.gamma, this.delta);
		return Math.exp(alive - logLikelihood(x, recency, n));
	}

}
