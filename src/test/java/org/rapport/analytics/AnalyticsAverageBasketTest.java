package org.rapport.analytics;

import java.time.Instant;
import java.util.ArrayList;
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

/**
 * A buyer's average basket in the scores, and the average spend the spend model is given,
 * is the revenue (business currency, EUR here) divided by the purchases it counts, those
 * in the business currency; purchases in other currencies still count as purchases (the F
 * of RFM, the stage) but not as money (docs/adr/0048).
 */
@IntegrationTest
class AnalyticsAverageBasketTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

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
	void theAverageBasketAndTheAverageSpendCountOnlyThePurchasesInTheBusinessCurrency() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID mixed = fx.customer("Mixed");
		UUID dollars = fx.customer("Dollars");
		UUID euros = fx.customer("Euros");
		fx.purchases(mixed, "100.00", "2025-11-01");
		fx.purchasesIn(mixed, "USD", "50.00", "2025-12-01");
		fx.purchasesIn(dollars, "USD", "50.00", "2025-11-15", "2025-12-15");
		fx.purchases(euros, "30.00", "2025-10-01", "2025-12-20");
		List<UUID> ids = List.of(mixed, dollars, euros);

		AnalyticsRun run = this.analytics.runFor(ids, AS_OF);

		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		CustomerScores m = scores(run, mixed);
		assertThat(m.purchases()).isEqualTo(2);
		assertThat(m.revenue()).isEqualByComparingTo("100.00");
		assertThat(m.averageBasket()).isEqualByComparingTo("100.00");
		CustomerScores d = scores(run, dollars);
		assertThat(d.purchases()).isEqualTo(2);
		assertThat(d.revenue()).isEqualByComparingTo("0.00");
		assertThat(d.averageBasket()).isNull();
		assertThat(scores(run, euros).averageBasket()).isEqualByComparingTo("30.00");

		// the incremental path derives the same
		this.scores.base(run.id(), run.modelVersion(), AS_OF, ids.toArray(UUID[]::new));
		assertThat(scores(run, mixed).averageBasket()).isEqualByComparingTo("100.00");
		assertThat(scores(run, dollars).averageBasket()).isNull();

		// the spend model is handed the same average spend (none: 0, left out of its fit)
		List<double[]> spend = new ArrayList<>();
		this.predictions.predict(run.id(), new ValuePredictor() {
			@Override
			public Predictions predict(double[] x, double[] tx, double[] t, double[] averageSpend) {
				spend.add(averageSpend);
				return new Predictions(new double[] { 1, 1, 1 }, new double[] { 0.5, 0.5, 0.5 },
						new double[] { 1, 1, 1 });
			}

			@Override
			public String version() {
				return "stub";
			}
		});
		assertThat(spend).hasSize(1);
		assertThat(spend.get(0)).containsExactlyInAnyOrder(100, 30, 0);
	}

	private CustomerScores scores(AnalyticsRun run, UUID customer) {
		return this.analytics.customer(run.id(), customer).orElseThrow();
	}

}
