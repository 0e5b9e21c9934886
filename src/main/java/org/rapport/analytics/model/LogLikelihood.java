package org.rapport.analytics.model;

/**
 * The total (weighted) log-likelihood of a model's parameters on some data, with its
 * gradient, in the model's natural parameters (all positive).
 */
interface LogLikelihood {

	/**
	 * Returns ln L at {@code parameters} and writes ∂ ln L / ∂θ into {@code gradient}.
	 */
	double evaluate(double[] parameters, double[] gradient);

	/** Sum of the weights (number of customers), used to scale the objective. */
	double totalWeight();

}
