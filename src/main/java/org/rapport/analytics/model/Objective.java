package org.rapport.analytics.model;

/**
 * A smooth function to minimise: returns its value at {@code x} and writes the gradient
 * into {@code gradient}. Returns a non-finite value where the function is not defined.
 */
@FunctionalInterface
public interface Objective {

	double valueAndGradient(double[] x, double[] gradient);

}
