package org.rapport.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The seam for predicted values: a run hands the predictor each buyer's (x, t_x, T,
 * average spend) in days, stores its answers with the scores, and the risk category takes
 * the probability alive into account.
 */
@IntegrationTest
class ValuePredictorSeamTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Analytics analytics;

	@Autowired
	ScoreWriter scores;

	@Autowired
	PredictionWriter predictions;

	@Test
	void predictionsAreStoredWithTheScoresAndRaiseTheRiskWhenProbabilityAliveIsLow() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(fx.customer("P" + i));
		}
		ids.sort(Comparator.naturalOrder());
		fx.purchases(ids.get(0), "10.00", "2025-12-01", "2025-12-01", "2025-12-11");
		fx.purchases(ids.get(1), "30.00", "2025-11-01");
		fx.purchases(ids.get(2), "50.00", "2025-12-21", "2025-12-26");
		AnalyticsRun run = this.analytics.runFor(ids, Instant.parse("2026-01-01T00:00:00Z"));

		List<double[]> received = new ArrayList<>();
		ValuePredictor stub = new ValuePredictor() {
			@Override
			public Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend) {
				received.add(x);
				received.add(tx);
				received.add(t);
				received.add(averageSpend);
				return new Predictions(new double[] { 1.5, 0.25, 3 }, new double[] { 0.1, 0.5, 0.9 },
						new double[] { 12.345, 2, Double.NaN });
			}

			@Override
			public String version() {
				return "stub";
			}
		};
		assertThat(this.predictions.predict(run.id(), stub)).isTrue();
		this.scores.score(run.id(), ids.toArray(UUID[]::new));

		assertThat(received.get(0)).containsExactly(1, 0, 1);
		assertThat(received.get(1)).containsExactly(new double[] { 10, 0, 5 }, within(1e-9));
		assertThat(received.get(2)).containsExactly(new double[] { 30.5, 60.5, 10.5 }, within(1e-9));
		assertThat(received.get(3)).containsExactly(10, 30, 50);

		CustomerScores low = this.analytics.customer(run.id(), ids.get(0)).orElseThrow();
		assertThat(low.pAlive()).isEqualByComparingTo("0.1");
		assertThat(low.expectedPurchases()).isEqualByComparingTo("1.5");
		assertThat(low.predictedClv()).isEqualByComparingTo("12.35");
		assertThat(low.riskCategory()).isEqualTo(RiskCategory.HIGH);
		assertThat(low.riskReasons()).contains(RiskReason.LOW_PROBABILITY_ALIVE);
		CustomerScores middle = this.analytics.customer(run.id(), ids.get(1)).orElseThrow();
		assertThat(middle.riskCategory()).isEqualTo(RiskCategory.MEDIUM);
		CustomerScores high = this.analytics.customer(run.id(), ids.get(2)).orElseThrow();
		assertThat(high.riskCategory()).isEqualTo(RiskCategory.LOW);
		assertThat(high.predictedClv()).isNull();
		assertThat(this.analytics.clvDistribution(run.id()).buckets()).hasSize(2);
	}

}
