package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.analytics.learn.ChurnTree;
import org.rapport.analytics.learn.Condition;
import org.rapport.analytics.learn.TreeNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies a churn tree to stored scores in one set-based statement: the tree becomes
 * nested CASE expressions over the columns that hold today's values of the training
 * features, giving each buyer the churn probability of its leaf and the conditions of its
 * path.
 */
final class ChurnScoring {

	/** The score columns of {@link ChurnSnapshots#FEATURES}, in the same order. */
	private static final List<String> COLUMNS = List.of("s.recency_days", "s.purchases", "s.revenue",
			"coalesce(s.mean_gap_days, s.tenure_days)", "s.tenure_days",
			"(CASE WHEN 'REFUSED_SERVICE' = ANY(s.signals) THEN 1 ELSE 0 END)",
			"(CASE WHEN 'NEGATIVE_SURVEY' = ANY(s.signals) THEN 1 ELSE 0 END)");

	private ChurnScoring() {
	}

	/**
	 * The churn columns of a buyer's row ({@code s}) as expressions named
	 * churn_probability and churn_path: the leaf's probability and path for buyers, none
	 * for other rows or without a tree.
	 */
	static String columns(ChurnTree tree) {
		if (tree == null) {
			return "CAST(NULL AS numeric) AS churn_probability, CAST(NULL AS text[]) AS churn_path";
		}
		return "CASE WHEN s.purchases > 0 THEN " + probability(tree.root())
				+ " END AS churn_probability, CASE WHEN s.purchases > 0 THEN "
				+ path(tree, tree.root(), new ArrayList<>()) + " END AS churn_path";
	}

	static void apply(JdbcClient jdbc, UUID run, ChurnTree tree, UUID[] ids) {
		String sql = "UPDATE analytics_customer_score s SET churn_probability = " + probability(tree.root())
				+ ", churn_path = " + path(tree, tree.root(), new ArrayList<>())
				+ " WHERE s.run_id = :run AND s.purchases > 0" + (ids == null ? "" : " AND s.customer_id = ANY(:ids)");
		JdbcClient.StatementSpec spec = jdbc.sql(sql).param("run", run);
		if (ids != null) {
			spec = spec.param("ids", ids);
		}
		spec.update();
	}

	private static String probability(TreeNode node) {
		if (node.leaf()) {
			return literal(Math.round(node.churnRate() * 1e6) / 1e6);
		}
		return "CASE WHEN " + COLUMNS.get(node.feature()) + " <= " + literal(node.threshold()) + " THEN "
				+ probability(node.atMost()) + " ELSE " + probability(node.above()) + " END";
	}

	private static String path(ChurnTree tree, TreeNode node, List<String> conditions) {
		if (node.leaf()) {
			StringBuilder array = new StringBuilder("ARRAY[");
			for (int i = 0; i < conditions.size(); i++) {
				array.append(i > 0 ? ", " : "").append('\'').append(conditions.get(i).replace("'", "''")).append('\'');
			}
			return array.append("]::text[]").toString();
		}
		String name = tree.featureNames().get(node.feature());
		List<String> low = new ArrayList<>(conditions);
		low.add(new Condition(node.feature(), name, false, node.threshold()).text());
		List<String> high = new ArrayList<>(conditions);
		high.add(new Condition(node.feature(), name, true, node.threshold()).text());
		return "CASE WHEN " + COLUMNS.get(node.feature()) + " <= " + literal(node.threshold()) + " THEN "
				+ path(tree, node.atMost(), low) + " ELSE " + path(tree, node.above(), high) + " END";
	}

	private static String literal(double value) {
		return BigDecimal.valueOf(value).toPlainString();
	}

	static ChurnModel.Node node(ChurnTree tree, TreeNode node) {
		if (node.leaf()) {
			return new ChurnModel.Node(null, null, node.samples(), node.churned(), null, null);
		}
		return new ChurnModel.Node(tree.featureNames().get(node.feature()), node.threshold(), node.samples(),
				node.churned(), node(tree, node.atMost()), node(tree, node.above()));
	}

}
