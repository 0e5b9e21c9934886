package org.rapport.analytics.model;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a {@link LogLikelihood} over positive parameters: BFGS on the logarithms of
 * the parameters (so they stay positive) minimising −ln L / n, optionally warm-started
 * from a fit on a sample of the data; then standard errors from a central-difference
 * Hessian of the analytic gradient at the optimum.
 */
final class MaximumLikelihood {

	private MaximumLikelihood() {
	}

	static ModelFit fit(String model, List<String> names, LogLikelihood likelihood, LogLikelihood warmUp,
			double[] start) {
		return fit(model, names, likelihood, warmUp, start, null);
	}

	/**
	 * As above; with {@code values} (the log-likelihood alone, for a model whose gradient
	 * is numerical) the log-likelihood at the optimum and the standard errors come from
	 * values only ({@link #standardErrorsFromValues}), so no gradient is differenced.
	 */
	static ModelFit fit(String model, List<String> names, LogLikelihood likelihood, LogLikelihood warmUp,
			double[] start, ToDoubleFunction<double[]> values) {
		double[] point = logOf(start);
		Bfgs bfgs = Bfgs.standard();
		int iterations = 0;
		double[][] curvature = null;
		if (warmUp != null) {
			Minimum quick = new Bfgs(1e-6, 500, 3.0).minimise(objective(warmUp), point);
			if (quick.converged()) {
				point = quick.point();
				curvature = quick.inverseHessian();
			}
			iterations += quick.iterations();
		}
		Minimum minimum = bfgs.minimise(objective(likelihood), point, curvature);
		iterations += minimum.iterations();
		double[] estimates = expOf(minimum.point());
		double logLikelihood;
		double[] errors;
		if (values != null) {
			logLikelihood = values.applyAsDouble(estimates);
			errors = standardErrorsFromValues(values, estimates);
		}
		else {
			double[] gradient = new double[estimates.length];
			logLikelihood = likelihood.evaluate(estimates, gradient);
			errors = standardErrors(likelihood, estimates, gradient);
		}
		return new ModelFit(model, names, estimates, errors, logLikelihood, likelihood.totalWeight(), iterations,
				minimum.converged(), minimum.message());
	}

	static Objective objective(LogLikelihood likelihood) {
		double scale = 1 / likelihood.totalWeight();
		return (u, gradient) -> {
			double[] theta = expOf(u);
			for (double t : theta) {
				if (!(t > 0) || Double.isInfinite(t)) {
					return Double.NaN;
				}
			}
			double ll = likelihood.evaluate(theta, gradient);
			for (int i = 0; i < u.length; i++) {
				gradient[i] = -gradient[i] * theta[i] * scale;
			}
			return -ll * scale;
		};
	}

	/**
	 * Standard errors from the observed information: forward differences of the analytic
	 * gradient (step 1e-6 relative, error of that order, ample for standard errors).
	 */
	static double[] standardErrors(LogLikelihood likelihood, double[] theta, double[] at) {
		int n = theta.length;
		double[][] hessian = new double[n][n];
		double[] up = new double[n];
		for (int j = 0; j < n; j++) {
			double h = 1e-6 * theta[j];
			double[] plus = theta.clone();
			plus[j] += h;
			likelihood.evaluate(plus, up);
			for (int i = 0; i < n; i++) {
				hessian[i][j] = (up[i] - at[i]) / h;
			}
		}
		double[][] information = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				information[i][j] = -(hessian[i][j] + hessian[j][i]) / 2;
			}
		}
		return errorsOf(information);
	}

	/**
	 * Standard errors from a Hessian of central second differences of the log-likelihood
	 * itself (relative step 1e-4), for models whose gradient is already numerical.
	 */
	static double[] standardErrorsFromValues(ToDoubleFunction<double[]> logLikelihood, double[] theta) {
		int n = theta.length;
		double centre = logLikelihood.applyAsDouble(theta);
		double[] h = new double[n];
		for (int i = 0; i < n; i++) {
			h[i] = 1e-4 * theta[i];
		}
		double[][] information = new double[n][n];
		for (int i = 0; i < n; i++) {
			double plus = logLikelihood.applyAsDouble(shifted(theta, i, h[i], i, 0));
			double minus = logLikelihood.applyAsDouble(shifted(theta, i, -h[i], i, 0));
			information[i][i] = -(plus - 2 * centre + minus) / (h[i] * h[i]);
			for (int j = 0; j < i; j++) {
				double pp = logLikelihood.applyAsDouble(shifted(theta, i, h[i], j, h[j]));
				double pm = logLikelihood.applyAsDouble(shifted(theta, i, h[i], j, -h[j]));
				double mp = logLikelihood.applyAsDouble(shifted(theta, i, -h[i], j, h[j]));
				double mm = logLikelihood.applyAsDouble(shifted(theta, i, -h[i], j, -h[j]));
				information[i][j] = -(pp - pm - mp + mm) / (4 * h[i] * h[j]);
				information[j][i] = information[i][j];
			}
		}
		return errorsOf(information);
	}

	private static double[] shifted(double[] theta, int i, double di, int j, double dj) {
		double[] out = theta.clone();
		out[i] += di;
		out[j] += dj;
		return out;
	}

	private static double[] errorsOf(double[][] information) {
		int n = information.length;
		double[][] covariance = Matrices.inverse(information);
		double[] errors = new double[n];
		for (int i = 0; i < n; i++) {
			double variance = (covariance != null) ? covariance[i][i] : Double.NaN;
			errors[i] = (variance > 0) ? Math.sqrt(variance) : Double.NaN;
		}
		return errors;
	}

	private static double[] logOf(double[] v) {
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = Math.log(v[i]);
		}
		return out;
	}

	private static double[] expOf(double[] v) {
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = Math.exp(v[i]);
		}
		return out;
	}

}
