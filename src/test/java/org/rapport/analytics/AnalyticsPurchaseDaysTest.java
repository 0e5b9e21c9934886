package org.rapport.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full run counts a buyer's distinct purchase days from the months read beside the base
 * rows (docs/adr/0040): the days it stores and feeds the value model are those the base
 * statement of the incremental path counts, also for a buyer the months did not see.
 */
@IntegrationTest
class AnalyticsPurchaseDaysTest {

	static final Instant AS_OF = PredictedBuyers.AS_OF;

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
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRunStoresTheDistinctPurchaseDaysOverMonthsAsTheIncrementalPathCountsThem() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID often = fx.customer("Days-often");
		fx.purchases(often, "10.00", "2025-10-05", "2025-10-05", "2025-10-31", "2025-11-01", "2025-11-01",
				"2025-12-15");
		UUID once = fx.customer("Days-once");
		fx.purchases(once, "20.00", "2025-11-20", "2025-11-20");
		UUID prospect = fx.customer("Days-prospect");

		AnalyticsRun run = this.analytics.runFor(List.of(often, once, prospect), AS_OF);

		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(days(run.id(), often)).isEqualTo(4);
		assertThat(days(run.id(), once)).isEqualTo(1);
		assertThat(days(run.id(), prospect)).isZero();
		this.scores.base(run.id(), run.modelVersion(), AS_OF, new UUID[] { often, once, prospect });
		assertThat(days(run.id(), often)).isEqualTo(4);
		assertThat(days(run.id(), once)).isEqualTo(1);
		assertThat(days(run.id(), prospect)).isZero();
	}

	@Test
	void aBuyerTheMonthsDidNotSeeHasTheDaysCountedWhenTheBuyersAreRead() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID often = fx.customer("Unseen-often");
		fx.purchases(often, "10.00", "2025-10-05", "2025-10-05", "2025-10-31", "2025-11-01");
		UUID once = fx.customer("Unseen-once");
		fx.purchases(once, "20.00", "2025-11-20", "2025-11-20");
		UUID[] scope = { often, once };

		try (StagedRun staged = new StagedRun(this.dataSource, UUID.randomUUID())) {
			staged.base(this.scores, AS_OF, scope);
			Buyers counted = staged.buyers(2, new BuyerDays(), AS_OF);
			PurchaseMonths months = new PurchaseMonths(AS_OF, 12, 365, 5);
			Buyers beside = staged.buyers(2, StagedRun.months(this.dataSource, AS_OF, scope, months), AS_OF);

			assertThat(counted.size()).isEqualTo(2);
			for (Buyers buyers : List.of(counted, beside)) {
				int oftenAt = position(often, once);
				int onceAt = 1 - oftenAt;
				assertThat(buyers.days(oftenAt)).isEqualTo(3);
				assertThat(buyers.column(Buyers.X)[oftenAt]).isEqualTo(2.0);
				assertThat(buyers.column(Buyers.TX)[oftenAt]).isEqualTo(27.0);
				// two purchases on one day: no repeat day, no time between repeat days
				assertThat(buyers.days(onceAt)).isEqualTo(1);
				assertThat(buyers.column(Buyers.X)[onceAt]).isZero();
				assertThat(buyers.column(Buyers.TX)[onceAt]).isZero();
			}
		}
	}

	/**
	 * The position of the first of two buyers among them as read: in customer-id order,
	 * as PostgreSQL orders uuids.
	 */
	private static int position(UUID first, UUID second) {
		return BuyerDays.compare(first.getMostSignificantBits(), first.getLeastSignificantBits(),
				second.getMostSignificantBits(), second.getLeastSignificantBits()) < 0 ? 0 : 1;
	}

	private int days(UUID run, UUID customer) {
		return this.jdbc.sql("SELECT purchase_days FROM analytics_customer_score WHERE run_id = ? AND customer_id = ?")
			.params(run, customer)
			.query(Integer.class)
			.single();
	}

}
