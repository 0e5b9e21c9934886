package org.rapport.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ModelEdgeCasesTest {

	static final BgNbd CDNOW = new BgNbd(0.242593, 4.413597, 0.792920, 2.425891);

	@Test
	void customerWithoutRepeatPurchasesIsAliveForCertainAndExpectsFewerPurchasesTheLongerSheWaited() {
		assertThat(CDNOW.probabilityAlive(0, 0, 38)).isEqualTo(1.0);
		double young = CDNOW.expectedPurchases(39, 0, 0, 5);
		double old = CDNOW.expectedPurchases(39, 0, 0, 38);
		assertThat(young).isGreaterThan(old).isGreaterThan(0);
	}

	@Test
	void theChanceThatAOneTimeBuyerBuysAgainFallsTheLongerSheStaysSilent() {
		double soon = CDNOW.probabilityOfPurchaseWithin(52, 0, 0, 5);
		double late = CDNOW.probabilityOfPurchaseWithin(52, 0, 0, 38);
		double years = CDNOW.probabilityOfPurchaseWithin(52, 0, 0, 130);
		assertThat(soon).isGreaterThan(late).isGreaterThan(years).isGreaterThan(0);
		assertThat(CDNOW.probabilityAlive(0, 0, 130)).as("what the model fixes").isEqualTo(1.0);
		// for x = 0 the rate is Gamma(r, α + T): no purchase with probability ((α + T) /
		// (α + T + t))^r
		assertThat(years).isCloseTo(1 - Math.pow((CDNOW.alpha() + 130) / (CDNOW.alpha() + 130 + 52), CDNOW.r()),
				within(1e-12));
		assertThat(CDNOW.probabilityOfPurchaseWithin(0, 3, 10, 30)).isEqualTo(0.0);
	}

	@Test
	void theChanceOfBuyingAgainAgreesWithTheModelsPosteriorIntegratedNumerically() {
		int x = 3;
		double recency = 20;
		double age = 36;
		double t = 26;
		// P(no purchase | alive) = ∫ e^{−λt} Gamma(λ; r + x, α + T) dλ, by the midpoint
		// rule
		double shape = CDNOW.r() + x;
		double rate = CDNOW.alpha() + age;
		double none = 0;
		double step = 1e-5;
		double logNorm = shape * Math.log(rate) - SpecialFunctions.logGamma(shape);
		for (double lambda = step / 2; lambda < 20; lambda += step) {
			none += Math.exp(logNorm + (shape - 1) * Math.log(lambda) - rate * lambda - lambda * t) * step;
		}
		double alive = CDNOW.probabilityAlive(x, recency, age);
		assertThat(CDNOW.probabilityOfPurchaseWithin(t, x, recency, age)).isCloseTo(alive * (1 - none), within(1e-6));
		assertThat(CDNOW.probabilityOfPurchaseWithin(t, x, recency, age)).isLessThan(alive);
	}

	@Test
	void aNewCustomersChanceOfNoPurchaseIsTheModelsProbabilityOfNone() {
		assertThat(1 - CDNOW.probabilityOfPurchaseWithin(39, 0, 0, 0)).isCloseTo(CDNOW.probabilityOfPurchases(0, 39),
				within(1e-12));
	}

	@Test
	void lastPurchaseAtTheEndOfTheCalibrationLeavesOnlyTheDropOutAfterThatPurchase() {
		int x = 4;
		double expected = 1 / (1 + CDNOW.a() / (CDNOW.b() + x - 1));
		assertThat(CDNOW.probabilityAlive(x, 30, 30)).isCloseTo(expected, within(1e-15));
		assertThat(CDNOW.probabilityAlive(x, 10, 30)).isLessThan(expected);
	}

	@Test
	void expectationIsContinuousThroughAEqualToOne() {
		double at = new BgNbd(0.3, 5, 1.0, 2).expectedPurchases(20, 3, 12, 30);
		double below = new BgNbd(0.3, 5, 1.0 - 1e-7, 2).expectedPurchases(20, 3, 12, 30);
		double above = new BgNbd(0.3, 5, 1.0 + 1e-7, 2).expectedPurchases(20, 3, 12, 30);
		assertThat(at).isFinite().isCloseTo(below, within(1e-6)).isCloseTo(above, within(1e-6));
	}

	@Test
	void probabilitiesOfPurchaseCountsAddUpToOneAndToTheExpectation() {
		double total = 0;
		double mean = 0;
		for (int n = 0; n < 400; n++) {
			double p = CDNOW.probabilityOfPurchases(n, 20);
			total += p;
			mean += n * p;
		}
		assertThat(total).isCloseTo(1.0, within(1e-10));
		assertThat(mean).isCloseTo(CDNOW.expectedPurchases(20), within(1e-8));
	}

	@Test
	void expectationOverSeveralHorizonsEqualsOneHorizonAtATime() {
		double[] horizons = { 4.345, 8.69, 52.14, 200 };
		double[] together = new double[horizons.length];
		CDNOW.expectedPurchases(horizons, 7, 25, 38, together);
		for (int i = 0; i < horizons.length; i++) {
			assertThat(together[i]).isCloseTo(CDNOW.expectedPurchases(horizons[i], 7, 25, 38), within(1e-14));
		}
		assertThat(together).isSorted();
	}

	@Test
	void spendOfACustomerWithoutRepeatPurchasesIsThePopulationMean() {
		GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
		assertThat(spend.expectedAverageSpend(0, 0)).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
		assertThat(spend.expectedAverageSpend(50, 100)).isCloseTo(100, within(3.0));
	}

	@Test
	void emptyInputIsRefusedWithAClearMessage() {
		PurchaseSummaries none = PurchaseSummaries.of(new int[0], new double[0], new double[0]);
		assertThatIllegalArgumentException().isThrownBy(() -> BgNbd.fit(none)).withMessageContaining("no customers");
		assertThatIllegalArgumentException().isThrownBy(() -> GammaGamma.fit(new int[] { 0 }, new double[] { 0 }, null))
			.withMessageContaining("no customers with repeat purchases");
	}

	@Test
	void inconsistentSummaryIsRefusedNamingTheRow() {
		PurchaseSummaries bad = PurchaseSummaries.of(new int[] { 1, 2 }, new double[] { 3, 9 }, new double[] { 5, 8 });
		assertThatIllegalArgumentException().isThrownBy(() -> BgNbd.fit(bad)).withMessageContaining("row 1");
	}

	@Test
	void optimiserThatRunsOutOfIterationsSaysItDidNotConverge() {
		Objective rosenbrock = (v, g) -> {
			double x = v[0];
			double y = v[1];
			g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
			g[1] = 200 * (y - x * x);
			return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
		};
		Minimum stopped = new Bfgs(1e-10, 3, 3).minimise(rosenbrock, new double[] { -1.2, 1 });
		assertThat(stopped.converged()).isFalse();
		assertThat(stopped.message()).contains("iteration limit");
		Minimum solved = Bfgs.standard().minimise(rosenbrock, new double[] { -1.2, 1 });
		assertThat(solved.converged()).isTrue();
		assertThat(solved.point()[0]).isCloseTo(1.0, within(1e-6));
	}

	@Test
	void analyticGradientsAgreeWithFiniteDifferences() {
		CdnowData.Sample sample = CdnowData.sample();
		LogLikelihood bgNbd = new BgNbdLikelihood(sample.summaries());
		assertGradient(bgNbd, new double[] { 0.3, 5, 0.7, 2.5 });
		int[] x = sample.summaries().frequency();
		int n = 0;
		for (int v : x) {
			n += (v > 0) ? 1 : 0;
		}
		int[] xs = new int[n];
		double[] ms = new double[n];
		for (int i = 0, j = 0; i < x.length; i++) {
			if (x[i] > 0) {
				xs[j] = x[i];
				ms[j++] = sample.zbar()[i];
			}
		}
		assertGradient(new GammaGammaLikelihood(xs, ms, null), new double[] { 5, 3, 12 });
	}

	private static void assertGradient(LogLikelihood likelihood, double[] theta) {
		double[] analytic = new double[theta.length];
		likelihood.evaluate(theta, analytic);
		double[] numeric = new double[theta.length];
		NumericalGradient.of((t) -> likelihood.evaluate(t, new double[t.length]), theta, numeric);
		for (int i = 0; i < theta.length; i++) {
			assertThat(analytic[i]).as("component %d", i)
				.isCloseTo(numeric[i], within(1e-5 * Math.max(1, Math.abs(numeric[i]))));
		}
	}

}
