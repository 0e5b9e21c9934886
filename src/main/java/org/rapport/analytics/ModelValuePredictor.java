package org.rapport.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.CustomerValue;
import org.rapport.analytics.model.GammaGamma;
import org.rapport.analytics.model.ModelFit;
import org.rapport.analytics.model.PurchaseSummaries;

import org.springframework.stereotype.Component;

/**
 * The value predictor of the pipeline: BG/NBD and Gamma-Gamma fitted on the run's buyers
 * (time in days, a month is 30 days), expected purchases over the CLV horizon,
 * probability alive and the discounted CLV of {@code rapport.analytics.clv-months} months
 * at the monthly rate {@code rapport.analytics.discount}. Fewer buyers than
 * {@code rapport.analytics.min-buyers}, no repeat buyer, an optimiser that does not
 * converge or a spend model without a finite mean (q ≤ 1) make the predictions
 * unavailable with the reason.
 */
@Component
class ModelValuePredictor implements ValuePredictor {

	static final String BG_NBD = "BG/NBD";

	static final String GAMMA_GAMMA = "Gamma-Gamma";

	private final AnalyticsSettings settings;

	private final Clock clock;

	ModelValuePredictor(AnalyticsSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String version() {
		return "bgnbd+gg/clv" + this.settings.clvMonths() + "m/d" + this.settings.discount() + "/fit"
				+ this.clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
	}

	@Override
	public Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend) {
		int n = x.length;
		if (n < this.settings.minBuyers()) {
			return Predictions
				.unavailable("too few buyers to fit the value model: " + n + " < " + this.settings.minBuyers());
		}
		int[] frequency = frequencies(x);
		int[] spendFrequency = new int[n];
		int repeat = 0;
		for (int i = 0; i < n; i++) {
			if (frequency[i] > 0 && averageSpend[i] > 0) {
				spendFrequency[i] = frequency[i];
				repeat++;
			}
		}
		if (repeat == 0) {
			return Predictions.unavailable("no repeat buyer with a positive spend to fit the spend model on");
		}
		ModelFit purchases;
		ModelFit spend;
		try {
			purchases = BgNbd.fit(PurchaseSummaries.of(frequency, tx, t));
			spend = GammaGamma.fit(spendFrequency, averageSpend, null);
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			return Predictions.unavailable("value model fit failed: " + ex.getMessage());
		}
		for (ModelFit fit : List.of(purchases, spend)) {
			if (!fit.converged()) {
				return Predictions.unavailable(fit.model() + " did not converge: " + fit.message());
			}
		}
		Instant now = this.clock.instant();
		ValueModel model = new ValueModel(version(), now, this.settings.clvMonths() * CustomerValue.MONTH_IN_DAYS,
				this.settings.clvMonths(), this.settings.discount(), List.of(fit(purchases), fit(spend)));
		return predictWith(model, x, tx, t, averageSpend);
	}

	@Override
	public Predictions predictWith(ValueModel model, double[] x, double[] tx, double[] t, double[] averageSpend) {
		BgNbd purchases;
		GammaGamma spend;
		try {
			ValueModel.Fit bg = model.fit(BG_NBD);
			ValueModel.Fit gg = model.fit(GAMMA_GAMMA);
			purchases = new BgNbd(bg.parameter("r"), bg.parameter("alpha"), bg.parameter("a"), bg.parameter("b"));
			spend = new GammaGamma(gg.parameter("p"), gg.parameter("q"), gg.parameter("gamma"));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Predictions.unavailable("stored value model unusable: " + ex.getMessage());
		}
		if (!(spend.q() > 1)) {
			return Predictions.unavailable("Gamma-Gamma q = " + spend.q() + " ≤ 1: the spend model has no finite mean");
		}
		CustomerValue.Predictions p;
		try {
			p = CustomerValue.predict(purchases, spend, PurchaseSummaries.of(frequencies(x), tx, t), averageSpend,
					new CustomerValue.Horizon(model.horizonDays(), model.clvMonths(), CustomerValue.MONTH_IN_DAYS,
							model.monthlyDiscount()));
		}
		catch (ArithmeticException ex) {
			return Predictions.unavailable("value model predictions failed: " + ex.getMessage());
		}
		return new Predictions(p.expectedPurchases(), p.probabilityAlive(), p.clv(), model, null);
	}

	/** The BG/NBD of a stored value model. */
	static BgNbd purchaseModel(ValueModel model) {
		ValueModel.Fit bg = model.fit(BG_NBD);
		return new BgNbd(bg.parameter("r"), bg.parameter("alpha"), bg.parameter("a"), bg.parameter("b"));
	}

	/**
	 * Each buyer's chance of a purchase within the model's horizon (ADR 0094), from the
	 * repeat purchase days, the days from the first to the last and the days since the
	 * first; 0 where it cannot be computed.
	 */
	static double[] chanceToBuyAgain(ValueModel model, double[] x, double[] tx, double[] t) {
		BgNbd purchases = purchaseModel(model);
		double[] chance = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			double c = purchases.probabilityOfPurchaseWithin(model.horizonDays(), (int) Math.round(x[i]), tx[i], t[i]);
			chance[i] = Double.isFinite(c) ? c : 0;
		}
		return chance;
	}

	private static int[] frequencies(double[] x) {
		int[] frequency = new int[x.length];
		for (int i = 0; i < x.length; i++) {
			frequency[i] = (int) Math.round(x[i]);
		}
		return frequency;
	}

	private static ValueModel.Fit fit(ModelFit fit) {
		Map<String, Double> parameters = new LinkedHashMap<>();
		Map<String, Double> errors = new LinkedHashMap<>();
		for (int i = 0; i < fit.names().size(); i++) {
			parameters.put(fit.names().get(i), fit.estimates()[i]);
			double se = fit.standardErrors()[i];
			errors.put(fit.names().get(i), Double.isFinite(se) ? se : null);
		}
		return new ValueModel.Fit(fit.model(), parameters, errors, fit.logLikelihood(), Math.round(fit.customers()),
				fit.iterations(), fit.converged());
	}

}
