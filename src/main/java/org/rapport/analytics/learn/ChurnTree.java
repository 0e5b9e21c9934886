package org.rapport.analytics.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The explanatory churn model: a classification tree over named features. It is a plain
 * record tree (storable as JSON), answers a churn probability with the path that led to
 * it, and reads as a list of rules.
 *
 * @param featureNames the names of the features, in column order, as staff should read
 * them
 * @param root the root node
 */
public record ChurnTree(List<String> featureNames, TreeNode root) {

	public ChurnTree {
		featureNames = List.copyOf(featureNames);
		Objects.requireNonNull(root, "root");
	}

	/** Trains a tree on feature rows and their churn labels. */
	public static ChurnTree train(double[][] rows, boolean[] churned, List<String> featureNames, TreeOptions options) {
		return new ChurnTree(featureNames, CartLearner.grow(rows, churned, featureNames.size(), options));
	}

	/**
	 * Trains a tree on snapshot rows (their dates are not used here; see
	 * {@link ChurnHoldout}).
	 */
	public static ChurnTree train(List<SnapshotRow> rows, List<String> featureNames, TreeOptions options) {
		double[][] features = new double[rows.size()][];
		boolean[] churned = new boolean[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			features[i] = rows.get(i).features();
			churned[i] = rows.get(i).churned();
		}
		return train(features, churned, featureNames, options);
	}

	/** The churn probability of one customer and the conditions of the path it took. */
	public ChurnPrediction predict(double[] features) {
		Standardiser.checkWidth(features, this.featureNames.size());
		List<Condition> path = new ArrayList<>();
		TreeNode node = this.root;
		while (!node.leaf()) {
			double value = features[node.feature()];
			boolean above = value > node.threshold();
			path.add(new Condition(node.feature(), this.featureNames.get(node.feature()), above, node.threshold()));
			node = above ? node.above() : node.atMost();
		}
		return new ChurnPrediction(node.churnRate(), node.samples(), path);
	}

	/** The probability alone, for scoring many rows. */
	public double probability(double[] features) {
		TreeNode node = this.root;
		while (!node.leaf()) {
			node = (features[node.feature()] > node.threshold()) ? node.above() : node.atMost();
		}
		return node.churnRate();
	}

	/**
	 * One rule per leaf, highest churn risk first, then the larger, then in tree order
	 * (stable sort).
	 */
	public List<ChurnRule> rules() {
		List<ChurnRule> rules = new ArrayList<>();
		collect(this.root, new ArrayList<>(), rules);
		rules.sort(Comparator.comparingDouble((ChurnRule r) -> -r.churnRisk()).thenComparingLong(r -> -r.samples()));
		return rules;
	}

	/** The rules as text, one per line. */
	public String rulesText() {
		StringBuilder text = new StringBuilder();
		for (ChurnRule rule : rules()) {
			text.append(rule.text()).append('\n');
		}
		return text.toString();
	}

	public int depth() {
		return this.root.depth();
	}

	private void collect(TreeNode node, List<Condition> path, List<ChurnRule> rules) {
		if (node.leaf()) {
			rules.add(new ChurnRule(tightest(path), node.churnRate(), node.samples()));
			return;
		}
		String name = this.featureNames.get(node.feature());
		path.add(new Condition(node.feature(), name, false, node.threshold()));
		collect(node.atMost(), path, rules);
		path.set(path.size() - 1, new Condition(node.feature(), name, true, node.threshold()));
		collect(node.above(), path, rules);
		path.remove(path.size() - 1);
	}

	/** Keeps one condition per feature and direction: the lowest "≤", the highest ">". */
	static List<Condition> tightest(List<Condition> path) {
		List<Condition> kept = new ArrayList<>();
		for (Condition c : path) {
			int same = -1;
			for (int i = 0; i < kept.size(); i++) {
				if (kept.get(i).featureIndex() == c.featureIndex() && kept.get(i).above() == c.above()) {
					same = i;
				}
			}
			if (same < 0) {
				kept.add(c);
			}
			else if (c.above() ? c.threshold() > kept.get(same).threshold()
					: c.threshold() < kept.get(same).threshold()) {
				kept.set(same, c);
			}
		}
		return kept;
	}

}
