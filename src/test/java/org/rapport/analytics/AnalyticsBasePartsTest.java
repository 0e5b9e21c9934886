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
 * A full run's base rows are staged in parts by range of customer id from more than one
 * connection at once (docs/adr/0053): every active customer is staged once whichever way
 * the population is split, the numbers rise with the ids across the parts, and the run's
 * final rows are those of the one statement.
 */
@IntegrationTest
class AnalyticsBasePartsTest {

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
	void aFullRunsRowsAreTheSameWhicheverWayItsBaseRowsAreSplitIntoParts() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> ids = new ArrayList<>(PredictedBuyers.record(fx, "P"));
		fx.contact(ids.get(0), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 10));
		fx.contact(ids.get(1), "CALL", "phone", "2025-12-10", "REFUSED", null);
		fx.customer("P-prospect");
		long active = this.jdbc.sql("SELECT count(*) FROM customer WHERE status = 'ACTIVE'").query(Long.class).single();

		List<Map<UUID, Map<String, Object>>> written = new ArrayList<>();
		// the one statement; two parts by two connections; five by three; as many parts
		// as customers or more, by two
		for (int[] split : new int[][] { { 1, 1 }, { 2, 2 }, { 5, 3 }, { 4_096, 2 } }) {
			AnalyticsRun run = this.runs.start(null, AS_OF, "parts-test", "test");
			this.runs.cuts(run.id(), decimals("30", "90", "180", "365"), decimals("1", "2", "3", "5"),
					decimals("20", "50", "100", "200"), new BigDecimal("0.5"), new BigDecimal("60"));
			List<Integer> progress = new ArrayList<>();
			try (StagedRun staged = new StagedRun(this.dataSource, run.id())) {
				int customers = staged.base(this.scores, AS_OF, split[0], split[1]);
				assertThat(customers).isEqualTo(active);
				if (split[0] > 1) {
					// committed by the parts' stagers: every customer once, numbers
					// rising
					// with the ids
					assertThat(numbersRiseWithTheIds(new StagedTables(run.id()).base())).isTrue();
				}
				Buyers buyers = staged.buyers(customers, new BuyerDays(), AS_OF);
				// learned values by the buyer's place in id order, not by its number
				double[] e = new double[buyers.size()];
				double[] a = new double[buyers.size()];
				double[] c = new double[buyers.size()];
				int[] k = new int[buyers.size()];
				for (int i = 0; i < buyers.size(); i++) {
					e[i] = i / 7.0;
					a[i] = 1.0 / (i + 2);
					c[i] = i * 13.37;
					k[i] = i % 3;
				}
				staged.learned(buyers, e, a, c, k);
				staged.write(run, ChurnScoring.columns(null), customers, 7, 2, this.settings, progress::add);
				staged.attach(run.id());
				staged.commit();
			}
			assertThat(progress).isSorted().last().isEqualTo((int) active);
			written.add(rows(run.id()));
			this.runs.fail(run.id(), "compared");
		}
		assertThat(written.get(0)).hasSize((int) active).containsKeys(ids.toArray(UUID[]::new));
		assertThat(written.get(1)).isEqualTo(written.get(0));
		assertThat(written.get(2)).isEqualTo(written.get(0));
		assertThat(written.get(3)).isEqualTo(written.get(0));
	}

	private boolean numbersRiseWithTheIds(String base) {
		return this.jdbc.sql("""
				SELECT count(*) = count(DISTINCT customer_id) AND count(*) = count(DISTINCT n)
				  AND coalesce(bool_and(before IS NULL OR before < customer_id), TRUE)
				FROM (SELECT n, customer_id, lag(customer_id) OVER (ORDER BY n) AS before FROM %s) t
				""".formatted(base)).query(Boolean.class).single();
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
