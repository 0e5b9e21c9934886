package org.rapport.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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
import static org.awaitility.Awaitility.await;

/**
 * Every run's scores live in a partition of their own (docs/adr/0032): a completed run's
 * rows are read through analytics_customer_score with the partition's indexes adopted, a
 * superseded run goes with its partition, a failed run leaves none, and the incremental
 * update rewrites the current run's rows in place.
 */
@IntegrationTest
class AnalyticsScorePartitionTest {

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

	AnalyticsFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	private static String daysAgo(int days) {
		return LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
	}

	@Test
	void aSupersededRunsRowsGoWithItsPartitionAndReadersSeeTheLatestRun() {
		UUID buyer = this.fx.customer("Partitioned");
		this.fx.purchases(buyer, "25.00", daysAgo(40), daysAgo(20));

		AnalyticsRun first = this.analytics.runAll(RunListener.NONE);
		assertThat(first.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(attached(first.id())).isTrue();
		// the partition's own indexes were adopted by the partitioned table's, none built
		// twice
		assertThat(indexes(first.id())).isEqualTo(3);
		assertThat(adoptedIndexes(first.id())).isEqualTo(3);
		// one customer's rows in every partition are found by the key (merges, erasure)
		assertThat(primaryKey(first.id())).containsExactly("customer_id", "run_id");

		AnalyticsRun second = this.analytics.runAll(RunListener.NONE);
		assertThat(second.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(this.analytics.run(first.id()).orElseThrow().status()).isEqualTo(AnalyticsRun.Status.SUPERSEDED);
		assertThat(exists(first.id())).isFalse();
		assertThat(rows(first.id())).isZero();
		assertThat(attached(second.id())).isTrue();
		assertThat(rows(second.id())).isEqualTo(second.customersTotal());

		assertThat(this.analytics.current().orElseThrow().id()).isEqualTo(second.id());
		CustomerScores scores = this.analytics.customer(null, buyer).orElseThrow();
		assertThat(scores.runId()).isEqualTo(second.id());
		assertThat(scores.purchases()).isEqualTo(2);
	}

	@Test
	void aFailedRunLeavesNoPartitionAndTheCurrentRunStaysReadable() {
		UUID buyer = this.fx.customer("Kept");
		this.fx.purchases(buyer, "30.00", daysAgo(15));
		AnalyticsRun current = this.analytics.runAll(RunListener.NONE);
		assertThat(current.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);

		// fails after the first range of rows is written into the run's table
		AnalyticsRun failed = this.analytics.runAll(new RunListener() {
			@Override
			public void progress(AnalyticsRun run) {
				throw new IllegalStateException("stopped while writing");
			}
		});

		assertThat(failed.status()).isEqualTo(AnalyticsRun.Status.FAILED);
		assertThat(failed.error()).contains("stopped while writing");
		assertThat(exists(failed.id())).isFalse();
		assertThat(rows(failed.id())).isZero();
		assertThat(this.analytics.current().orElseThrow().id()).isEqualTo(current.id());
		assertThat(this.analytics.customer(null, buyer).orElseThrow().runId()).isEqualTo(current.id());
	}

	@Test
	void theIncrementalUpdateRewritesTheCurrentRunsRowsInItsPartition() {
		UUID buyer = this.fx.customer("Rewritten");
		this.fx.purchases(buyer, "10.00", daysAgo(30));
		AnalyticsRun run = this.analytics.runAll(RunListener.NONE);
		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		String partition = new ScorePartition(run.id()).table();

		this.fx.purchases(buyer, "50.00", daysAgo(2));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.analytics.updateDirty();
			assertThat(this.jdbc.sql("SELECT purchases FROM " + partition + " WHERE customer_id = ?")
				.param(buyer)
				.query(Integer.class)
				.single()).isEqualTo(2);
		});
		CustomerScores scores = this.analytics.customer(null, buyer).orElseThrow();
		assertThat(scores.runId()).isEqualTo(run.id());
		assertThat(scores.revenue()).isEqualByComparingTo("60.00");
		assertThat(scores.computedAt()).isAfter(run.asOf());
	}

	private boolean exists(UUID run) {
		return this.jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
			.param(new ScorePartition(run).table())
			.query(Boolean.class)
			.single();
	}

	private boolean attached(UUID run) {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass(?)
				  AND inhparent = 'analytics_customer_score'::regclass""")
			.param(new ScorePartition(run).table())
			.query(Long.class)
			.single() == 1;
	}

	private long indexes(UUID run) {
		return this.jdbc.sql("SELECT count(*) FROM pg_index WHERE indrelid = to_regclass(?)")
			.param(new ScorePartition(run).table())
			.query(Long.class)
			.single();
	}

	private List<String> primaryKey(UUID run) {
		return this.jdbc.sql("""
				SELECT a.attname FROM pg_index x, unnest(x.indkey) WITH ORDINALITY AS k(attnum, position)
				  JOIN pg_attribute a ON a.attnum = k.attnum
				WHERE x.indrelid = to_regclass(?) AND x.indisprimary AND a.attrelid = x.indrelid
				ORDER BY k.position""").param(new ScorePartition(run).table()).query(String.class).list();
	}

	private long adoptedIndexes(UUID run) {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_index x JOIN pg_inherits i ON i.inhrelid = x.indexrelid
				WHERE x.indrelid = to_regclass(?)""").param(new ScorePartition(run).table()).query(Long.class).single();
	}

	private long rows(UUID run) {
		return this.jdbc.sql("SELECT count(*) FROM analytics_customer_score WHERE run_id = ?")
			.param(run)
			.query(Long.class)
			.single();
	}

}
