package org.rapport.analytics.model;

import java.util.function.ToDoubleFunction;

/** Central-difference gradient for models small enough not to need an analytic one. */
final class NumericalGradient {

	private NumericalGradient() {
	}

	static double of(ToDoubleFunction<double[]> f, double[] theta, double[] gradient) {
		double value = f.applyAsDouble(theta);
		for (int i = 0; i < theta.length; i++) {
			double h = 1e-6 * Math.max(Math.abs(theta[i]), 1e-3);
			double[] plus = theta.clone();
			double[] minus = theta.clone();
			plus[i] += h;
			minus[i] -= h;
			if (minus[i] <= 0) {
				minus[i] = theta[i];
				gradient[i] = (f.applyAsDouble(plus) - value) / h;
			}
			else {
				gradient[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
			}
		}
		return value;
	}

}
