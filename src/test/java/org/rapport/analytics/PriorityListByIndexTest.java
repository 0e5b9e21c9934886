package org.rapport.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.Plans;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk × value priority list (the start page's "Needs attention" and the customer
 * list in priority order) reads a run's scores from the partition's index in its order,
 * not by sorting every score of the run (ADR 0069).
 */
@IntegrationTest
class PriorityListByIndexTest {

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
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theFirstPageOfThePriorityListIsReadFromTheRunsIndexWithoutASort() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID buyer = fx.customer("Prioritised");
		// the fixture records a purchase at noon of its day: yesterday's is past at any
		// hour
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		fx.purchases(buyer, "25.00", yesterday.minusDays(60).toString(), yesterday.toString());
		AnalyticsRun run = this.analytics.runAll(RunListener.NONE);
		ScoreFilter priority = new ScoreFilter(run.id(), null, null, null, null, null, null, null, null, null, null,
				ScoreFilter.Order.PRIORITY);

		String plan = Plans.of(this.jdbc, this.transactions, ScoreQueries.page(priority),
				Map.of("run", run.id(), "limit", 10, "offset", 0L));

		// read in the index's order; ties on its two keys are ordered as they come (an
		// incremental sort), never the run's every row at once
		assertThat(plan).as(plan)
			.contains(new ScorePartition(run.id()).priorityIndex())
			.doesNotContainPattern("(?m)(^|->\\s+)Sort\\s+\\(")
			.doesNotContain("Seq Scan");
	}

	@Test
	void thePartitionsPriorityIndexHasTheListsFirstTwoKeys() {
		assertThat(ScorePartition.PRIORITY_KEY).isEqualTo("(CASE risk_category WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 "
				+ "WHEN 'CHURNED' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END), predicted_clv DESC NULLS LAST");
		assertThat(ScoreQueries.priority("s.")).startsWith("CASE s.risk_category WHEN 'HIGH' THEN 0")
			.endsWith("END, s.predicted_clv DESC NULLS LAST, s.revenue DESC, s.customer_id");
	}

}
