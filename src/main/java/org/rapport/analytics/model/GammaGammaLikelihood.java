package org.rapport.analytics.model;

import static org.rapport.analytics.model.SpecialFunctions.digamma;
import static org.rapport.analytics.model.SpecialFunctions.logGamma;

/**
 * Gamma-Gamma log-likelihood of the mean spend m of x &gt; 0 repeat purchases (density of
 * the mean: Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^(px−1) · x^(px) / (γ + x·m)^(px+q)) with its
 * analytic gradient in (p, q, γ). Per customer only ln(γ + x·m) and one division change
 * with the parameters; everything else is summed once.
 */
final class GammaGammaLikelihood implements LogLikelihood {

	private final int[] frequency;

	private final double[] spend;

	private final double[] weights;

	private final FrequencyTable table;

	private final double sumWLogM;

	private final double sumWXLogM;

	GammaGammaLikelihood(int[] frequency, double[] spend, double[] weights) {
		this.frequency = frequency;
		this.spend = spend;
		this.weights = weights;
		this.table = new FrequencyTable(frequency, weights);
		double s0 = 0;
		double s1 = 0;
		for (int i = 0; i < frequency.length; i++) {
			double w = (weights != null) ? weights[i] : 1.0;
			double logM = Math.log(spend[i]);
			s0 += w * logM;
			s1 += w * frequency[i] * logM;
		}
		this.sumWLogM = s0;
		this.sumWXLogM = s1;
	}

	@Override
	public double totalWeight() {
		return this.table.totalWeight;
	}

	@Override
	public double evaluate(double[] theta, double[] gradient) {
		double p = theta[0];
		double q = theta[1];
		double gamma = theta[2];
		double total = this.table.totalWeight;
		double logGammaScale = Math.log(gamma);
		double ll = total * (-logGamma(q) + q * logGammaScale) + p * this.sumWXLogM - this.sumWLogM;
		double gp = this.sumWXLogM;
		double gq = total * (-digamma(q) + logGammaScale);
		for (int x : this.table.values) {
			double w = this.table.weightOf[x];
			double px = p * x;
			double logX = Math.log(x);
			ll += w * (logGamma(px + q) - logGamma(px) + px * logX);
			double psiPxQ = digamma(px + q);
			gp += w * x * (psiPxQ - digamma(px) + logX);
			gq += w * psiPxQ;
		}
		int[] xs = this.frequency;
		double[] ms = this.spend;
		double[] ws = this.weights;
		double[] sums = Parallel.sum(xs.length, 3, (from, to, s) -> {
			double s0 = 0;
			double s1 = 0;
			double sg = 0;
			for (int i = from; i < to; i++) {
				double w = (ws != null) ? ws[i] : 1.0;
				int x = xs[i];
				double denominator = gamma + x * ms[i];
				double log = Math.log(denominator);
				s0 += w * log;
				s1 += w * x * log;
				sg += w * (p * x + q) / denominator;
			}
			s[0] += s0;
			s[1] += s1;
			s[2] += sg;
		});
		ll -= p * sums[1] + q * sums[0];
		gradient[0] = gp - sums[1];
		gradient[1] = gq - sums[0];
		gradient[2] = total * q / gamma - sums[2];
		return ll;
	}

}
