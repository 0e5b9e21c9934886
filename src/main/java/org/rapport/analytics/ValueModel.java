package org.rapport.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The value model fitted in a run: its version (the models, the CLV horizon and rate, the
 * fit date), when it was fitted, the prediction settings, and per model (BG/NBD,
 * Gamma-Gamma) the maximum-likelihood fit. Stored with the run so that customers rescored
 * later are predicted from the same parameters.
 *
 * @param version e.g. {@code bgnbd+gg/clv12m/d0.01/fit2026-01-01}
 * @param fittedAt when the parameters were fitted
 * @param horizonDays the horizon of the expected purchases (CLV months × 30 days)
 * @param clvMonths the months summed into the CLV
 * @param monthlyDiscount the monthly discount rate of the CLV
 * @param models the fits, BG/NBD first
 */
public record ValueModel(String version, Instant fittedAt, double horizonDays, int clvMonths, double monthlyDiscount,
		List<Fit> models) {

	public ValueModel {
		models = List.copyOf(models);
	}

	/** The fit of the named model. */
	public Fit fit(String model) {
		return this.models.stream()
			.filter((f) -> f.model().equals(model))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no fit of " + model));
	}

	/**
	 * One model's maximum-likelihood fit.
	 *
	 * @param model "BG/NBD" or "Gamma-Gamma"
	 * @param parameters the estimates by name, in the model's order
	 * @param standardErrors the standard errors by name (null when the observed
	 * information is not positive definite)
	 * @param logLikelihood the total log-likelihood at the estimates
	 * @param customers the customers the model was fitted on
	 * @param iterations the optimiser's iterations
	 * @param converged whether the optimiser converged
	 */
	public record Fit(String model, Map<String, Double> parameters, Map<String, Double> standardErrors,
			double logLikelihood, long customers, int iterations, boolean converged) {

		public double parameter(String name) {
			return this.parameters.get(name);
		}

	}

}
