package org.rapport.analytics.clv;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.CustomerValue;
import org.rapport.analytics.model.CustomerValue.Horizon;
import org.rapport.analytics.model.CustomerValue.Predictions;
import org.rapport.analytics.model.GammaGamma;
import org.rapport.analytics.model.ModelFit;
import org.rapport.analytics.model.ParetoNbd;

/**
 * One run of the CLV pipeline — read, fit the purchase model (BG/NBD or Pareto/NBD), fit
 * Gamma-Gamma, predict, write — with the time each step took.
 */
final class ClvRun {

	final Map<String, Double> seconds = new LinkedHashMap<>();

	CustomerTable table;

	ModelFit purchases;

	ModelFit spend;

	private long mark = System.nanoTime();

	/**
	 * Fits and predicts; returns false (with no file written) when a fit did not
	 * converge.
	 */
	boolean run(ClvArguments arguments) throws IOException {
		this.table = (arguments.summary() != null) ? SummaryFile.read(arguments.summary())
				: TransactionFile.read(arguments.transactions(), arguments.calibrationEnd(), arguments.unit());
		lap("read");
		PurchaseModelName model = arguments.model();
		this.purchases = (model == PurchaseModelName.PARETO_NBD) ? ParetoNbd.fit(this.table.summaries())
				: BgNbd.fit(this.table.summaries());
		lap("fit_" + model.key());
		if (this.table.monetary() != null && hasRepeatBuyers()) {
			this.spend = GammaGamma.fit(this.table.summaries().frequency(), this.table.monetary(), null);
			lap("fit_gamma_gamma");
		}
		if (!this.purchases.converged() || this.spend != null && !this.spend.converged()) {
			return false;
		}
		GammaGamma spendModel = (this.spend != null) ? GammaGamma.of(this.spend) : null;
		if (spendModel != null && !(spendModel.q() > 1)) {
			throw new IllegalStateException("the fitted Gamma-Gamma q = " + spendModel.q()
					+ " is not above 1, so the mean spend is not finite; CLV cannot be computed");
		}
		Horizon horizon = new Horizon(arguments.predictPeriods(), arguments.clvMonths(), arguments.unit().monthLength(),
				arguments.discount());
		Predictions predictions = (model == PurchaseModelName.PARETO_NBD)
				? CustomerValue.predict(ParetoNbd.of(this.purchases), spendModel, this.table.summaries(),
						this.table.monetary(), horizon)
				: CustomerValue.predict(BgNbd.of(this.purchases), spendModel, this.table.summaries(),
						this.table.monetary(), horizon);
		lap("predict_and_clv");
		ResultFile.write(arguments.out(), this.table.ids(), predictions);
		lap("write");
		return true;
	}

	private boolean hasRepeatBuyers() {
		for (int x : this.table.summaries().frequency()) {
			if (x > 0) {
				return true;
			}
		}
		return false;
	}

	private void lap(String step) {
		long now = System.nanoTime();
		this.seconds.put(step, (now - this.mark) / 1e9);
		this.mark = now;
	}

}
