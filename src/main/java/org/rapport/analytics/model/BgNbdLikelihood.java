package org.rapport.analytics.model;

import static org.rapport.analytics.model.SpecialFunctions.digamma;
import static org.rapport.analytics.model.SpecialFunctions.logGamma;

/**
 * BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, eq. 6) with its analytic gradient
 * in (r, α, a, b). Terms that depend only on x are computed once per distinct x; each
 * customer costs two logarithms, one exponential and two divisions, summed in parallel
 * chunks.
 */
final class BgNbdLikelihood implements LogLikelihood {

	private final PurchaseSummaries data;

	private final FrequencyTable table;

	BgNbdLikelihood(PurchaseSummaries data) {
		this.data = data;
		this.table = new FrequencyTable(data.frequency(), data.weights());
	}

	@Override
	public double totalWeight() {
		return this.table.totalWeight;
	}

	@Override
	public double evaluate(double[] theta, double[] gradient) {
		double r = theta[0];
		double alpha = theta[1];
		double a = theta[2];
		double b = theta[3];
		int size = this.table.max() + 1;
		double[] logA4 = new double[size];
		double[] inverseB = new double[size];
		double ll = 0;
		double gr = 0;
		double ga = 0;
		double gb = 0;
		double lgR = logGamma(r);
		double lgB = logGamma(b);
		double lgAB = logGamma(a + b);
		double psiR = digamma(r);
		double psiB = digamma(b);
		double psiAB = digamma(a + b);
		double logSmallA = Math.log(a);
		for (int x : this.table.values) {
			double w = this.table.weightOf[x];
			ll += w * (logGamma(r + x) - lgR + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x));
			gr += w * (digamma(r + x) - psiR);
			double psiABX = digamma(a + b + x);
			ga += w * (psiAB - psiABX);
			gb += w * (psiAB + digamma(b + x) - psiB - psiABX);
			if (x > 0) {
				logA4[x] = logSmallA - Math.log(b + x - 1);
				inverseB[x] = 1 / (b + x - 1);
			}
		}
		double total = this.table.totalWeight;
		double logAlpha = Math.log(alpha);
		ll += total * r * logAlpha;
		gr += total * logAlpha;
		double gAlpha = total * r / alpha;
		int[] xs = this.data.frequency();
		double[] txs = this.data.recency();
		double[] ts = this.data.age();
		double[] weights = this.data.weights();
		double[] sums = Parallel.sum(xs.length, 5, (from, to, s) -> {
			double sll = 0;
			double sr = 0;
			double sal = 0;
			double ss = 0;
			double ssb = 0;
			for (int i = from; i < to; i++) {
				int x = xs[i];
				double w = (weights != null) ? weights[i] : 1.0;
				double rx = r + x;
				double lT = Math.log(alpha + ts[i]);
				double a3 = -rx * lT;
				if (x == 0) {
					sll += w * a3;
					sr += w * lT;
					sal += w * rx / (alpha + ts[i]);
					continue;
				}
				double lt = Math.log(alpha + txs[i]);
				double a4 = logA4[x] - rx * lt;
				double diff = a4 - a3;
				double e = Math.exp(-Math.abs(diff));
				double lse = Math.max(a3, a4) + Math.log(1 + e);
				double share = (diff > 0) ? 1 / (1 + e) : e / (1 + e);
				sll += w * lse;
				sr += w * ((1 - share) * lT + share * lt);
				sal += w * rx * ((1 - share) / (alpha + ts[i]) + share / (alpha + txs[i]));
				ss += w * share;
				ssb += w * share * inverseB[x];
			}
			s[0] += sll;
			s[1] += sr;
			s[2] += sal;
			s[3] += ss;
			s[4] += ssb;
		});
		gradient[0] = gr - sums[1];
		gradient[1] = gAlpha - sums[2];
		gradient[2] = ga + sums[3] / a;
		gradient[3] = gb - sums[4];
		return ll + sums[0];
	}

}
