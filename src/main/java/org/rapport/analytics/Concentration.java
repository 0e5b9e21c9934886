package org.rapport.analytics;

import java.util.Arrays;

/**
 * Concentration of revenue over customers, the reference definitions the SQL of a run
 * follows: values sorted ascending x_1..x_n (negative revenue counts as 0), Gini = 2 Σ
 * i·x_i / (n Σ x) − (n + 1) / n, the share of the top ⌈q·n⌉ customers, and the Lorenz
 * curve: the points (i/n, share of revenue of the bottom i customers) joined by straight
 * lines, so L(p) at p·n = k + f (k whole, 0 ≤ f < 1) is the bottom k customers' share
 * plus f times the next customer's. Read that way the curve is convex and never above the
 * diagonal, however few the buyers (rounding p·n up to whole customers instead puts the
 * bottom customer's whole revenue at p = 5 % and, with three equal buyers, a third of the
 * revenue above the diagonal).
 */
final class Concentration {

	private Concentration() {
	}

	static double gini(double[] values) {
		double[] x = sorted(values);
		int n = x.length;
		double total = Arrays.stream(x).sum();
		if (n == 0 || total == 0) {
			return 0;
		}
		double weighted = 0;
		for (int i = 0; i < n; i++) {
			weighted += (i + 1) * x[i];
		}
		return 2 * weighted / (n * total) - (n + 1.0) / n;
	}

	static double topShare(double[] values, double share) {
		double[] x = sorted(values);
		int n = x.length;
		double total = Arrays.stream(x).sum();
		if (n == 0 || total == 0) {
			return 0;
		}
		int top = (int) Math.ceil(share * n);
		double sum = 0;
		for (int i = n - top; i < n; i++) {
			sum += x[i];
		}
		return sum / total;
	}

	static double lorenz(double[] values, double populationShare) {
		double[] x = sorted(values);
		int n = x.length;
		double total = Arrays.stream(x).sum();
		if (n == 0 || total == 0) {
			return populationShare;
		}
		double position = populationShare * n;
		int whole = (int) Math.min(n, Math.floor(position));
		double sum = 0;
		for (int i = 0; i < whole; i++) {
			sum += x[i];
		}
		if (whole < n) {
			sum += (position - whole) * x[whole];
		}
		return sum / total;
	}

	private static double[] sorted(double[] values) {
		return Arrays.stream(values).map((v) -> Math.max(0, v)).sorted().toArray();
	}

}
