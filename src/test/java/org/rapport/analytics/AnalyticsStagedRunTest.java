package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

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
 * A run stages its base rows, learns in memory and writes each row once (docs/adr/0030):
 * the rows it stores are those the incremental path (base statement, stored model,
 * scoring update) stores for the same customers, and its cut points and thresholds are
 * those PostgreSQL's ntile and percentile_cont give.
 */
@IntegrationTest
class AnalyticsStagedRunTest {

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
	Learners learners;

	@Autowired
	ValuePredictor predictor;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRowsARunWritesOnceAreThoseTheIncrementalPathStoresForTheSameCustomers() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> ids = new ArrayList<>(PredictedBuyers.record(fx, "S"));
		fx.contact(ids.get(0), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 10));
		fx.contact(ids.get(1), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 2));
		fx.contact(ids.get(2), "CALL", "phone", "2025-12-10", "REFUSED", null);
		fx.contact(ids.get(3), "SERVICE_REQUEST", "phone", "2025-11-20", "PENDING", null);
		UUID visitor = fx.customer("S-visitor");
		fx.contact(visitor, "VISIT", "store", "2025-12-05", null, null);
		ids.add(visitor);
		ids.add(fx.customer("S-prospect"));

		AnalyticsRun run = this.analytics.runFor(ids, AS_OF);
		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(run.predictionsUnavailable()).isNull();
		Map<UUID, Map<String, Object>> written = rows(run.id());
		assertThat(written).hasSize(ids.size());
		assertThat(written.values()).allSatisfy((row) -> {
			assertThat(row.get("model_version")).isEqualTo(run.modelVersion());
			assertThat(row.get("computed_at")).isNotNull();
		});
		assertThat(written.values()).filteredOn((row) -> ((Number) row.get("purchases")).intValue() > 0)
			.allSatisfy((row) -> {
				assertThat(row.get("class_index")).isNotNull();
				assertThat(row.get("p_alive")).isNotNull();
				assertThat(row.get("r_score")).isNotNull();
			});

		// Rescore every customer of the run with the incremental path's statements.
		UUID[] all = ids.toArray(UUID[]::new);
		this.scores.base(run.id(), run.modelVersion(), AS_OF, all);
		this.learners.predictions().predictStored(run.id(), all, this.predictor);
		this.scores.score(run.id(), all);
		this.learners.classes().assign(run.id(), all);
		this.learners.churn().score(run.id(), all);
		Map<UUID, Map<String, Object>> rescored = rows(run.id());

		for (UUID id : ids) {
			Map<String, Object> once = new TreeMap<>(written.get(id));
			Map<String, Object> again = new TreeMap<>(rescored.get(id));
			// predictions from the stored parameters agree with the fit's to their stored
			// precision, up to one unit in the last place
			for (String column : List.of("expected_purchases", "p_alive", "predicted_clv")) {
				assertThat(close(once.remove(column), again.remove(column))).as(column + " of " + id).isTrue();
			}
			assertThat(once).as("row of " + id).isEqualTo(again);
		}
	}

	private static boolean close(Object a, Object b) {
		if (a == null || b == null) {
			return a == b;
		}
		BigDecimal x = (BigDecimal) a;
		BigDecimal y = (BigDecimal) b;
		return x.subtract(y).abs().compareTo(x.ulp().max(y.ulp())) <= 0;
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

	@Test
	void cutPointsAndThresholdsAreThoseOfNtileAndPercentileCont() {
		SplittableRandom random = new SplittableRandom(5);
		for (int n : new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 12, 101, 1_003 }) {
			double[] values = new double[n];
			String[] text = new String[n];
			for (int i = 0; i < n; i++) {
				// two decimals with many ties, negative values too
				BigDecimal v = BigDecimal.valueOf(random.nextInt(-300, 3_000), 2);
				if (random.nextInt(3) == 0) {
					v = v.setScale(0, RoundingMode.DOWN).setScale(2);
				}
				values[i] = v.doubleValue();
				text[i] = v.toPlainString();
			}
			for (int bins : new int[] { 2, 5, 10 }) {
				List<BigDecimal> sql = this.jdbc.sql("""
						SELECT max(k) FROM (SELECT v AS k, ntile(:bins) OVER (ORDER BY v) AS bin
						  FROM unnest(CAST(:values AS numeric[])) v) t GROUP BY bin ORDER BY bin""")
					.param("bins", bins)
					.param("values", text)
					.query(BigDecimal.class)
					.list();
				List<BigDecimal> expected = sql.isEmpty() ? sql : sql.subList(0, sql.size() - 1);
				assertThat(Cuts.uppers(values, n, bins, 2)).as(n + " values in " + bins + " bins")
					.containsExactlyElementsOf(expected);
			}
			for (double q : new double[] { 0.5, 0.3, 0.9 }) {
				Double sql = this.jdbc.sql(
						"SELECT percentile_cont(:q) WITHIN GROUP (ORDER BY v) FROM unnest(CAST(:values AS numeric[])) v")
					.param("q", q)
					.param("values", text)
					.query((rs, row) -> rs.getObject(1) == null ? null : rs.getDouble(1))
					.list()
					.get(0);
				double java = Cuts.percentile(values, n, q);
				if (sql == null) {
					assertThat(java).isNaN();
				}
				else {
					assertThat(java).as(n + " values at " + q).isEqualTo(sql);
				}
			}
		}
	}

	@Test
	void aScoreCountsTheCutPointsBelowTheValueWhateverTheTies() {
		SplittableRandom random = new SplittableRandom(9);
		for (int n : new int[] { 1, 2, 5, 40, 301 }) {
			String[] values = new String[n];
			for (int i = 0; i < n; i++) {
				values[i] = BigDecimal.valueOf(random.nextInt(-50, 50), 1).toPlainString();
			}
			double[] doubles = java.util.Arrays.stream(values).mapToDouble(Double::parseDouble).toArray();
			String[] cuts = Cuts.uppers(doubles, n, 5, 1)
				.stream()
				.map(BigDecimal::toPlainString)
				.toArray(String[]::new);
			// the width_bucket form of the scoring statement against a plain count
			List<Boolean> agree = this.jdbc.sql("""
					WITH c AS (SELECT CAST(:cuts AS numeric[]) AS cuts),
					l AS (SELECT cuts, coalesce(cardinality(cuts), 0) AS n,
					  ARRAY(SELECT -u FROM unnest(cuts) u ORDER BY 1) AS low FROM c)
					SELECT (SELECT count(*) FROM unnest(l.cuts) u WHERE u < v)
					  = l.n - CASE WHEN l.n = 0 THEN 0 ELSE width_bucket(-v, l.low) END
					FROM unnest(CAST(:values AS numeric[])) v CROSS JOIN l""")
				.param("cuts", cuts)
				.param("values", values)
				.query(Boolean.class)
				.list();
			assertThat(agree).as(n + " values, cuts " + List.of(cuts)).hasSize(n).containsOnly(true);
		}
	}

	@Test
	void theRuleTablesReadBySubscriptGiveWhatTheirJoinsGiveForEveryKeyAndNothingOutside() {
		// the full run's scoring statement reads the rule tables as arrays by subscript,
		// the incremental path joins their rows (docs/adr/0057); keys from 0 to 6 (and
		// band and signals from -1 to 3) include those no row has
		List<Boolean> segments = this.jdbc.sql("""
				SELECT (%s)[r][f][m] IS NOT DISTINCT FROM seg.segment
				FROM generate_series(0, 6) r CROSS JOIN generate_series(0, 6) f CROSS JOIN generate_series(0, 6) m
				  LEFT JOIN %s AS seg(r5, f5, m5, segment) ON seg.r5 = r AND seg.f5 = f AND seg.m5 = m
				""".formatted(RfmSegment.sqlArray(), RfmSegment.sqlValues())).query(Boolean.class).list();
		assertThat(segments).hasSize(343).containsOnly(true);
		List<Boolean> classes = this.jdbc.sql("""
				SELECT (%s)[l::int + 1][p::int + 1] IS NOT DISTINCT FROM lc.class
				FROM unnest(ARRAY[false, true]) l CROSS JOIN unnest(ARRAY[false, true]) p
				  LEFT JOIN %s AS lc(loyal, profitable, class) ON lc.loyal = l AND lc.profitable = p
				""".formatted(LoyaltyClass.sqlArray(), LoyaltyClass.sqlValues())).query(Boolean.class).list();
		assertThat(classes).hasSize(4).containsOnly(true);
		List<Boolean> risks = this.jdbc
			.sql("""
					SELECT (%s)[b + 1][g + 1][l::int + 1] IS NOT DISTINCT FROM rk.category
					FROM generate_series(-1, 3) b CROSS JOIN generate_series(-1, 3) g
					  CROSS JOIN unnest(ARRAY[false, true]) l
					  LEFT JOIN %s AS rk(band, signals, lapsed, category) ON rk.band = b AND rk.signals = g AND rk.lapsed = l
					"""
				.formatted(RiskCategory.sqlArray(), RiskCategory.sqlValues()))
			.query(Boolean.class)
			.list();
		assertThat(risks).hasSize(50).containsOnly(true);
		List<String> found = this.jdbc
			.sql("SELECT (%s)[5][5][5] || ' ' || (%s)[1][1][1] || ' ' || (%s)[3][3][2]".formatted(RfmSegment.sqlArray(),
					RfmSegment.sqlArray(), RiskCategory.sqlArray()))
			.query(String.class)
			.list();
		assertThat(found).containsExactly("CHAMPIONS LOST CHURNED");
	}

}
