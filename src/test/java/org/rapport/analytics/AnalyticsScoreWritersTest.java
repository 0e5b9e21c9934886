package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * A run's scores are written by more than one connection at once (docs/adr/0047): the
 * rows do not depend on how the ranges are split among the writers, the staged tables go
 * when the run's partition is attached, and the tables of a run that no longer runs are
 * dropped (by the failure path, or by the next full run after a crash) while those of a
 * running run are kept.
 */
@IntegrationTest
class AnalyticsScoreWritersTest {

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
	RunStore runs;

	@Autowired
	ScoreWriter scores;

	@Autowired
	AnalyticsSettings settings;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRunsScoresAreTheSameWhicheverWayTheRangesAreSplitAmongTheWriters() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> ids = new ArrayList<>(PredictedBuyers.record(fx, "W"));
		fx.contact(ids.get(0), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 10));
		fx.contact(ids.get(1), "CALL", "phone", "2025-12-10", "REFUSED", null);
		ids.add(fx.customer("W-prospect"));

		List<Map<UUID, Map<String, Object>>> written = new ArrayList<>();
		// one writer, one range; two writers, ranges of 4; three writers, ranges of 3
		for (int[] split : new int[][] { { 1, 1_000 }, { 2, 4 }, { 3, 3 } }) {
			AnalyticsRun run = this.runs.start(ids, AS_OF, "writers-test", "test");
			this.runs.cuts(run.id(), decimals("30", "90", "180", "365"), decimals("1", "2", "3", "5"),
					decimals("20", "50", "100", "200"), new BigDecimal("0.5"), new BigDecimal("60"));
			List<Integer> progress = new ArrayList<>();
			try (StagedRun staged = new StagedRun(this.dataSource, run.id())) {
				int customers = staged.base(this.scores, AS_OF, ids.toArray(UUID[]::new));
				assertThat(customers).isEqualTo(ids.size());
				Buyers buyers = staged.buyers(customers, new BuyerDays(), AS_OF);
				double[] e = new double[buyers.size()];
				double[] a = new double[buyers.size()];
				double[] c = new double[buyers.size()];
				int[] k = new int[buyers.size()];
				for (int i = 0; i < buyers.size(); i++) {
					int n = buyers.number(i);
					e[i] = n / 7.0;
					a[i] = 1.0 / (n + 1);
					c[i] = n * 13.37;
					k[i] = n % 3;
				}
				staged.learned(buyers, e, a, c, k);
				staged.write(run, ChurnScoring.columns(null), customers, split[1], split[0], this.settings,
						progress::add);
				staged.attach(run.id());
				staged.commit();
			}
			// every range reported once, the count growing to every customer
			assertThat(progress).isSorted().last().isEqualTo(ids.size());
			assertThat(progress).hasSize((ids.size() + split[1] - 1) / split[1]);
			assertThat(exists(new StagedTables(run.id()).base())).isFalse();
			assertThat(exists(new StagedTables(run.id()).learned())).isFalse();
			written.add(rows(run.id()));
		}
		assertThat(written.get(0)).hasSize(ids.size());
		assertThat(written.get(0).values()).filteredOn((row) -> ((Number) row.get("purchases")).intValue() > 0)
			.allSatisfy((row) -> {
				assertThat(row.get("r_score")).isNotNull();
				assertThat(row.get("p_alive")).isNotNull();
				assertThat(row.get("loyalty_class")).isNotNull();
			});
		assertThat(written.get(1)).isEqualTo(written.get(0));
		assertThat(written.get(2)).isEqualTo(written.get(0));
	}

	@Test
	void theTablesOfARunThatNoLongerRunsAreDroppedAndThoseOfARunningRunKept() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID buyer = fx.customer("Left-over");
		fx.purchases(buyer, "12.00", "2025-10-01", "2025-11-01");
		List<UUID> scope = List.of(buyer, fx.customer("Left-over-prospect"));

		// both runs stop after their scores are written and before they are attached, as
		// a crash would leave them: the staged tables and the scores' table committed
		AnalyticsRun crashed = writtenNotAttached(scope);
		AnalyticsRun running = writtenNotAttached(scope);
		this.jdbc.sql("UPDATE analytics_run SET status = 'FAILED' WHERE id = ?").param(crashed.id()).update();
		assertThat(tables(crashed.id())).containsOnly(true);

		assertThat(this.runs.dropLeftOvers()).isGreaterThanOrEqualTo(3);

		assertThat(tables(crashed.id())).containsOnly(false);
		assertThat(tables(running.id())).containsOnly(true);
		// the failure path drops the run's tables too
		this.runs.fail(running.id(), "stopped");
		assertThat(tables(running.id())).containsOnly(false);
	}

	private AnalyticsRun writtenNotAttached(List<UUID> scope) {
		AnalyticsRun run = this.runs.start(scope, AS_OF, "writers-test", "test");
		try (StagedRun staged = new StagedRun(this.dataSource, run.id())) {
			int customers = staged.base(this.scores, AS_OF, scope.toArray(UUID[]::new));
			Buyers buyers = staged.buyers(customers, new BuyerDays(), AS_OF);
			staged.learned(buyers, null, null, null, null);
			staged.write(run, ChurnScoring.columns(null), customers, 1, 2, this.settings, (done) -> {
			});
		}
		return run;
	}

	private List<Boolean> tables(UUID run) {
		StagedTables staged = new StagedTables(run);
		return List.of(exists(staged.base()), exists(staged.learned()), exists(new ScorePartition(run).table()));
	}

	private boolean exists(String table) {
		return this.jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(table).query(Boolean.class).single();
	}

	private static List<BigDecimal> decimals(String... values) {
		return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
	}

	private Map<UUID, Map<String, Object>> rows(UUID run) {
		Map<UUID, Map<String, Object>> rows = new TreeMap<>();
		this.jdbc.sql("""
				SELECT customer_id, model_version, computed_at, first_purchase_at, last_purchase_at, purchases,
				  purchase_days, revenue, average_basket, tenure_days, recency_days, mean_gap_days, purchase_rate,
				  has_contact, promoter, array_to_string(signals, ',') AS signals, r_score, f_score, m_score,
				  rfm_segment, lifecycle_stage, loyalty_class, risk_category,
				  array_to_string(risk_reasons, ',') AS risk_reasons, value_tier, expected_purchases, p_alive,
				  predicted_clv, class_index, churn_probability, array_to_string(churn_path, ',') AS churn_path
				FROM analytics_customer_score WHERE run_id = ?""").param(run).query((rs) -> {
			Map<String, Object> row = new TreeMap<>();
			for (int c = 2; c <= rs.getMetaData().getColumnCount(); c++) {
				row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
			}
			rows.put(rs.getObject(1, UUID.class), row);
		});
		return rows;
	}

}
