package org.rapport.analytics.model;

import java.util.Arrays;

/**
 * Quasi-Newton minimisation (BFGS update of the inverse Hessian) with a backtracking line
 * search that keeps the Armijo condition. Converged when the largest gradient component
 * is below the tolerance; a failed line search far from that, or the iteration limit, is
 * reported as not converged.
 */
public final class Bfgs {

	/** Relative size of rounding noise in a sum of many likelihood terms. */
	private static final double NOISE = 1e-13;

	private final double gradientTolerance;

	private final int maxIterations;

	private final double maxStep;

	public Bfgs(double gradientTolerance, int maxIterations, double maxStep) {
		this.gradientTolerance = gradientTolerance;
		this.maxIterations = maxIterations;
		this.maxStep = maxStep;
	}

	public static Bfgs standard() {
		return new Bfgs(1e-8, 500, 3.0);
	}

	public Minimum minimise(Objective objective, double[] start) {
		return minimise(objective, start, null);
	}

	/**
	 * Starts from {@code start} with {@code inverseHessian} as the first curvature
	 * estimate (null = identity, rescaled after the first step), e.g. the one of a fit on
	 * a sample.
	 */
	public Minimum minimise(Objective objective, double[] start, double[][] inverseHessian) {
		int n = start.length;
		double[] x = start.clone();
		double[] g = new double[n];
		double f = objective.valueAndGradient(x, g);
		int evaluations = 1;
		if (!Double.isFinite(f) || !allFinite(g)) {
			return new Minimum(x, f, Double.NaN, 0, evaluations, false, "not defined at the starting point", null);
		}
		double[][] h = (inverseHessian != null) ? copy(inverseHessian) : identity(n);
		double[] xNew = new double[n];
		double[] gNew = new double[n];
		double[] d = new double[n];
		boolean first = inverseHessian == null;
		int stalled = 0;
		for (int iteration = 0; iteration < this.maxIterations; iteration++) {
			double norm = maxAbs(g);
			if (norm < this.gradientTolerance) {
				return new Minimum(x, f, norm, iteration, evaluations, true, "gradient below tolerance", h);
			}
			multiply(h, g, d);
			double slope = 0;
			for (int i = 0; i < n; i++) {
				d[i] = -d[i];
				slope += d[i] * g[i];
			}
			if (!(slope < 0)) {
				h = identity(n);
				for (int i = 0; i < n; i++) {
					d[i] = -g[i];
				}
				slope = -dot(g, g);
				first = true;
			}
			double step = Math.min(1.0, this.maxStep / maxAbs(d));
			double fNew = Double.NaN;
			boolean accepted = false;
			for (int tries = 0; tries < 40; tries++) {
				for (int i = 0; i < n; i++) {
					xNew[i] = x[i] + step * d[i];
				}
				fNew = objective.valueAndGradient(xNew, gNew);
				evaluations++;
				if (Double.isFinite(fNew) && allFinite(gNew) && (fNew <= f + 1e-4 * step * slope
						|| maxAbs(gNew) < this.gradientTolerance && fNew <= f + NOISE * Math.abs(f))) {
					accepted = true;
					break;
				}
				step *= Double.isFinite(fNew) ? 0.5 : 0.1;
			}
			if (!accepted) {
				boolean closeEnough = norm < Math.sqrt(this.gradientTolerance);
				return new Minimum(x, f, norm, iteration, evaluations, closeEnough,
						closeEnough ? "no further decrease possible at numerical precision"
								: "line search failed to decrease the function",
						h);
			}
			double[] s = new double[n];
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				s[i] = xNew[i] - x[i];
				y[i] = gNew[i] - g[i];
			}
			double sy = dot(s, y);
			if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
				if (first) {
					double scale = sy / dot(y, y);
					for (int i = 0; i < n; i++) {
						h[i][i] = scale;
					}
					first = false;
				}
				update(h, s, y, sy);
			}
			stalled = (f - fNew <= NOISE * Math.abs(f)) ? stalled + 1 : 0;
			System.arraycopy(xNew, 0, x, 0, n);
			System.arraycopy(gNew, 0, g, 0, n);
			f = fNew;
			if (stalled >= 3 && maxAbs(g) < Math.sqrt(this.gradientTolerance)) {
				return new Minimum(x, f, maxAbs(g), iteration + 1, evaluations, true,
						"no further decrease possible at numerical precision", h);
			}
		}
		double norm = maxAbs(g);
		return new Minimum(x, f, norm, this.maxIterations, evaluations, norm < this.gradientTolerance,
				"iteration limit " + this.maxIterations + " reached", h);
	}

	/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy. */
	private static void update(double[][] h, double[] s, double[] y, double sy) {
		int n = s.length;
		double rho = 1 / sy;
		double[] hy = new double[n];
		multiply(h, y, hy);
		double yhy = dot(y, hy);
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
			}
		}
	}

	private static void multiply(double[][] m, double[] v, double[] out) {
		for (int i = 0; i < v.length; i++) {
			double sum = 0;
			for (int j = 0; j < v.length; j++) {
				sum += m[i][j] * v[j];
			}
			out[i] = sum;
		}
	}

	private static double[][] copy(double[][] m) {
		double[][] c = new double[m.length][];
		for (int i = 0; i < m.length; i++) {
			c[i] = m[i].clone();
		}
		return c;
	}

	private static double[][] identity(int n) {
		double[][] m = new double[n][n];
		for (int i = 0; i < n; i++) {
			m[i][i] = 1;
		}
		return m;
	}

	static double dot(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	static double maxAbs(double[] v) {
		return Arrays.stream(v).map(Math::abs).max().orElse(0);
	}

	private static boolean allFinite(double[] v) {
		for (double value : v) {
			if (!Double.isFinite(value)) {
				return false;
			}
		}
		return true;
	}

}
