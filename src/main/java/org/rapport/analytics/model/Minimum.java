package org.rapport.analytics.model;

/**
 * Where a minimisation stopped: the point, the value there, the largest gradient
 * component, the number of iterations and function evaluations, and whether the
 * convergence test was met ({@code message} says why it stopped).
 */
public record Minimum(double[] point, double value, double gradientNorm, int iterations, int evaluations,
		boolean converged, String message, double[][] inverseHessian) {

}
