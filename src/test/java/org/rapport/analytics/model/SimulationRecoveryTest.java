package org.rapport.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Data drawn from known parameters give those parameters back, within a few standard
 * errors.
 */
class SimulationRecoveryTest {

	@Test
	void bgNbdAndGammaGammaParametersAreRecoveredFromSimulatedCustomers() {
		BgNbd truth = new BgNbd(0.243, 4.414, 0.793, 2.426);
		GammaGamma spendTruth = new GammaGamma(6.25, 3.74, 15.44);
		Simulation.Population population = new Simulation(42).draw(60_000, truth, spendTruth, 27, 39);

		ModelFit fit = BgNbd.fit(population.summaries());
		assertThat(fit.converged()).isTrue();
		assertWithin(fit, new double[] { truth.r(), truth.alpha(), truth.a(), truth.b() });

		ModelFit spend = GammaGamma.fit(population.summaries().frequency(), population.meanSpend(), null);
		assertThat(spend.converged()).isTrue();
		assertWithin(spend, new double[] { spendTruth.p(), spendTruth.q(), spendTruth.gamma() });
	}

	@Test
	void aLargePopulationIsFittedFromAWarmStartToTheSameOptimum() {
		BgNbd truth = new BgNbd(0.5, 10, 1.5, 4);
		Simulation.Population population = new Simulation(7).draw(250_000, truth, null, 10, 52);
		ModelFit fit = BgNbd.fit(population.summaries());
		assertThat(fit.converged()).isTrue();
		assertWithin(fit, new double[] { 0.5, 10, 1.5, 4 });
		double[] gradient = new double[4];
		new BgNbdLikelihood(population.summaries()).evaluate(fit.estimates(), gradient);
		for (int i = 0; i < 4; i++) {
			assertThat(gradient[i] * fit.estimates()[i] / 250_000).isCloseTo(0.0, within(1e-7));
		}
	}

	private static void assertWithin(ModelFit fit, double[] truth) {
		for (int i = 0; i < truth.length; i++) {
			assertThat(fit.standardErrors()[i]).isPositive();
			assertThat(fit.estimates()[i]).as("%s", fit.names().get(i))
				.isCloseTo(truth[i], within(4 * fit.standardErrors()[i]));
		}
	}

}
