package org.rapport.analytics.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Pareto/NBD: the published CDNOW fit (../shared/data/cdnow/README.md: r = 0.553, α =
 * 10.578, s = 0.606, β = 11.669, ln L = −9595.0, the values of Fader, Hardie &amp; Lee,
 * "A Note on Implementing the Pareto/NBD Model in MATLAB", 2005) is reproduced, simulated
 * customers give their parameters back, and the predictions keep their defining
 * properties.
 */
class ParetoNbdTest {

	static final ParetoNbd PUBLISHED = new ParetoNbd(0.553, 10.578, 0.606, 11.669);

	static ModelFit cdnow;

	@BeforeAll
	static void fit() {
		cdnow = ParetoNbd.fit(CdnowData.sample().summaries());
	}

	@Test
	void cdnowFitMatchesThePublishedParametersAndLogLikelihood() {
		assertThat(cdnow.converged()).isTrue();
		CdnowPublishedValuesTest.assertThreeSignificantDigits(cdnow.estimate("r"), 0.553);
		CdnowPublishedValuesTest.assertThreeSignificantDigits(cdnow.estimate("alpha"), 10.578);
		CdnowPublishedValuesTest.assertThreeSignificantDigits(cdnow.estimate("s"), 0.606);
		CdnowPublishedValuesTest.assertThreeSignificantDigits(cdnow.estimate("beta"), 11.669);
		assertThat(cdnow.logLikelihood()).isCloseTo(-9595.0, within(0.1));
	}

	@Test
	void publishedParametersGiveThePublishedLogLikelihood() {
		assertThat(PUBLISHED.logLikelihood(CdnowData.sample().summaries())).isCloseTo(-9595.0, within(0.1));
	}

	@Test
	void cdnowStandardErrorsArePositiveAndSmallerThanTheEstimates() {
		for (int i = 0; i < 4; i++) {
			assertThat(cdnow.standardErrors()[i]).as(cdnow.names().get(i))
				.isPositive()
				.isLessThan(cdnow.estimates()[i]);
		}
	}

	@Test
	void parametersAreRecoveredFromSimulatedCustomersWithinFourStandardErrors() {
		ParetoNbd truth = new ParetoNbd(0.55, 10.5, 0.6, 11.7);
		PurchaseSummaries population = new Simulation(11).draw(20_000, truth, 27, 39);
		ModelFit fit = ParetoNbd.fit(population);
		assertThat(fit.converged()).isTrue();
		double[] expected = { truth.r(), truth.alpha(), truth.s(), truth.beta() };
		for (int i = 0; i < 4; i++) {
			assertThat(fit.standardErrors()[i]).isPositive();
			assertThat(fit.estimates()[i]).as(fit.names().get(i))
				.isCloseTo(expected[i], within(4 * fit.standardErrors()[i]));
		}
	}

	@Test
	void aFitWarmStartedOnASampleReachesTheSameOptimumAsAColdOne() {
		PurchaseSummaries population = new Simulation(17).draw(12_000, PUBLISHED, 27, 39);
		ModelFit cold = ParetoNbd.fit(population);
		ModelFit warm = ParetoNbd.fit(population, 4_000);
		assertThat(warm.converged()).isTrue();
		assertThat(warm.logLikelihood()).isCloseTo(cold.logLikelihood(), within(1e-3));
		for (int i = 0; i < 4; i++) {
			assertThat(warm.estimates()[i]).as(warm.names().get(i))
				.isCloseTo(cold.estimates()[i], within(0.01 * cold.standardErrors()[i]));
			assertThat(warm.standardErrors()[i]).isCloseTo(cold.standardErrors()[i],
					within(0.01 * cold.standardErrors()[i]));
		}
	}

	@Test
	void likelihoodIsTheSameWhicheverOfAlphaAndBetaIsLarger() {
		// the two orderings use different series; at α = β both reduce to a plain power
		ParetoNbd below = new ParetoNbd(0.5, 10 - 1e-9, 0.7, 10);
		ParetoNbd above = new ParetoNbd(0.5, 10 + 1e-9, 0.7, 10);
		assertThat(below.logLikelihood(5, 20, 38)).isCloseTo(above.logLikelihood(5, 20, 38), within(1e-8));
		ParetoNbd swapped = new ParetoNbd(0.5, 30, 0.7, 3);
		double direct = Math.log(integral(swapped, 5, 20, 38));
		double bracket = ParetoNbdLikelihood.logGoneTerm(swapped, 5, 20, 38) - Math.log(swapped.s());
		assertThat(bracket).isCloseTo(direct, within(1e-9));
		ParetoNbd reversed = new ParetoNbd(0.5, 3, 0.7, 30);
		assertThat(ParetoNbdLikelihood.logGoneTerm(reversed, 5, 20, 38) - Math.log(reversed.s()))
			.isCloseTo(Math.log(integral(reversed, 5, 20, 38)), within(1e-9));
	}

	@Test
	void likelihoodStaysFiniteForManyPurchasesOverALongHistory() {
		double ll = PUBLISHED.logLikelihood(5_000, 2_999, 3_000);
		assertThat(ll).isFinite().isNegative();
		assertThat(PUBLISHED.probabilityAlive(5_000, 2_999, 3_000)).isBetween(0.0, 1.0);
	}

	@Test
	void customerWhoBoughtAtTheEndOfTheCalibrationIsCertainlyAlive() {
		assertThat(PUBLISHED.probabilityAlive(4, 30, 30)).isEqualTo(1.0);
		assertThat(PUBLISHED.probabilityAlive(4, 10, 30)).isLessThan(1.0).isPositive();
	}

	@Test
	void frequentBuyerWhoFellSilentIsLessLikelyAliveThanAnOccasionalOne() {
		assertThat(PUBLISHED.probabilityAlive(20, 10, 39)).isLessThan(PUBLISHED.probabilityAlive(1, 10, 39));
	}

	@Test
	void unconditionalExpectationOfAFreshCustomerEqualsTheConditionalOneAtZero() {
		assertThat(PUBLISHED.expectedPurchases(39, 0, 0, 0)).isCloseTo(PUBLISHED.expectedPurchases(39), within(1e-12));
		assertThat(PUBLISHED.expectedPurchases(0)).isZero();
	}

	@Test
	void expectationIsContinuousThroughSEqualToOne() {
		double at = new ParetoNbd(0.5, 10, 1.0, 12).expectedPurchases(52, 3, 20, 39);
		double below = new ParetoNbd(0.5, 10, 1.0 - 1e-7, 12).expectedPurchases(52, 3, 20, 39);
		double above = new ParetoNbd(0.5, 10, 1.0 + 1e-7, 12).expectedPurchases(52, 3, 20, 39);
		assertThat(at).isFinite().isCloseTo(below, within(1e-6)).isCloseTo(above, within(1e-6));
	}

	@Test
	void expectedPurchasesAgreeWithTheMeanOfSimulatedFutures() {
		// a population drawn at T = 0 and followed for 39 weeks: its mean count is
		// E[X(39)]
		ParetoNbd model = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
		PurchaseSummaries future = new Simulation(5).draw(200_000, model, 39, 39);
		double mean = 0;
		for (int x : future.frequency()) {
			mean += x;
		}
		mean /= future.size();
		assertThat(mean).isCloseTo(model.expectedPurchases(39), within(0.02));
	}

	@Test
	void expectationWhileAliveTimesProbabilityAliveIsTheConditionalExpectation() {
		double[] horizons = { 0, 4.345, 13.035, 39 };
		double[] out = new double[horizons.length];
		PUBLISHED.expectedWhileAlive(horizons, 2, 38.86, out);
		double alive = PUBLISHED.probabilityAlive(2, 30.43, 38.86);
		assertThat(out[0]).isZero();
		for (int k = 1; k < horizons.length; k++) {
			assertThat(alive * out[k]).isCloseTo(PUBLISHED.expectedPurchases(horizons[k], 2, 30.43, 38.86),
					within(1e-12));
			assertThat(out[k]).isGreaterThan(out[k - 1]);
		}
	}

	@Test
	void customerValueWithParetoNbdIsTheDiscountedSumOfMonthlyPurchasesTimesSpend() {
		GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
		CustomerValue.Horizon horizon = new CustomerValue.Horizon(39, 12, CustomerValue.MONTH_IN_WEEKS, 0.01);
		// two distinct (x, T) among eight: the series is shared per group; all
		// distinct: computed per customer
		PurchaseSummaries grouped = PurchaseSummaries.of(new int[] { 2, 2, 7, 2, 7, 2, 2, 7 },
				new double[] { 30.43, 10, 38, 30.43, 35, 0.5, 20, 12 },
				new double[] { 38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 38.86 });
		PurchaseSummaries distinct = PurchaseSummaries.of(new int[] { 2, 1, 0, 5 }, new double[] { 30.43, 4, 0, 21 },
				new double[] { 38.86, 20.5, 12.25, 33.3 });
		for (PurchaseSummaries data : new PurchaseSummaries[] { grouped, distinct }) {
			double[] meanSpend = new double[data.size()];
			java.util.Arrays.fill(meanSpend, 22.355);
			CustomerValue.Predictions p = CustomerValue.predict(PUBLISHED, spend, data, meanSpend, horizon);
			for (int i = 0; i < data.size(); i++) {
				int x = data.frequency()[i];
				double tx = data.recency()[i];
				double t = data.age()[i];
				double avg = spend.expectedAverageSpend(x, 22.355);
				double clv = 0;
				double previous = 0;
				for (int m = 1; m <= 12; m++) {
					double cumulative = PUBLISHED.expectedPurchases(m * CustomerValue.MONTH_IN_WEEKS, x, tx, t);
					clv += avg * (cumulative - previous) / Math.pow(1.01, m);
					previous = cumulative;
				}
				assertThat(p.expectedPurchases()[i]).isCloseTo(PUBLISHED.expectedPurchases(39, x, tx, t),
						within(1e-12));
				assertThat(p.probabilityAlive()[i]).isCloseTo(PUBLISHED.probabilityAlive(x, tx, t), within(1e-12));
				assertThat(p.expectedAverageSpend()[i]).isCloseTo(avg, within(1e-9));
				assertThat(p.clv()[i]).isCloseTo(clv, within(1e-9));
			}
		}
	}

	/** ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ by Simpson's rule with many panels. */
	private static double integral(ParetoNbd m, int x, double from, double to) {
		int panels = 20_000;
		double h = (to - from) / panels;
		double sum = 0;
		for (int k = 0; k <= panels; k++) {
			double tau = from + k * h;
			double f = Math.pow(m.alpha() + tau, -(m.r() + x)) * Math.pow(m.beta() + tau, -(m.s() + 1));
			sum += f * ((k == 0 || k == panels) ? 1 : (k % 2 == 1) ? 4 : 2);
		}
		return sum * h / 3;
	}

}
