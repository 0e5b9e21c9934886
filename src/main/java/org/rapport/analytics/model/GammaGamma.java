package org.rapport.analytics.model;

import java.util.List;

/**
 * Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): a customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent
 * of the purchase process. Fitted on customers with at least one repeat purchase and
 * their mean repeat-purchase value.
 */
public record GammaGamma(double p, double q, double gamma) {

	public static final List<String> NAMES = List.of("p", "q", "gamma");

	public GammaGamma {
		if (!(p > 0 && q > 0 && gamma > 0) || Double.isInfinite(p + q + gamma)) {
			throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite");
		}
	}

	public static GammaGamma of(ModelFit fit) {
		double[] e = fit.estimates();
		return new GammaGamma(e[0], e[1], e[2]);
	}

	/**
	 * Fits on the rows with frequency &gt; 0 (others are skipped); mean spend must be
	 * positive there.
	 */
	public static ModelFit fit(int[] frequency, double[] meanSpend, double[] weights) {
		int n = 0;
		for (int x : frequency) {
			if (x > 0) {
				n++;
			}
		}
		if (n == 0) {
			throw new IllegalArgumentException("no customers with repeat purchases to fit the spend model on");
		}
		int[] xs = new int[n];
		double[] ms = new double[n];
		double[] ws = (weights != null) ? new double[n] : null;
		double mean = 0;
		for (int i = 0, j = 0; i < frequency.length; i++) {
			if (frequency[i] > 0) {
				if (!(meanSpend[i] > 0) || Double.isInfinite(meanSpend[i])) {
					throw new IllegalArgumentException(
							"row " + i + ": mean spend must be positive when frequency > 0, got " + meanSpend[i]);
				}
				xs[j] = frequency[i];
				ms[j] = meanSpend[i];
				mean += ms[j];
				if (ws != null) {
					ws[j] = weights[i];
				}
				j++;
			}
		}
		mean /= n;
		double[] start = { 1.0, 1.0, mean };
		return MaximumLikelihood.fit("Gamma-Gamma", NAMES, new GammaGammaLikelihood(xs, ms, ws), null, start);
	}

	/**
	 * E[mean transaction value | x, m]: p(γ + x·m)/(px + q − 1); for x = 0 the population
	 * mean pγ/(q − 1). Needs q &gt; 1.
	 */
	public double expectedAverageSpend(int x, double meanSpend) {
		double m = (x > 0) ? meanSpend : 0;
		return this.p * (this.gamma + x * m) / (this.p * x + this.q - 1);
	}

}
