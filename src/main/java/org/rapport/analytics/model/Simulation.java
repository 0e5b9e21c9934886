package org.rapport.analytics.model;

import java.util.SplittableRandom;

/**
 * Draws customers from known BG/NBD, Pareto/NBD and Gamma-Gamma parameters, for recovery
 * tests and benchmarks. Seeded, so the same seed gives the same population.
 */
public final class Simulation {

	private final SplittableRandom random;

	public Simulation(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/**
	 * A simulated population: the summaries and each customer's mean repeat spend (0 if x
	 * = 0).
	 */
	public record Population(PurchaseSummaries summaries, double[] meanSpend) {

	}

	/**
	 * Simulates {@code n} customers whose first purchase is spread uniformly over
	 * [{@code minAge}, {@code maxAge}] before the end of the calibration period.
	 */
	public Population draw(int n, BgNbd purchases, GammaGamma spend, double minAge, double maxAge) {
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] t = new double[n];
		double[] mean = new double[n];
		for (int i = 0; i < n; i++) {
			double age = minAge + (maxAge - minAge) * this.random.nextDouble();
			double lambda = gamma(purchases.r()) / purchases.alpha();
			double p = beta(purchases.a(), purchases.b());
			double time = 0;
			int count = 0;
			double last = 0;
			while (true) {
				time += -Math.log(1 - this.random.nextDouble()) / lambda;
				if (time > age) {
					break;
				}
				count++;
				last = time;
				if (this.random.nextDouble() < p) {
					break;
				}
			}
			x[i] = count;
			tx[i] = last;
			t[i] = age;
			if (count > 0 && spend != null) {
				double nu = gamma(spend.q()) / spend.gamma();
				mean[i] = gamma(spend.p() * count) / nu / count;
			}
		}
		return new Population(PurchaseSummaries.of(x, tx, t), mean);
	}

	/**
	 * Simulates {@code n} Pareto/NBD customers (Poisson purchases at rate λ while alive,
	 * an exponential lifetime with rate μ) whose first purchase is spread uniformly over
	 * [{@code minAge}, {@code maxAge}] before the end of the calibration period.
	 */
	public PurchaseSummaries draw(int n, ParetoNbd model, double minAge, double maxAge) {
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] t = new double[n];
		for (int i = 0; i < n; i++) {
			double age = minAge + (maxAge - minAge) * this.random.nextDouble();
			double lambda = gamma(model.r()) / model.alpha();
			double mu = gamma(model.s()) / model.beta();
			double end = Math.min(age, -Math.log(1 - this.random.nextDouble()) / mu);
			double time = 0;
			int count = 0;
			double last = 0;
			while (true) {
				time += -Math.log(1 - this.random.nextDouble()) / lambda;
				if (time > end) {
					break;
				}
				count++;
				last = time;
			}
			x[i] = count;
			tx[i] = last;
			t[i] = age;
		}
		return PurchaseSummaries.of(x, tx, t);
	}

	/** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape &lt; 1. */
	double gamma(double shape) {
		if (shape < 1) {
			double u = this.random.nextDouble();
			return gamma(shape + 1) * Math.pow(u, 1 / shape);
		}
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double z = normal();
			double v = 1 + c * z;
			if (v <= 0) {
				continue;
			}
			v = v * v * v;
			double u = this.random.nextDouble();
			if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
				return d * v;
			}
		}
	}

	double beta(double a, double b) {
		double x = gamma(a);
		double y = gamma(b);
		return x / (x + y);
	}

	private double normal() {
		double u;
		double v;
		double s;
		do {
			u = 2 * this.random.nextDouble() - 1;
			v = 2 * this.random.nextDouble() - 1;
			s = u * u + v * v;
		}
		while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}

}
