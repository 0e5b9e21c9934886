package org.rapport.analytics.model;

import java.util.List;

/**
 * A maximum-likelihood fit: parameter names and estimates, standard errors from the
 * inverse of the observed information (NaN when it is not positive definite), the total
 * log-likelihood, the number of customers (sum of weights), iterations, and whether the
 * optimiser converged.
 */
public record ModelFit(String model, List<String> names, double[] estimates, double[] standardErrors,
		double logLikelihood, double customers, int iterations, boolean converged, String message) {

	public double estimate(String name) {
		return this.estimates[index(name)];
	}

	public double standardError(String name) {
		return this.standardErrors[index(name)];
	}

	private int index(String name) {
		int i = this.names.indexOf(name);
		if (i < 0) {
			throw new IllegalArgumentException(this.model + " has no parameter " + name);
		}
		return i;
	}

}
