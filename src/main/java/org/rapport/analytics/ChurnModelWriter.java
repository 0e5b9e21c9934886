package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.analytics.learn.ChurnEvaluation;
import org.rapport.analytics.learn.ChurnHoldout;
import org.rapport.analytics.learn.ChurnRule;
import org.rapport.analytics.learn.ChurnTree;
import org.rapport.analytics.learn.TreeOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trains the run's explanatory churn model on past snapshots ({@link ChurnSnapshots})
 * with a time-based holdout ({@link ChurnHoldout}: the last {@code churn-test-months}
 * snapshots are the test period) and stores it with the run; every buyer gets the churn
 * probability and path of the tree ({@link ChurnScoring}) in the run's scoring statement,
 * and customers rescored later from the stored tree. Too few rows, or one label only,
 * leave the model unavailable with the reason; the run goes on.
 */
@Component
class ChurnModelWriter {

	private final JdbcClient jdbc;

	private final ChurnSnapshots snapshots;

	private final AnalyticsSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	ChurnModelWriter(JdbcClient jdbc, ChurnSnapshots snapshots, AnalyticsSettings settings, JsonMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	/** How many of the run's buyers the model is trained on. */
	int customers() {
		return this.snapshots.customers();
	}

	/**
	 * Trains and stores the model on the run's sampled buyers (drawn by the run with
	 * {@code md5(customer id || seed)} order, {@link #customers()} of them); answers the
	 * tree, or nothing when it could not be trained (the reason is stored). The caller
	 * applies it ({@link ChurnScoring}).
	 */
	Optional<ChurnTree> train(UUID run, Instant asOf, UUID[] sample) {
		ChurnSnapshots.Rows rows = this.snapshots.rows(sample, asOf);
		LocalDate cutOff = rows.last().minusMonths(this.settings.churnTestMonths());
		Period horizon = Period.ofDays(this.settings.churnHorizonDays());
		ChurnEvaluation evaluation;
		try {
			ChurnHoldout.Split split = ChurnHoldout.split(rows.rows(), cutOff, horizon);
			int minLeaf = Math.max(1, Math.min(100, split.training().size() / 20));
			evaluation = ChurnHoldout.evaluate(rows.rows(), ChurnSnapshots.FEATURES, 0, cutOff, horizon,
					new TreeOptions(4, minLeaf));
		}
		catch (IllegalArgumentException ex) {
			save(run, rows, cutOff, null, "churn model not trained: " + ex.getMessage());
			return Optional.empty();
		}
		save(run, rows, cutOff, evaluation, null);
		return Optional.of(evaluation.tree());
	}

	/** Applies the run's stored tree to the given customers. */
	void score(UUID run, UUID[] ids) {
		tree(run).ifPresent((tree) -> ChurnScoring.apply(this.jdbc, run, tree, ids));
	}

	Optional<ChurnModel> find(UUID run) {
		return this.jdbc.sql("""
				SELECT trained_at, horizon_days, first_snapshot, last_snapshot, cut_off, sampled_customers,
				  training_rows, test_rows, training_churn_rate, test_churn_rate, tree_auc, baseline_auc, features,
				  tree, rules, unavailable FROM analytics_churn_model WHERE run_id = ?""").param(run).query((rs, n) -> {
			String text = rs.getString(14);
			ChurnTree tree = text == null ? null : this.json.readValue(text, ChurnTree.class);
			return new ChurnModel(run, RunStore.instant(rs, 1), rs.getInt(2), rs.getObject(3, LocalDate.class),
					rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getInt(7),
					rs.getInt(8), number(rs.getBigDecimal(9)), number(rs.getBigDecimal(10)),
					number(rs.getBigDecimal(11)), number(rs.getBigDecimal(12)),
					List.of((String[]) rs.getArray(13).getArray()),
					tree == null ? List.of() : tree.rules().stream().map(ChurnRule::text).toList(), rs.getString(15),
					tree == null ? null : ChurnScoring.node(tree, tree.root()), rs.getString(16));
		}).optional();
	}

	/** The rules of the run's stored tree, highest risk first; none without a model. */
	List<ChurnRule> rules(UUID run) {
		return tree(run).map(ChurnTree::rules).orElse(List.of());
	}

	private Optional<ChurnTree> tree(UUID run) {
		return this.jdbc.sql("SELECT tree FROM analytics_churn_model WHERE run_id = ? AND tree IS NOT NULL")
			.param(run)
			.query(String.class)
			.optional()
			.map((text) -> this.json.readValue(text, ChurnTree.class));
	}

	private void save(UUID run, ChurnSnapshots.Rows rows, LocalDate cutOff, ChurnEvaluation e, String unavailable) {
		this.jdbc.sql("""
				INSERT INTO analytics_churn_model (run_id, trained_at, horizon_days, first_snapshot, last_snapshot,
				  cut_off, sampled_customers, training_rows, test_rows, training_churn_rate, test_churn_rate, tree_auc,
				  baseline_auc, features, tree, rules, unavailable)
				VALUES (:run, :at, :horizon, :first, :last, :cutOff, :customers, :training, :test, :trainingRate,
				  :testRate, :auc, :baseline, :features, :tree::jsonb, :rules, :unavailable)
				ON CONFLICT (run_id) DO NOTHING
				""")
			.param("run", run)
			.param("at", RunStore.at(this.clock.instant()))
			.param("horizon", this.settings.churnHorizonDays())
			.param("first", rows.first())
			.param("last", rows.last())
			.param("cutOff", cutOff)
			.param("customers", rows.customers())
			.param("training", e == null ? 0 : e.trainingRows())
			.param("test", e == null ? 0 : e.testRows())
			.param("trainingRate", e == null ? null : rate(e.trainingChurnRate()))
			.param("testRate", e == null ? null : rate(e.testChurnRate()))
			.param("auc", e == null ? null : rate(e.treeAuc()))
			.param("baseline", e == null ? null : rate(e.baselineAuc()))
			.param("features", ChurnSnapshots.FEATURES.toArray(String[]::new))
			.param("tree", e == null ? null : this.json.writeValueAsString(e.tree()))
			.param("rules", e == null ? null : e.tree().rulesText())
			.param("unavailable", unavailable)
			.update();
	}

	private static BigDecimal rate(double value) {
		return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_EVEN) : null;
	}

	private static Double number(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

}
