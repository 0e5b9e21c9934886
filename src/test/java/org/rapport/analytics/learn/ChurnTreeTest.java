package org.rapport.analytics.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnTreeTest {

	static final List<String> NAMES = List.of("days since last purchase", "purchases");

	@Test
	void learnsAKnownThresholdRule() {
		double[][] rows = new double[1000][];
		boolean[] churned = new boolean[1000];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = new double[] { i % 366, (i * 7) % 11 };
			churned[i] = rows[i][0] > 120;
		}

		ChurnTree tree = ChurnTree.train(rows, churned, NAMES, new TreeOptions(3, 5));

		assertThat(tree.root().feature()).isZero();
		assertThat(tree.root().threshold()).isEqualTo(120.0);
		assertThat(tree.depth()).isEqualTo(1);
		assertThat(tree.predict(new double[] { 121, 3 }).probability()).isEqualTo(1.0);
		assertThat(tree.predict(new double[] { 120, 3 }).probability()).isEqualTo(0.0);
	}

	@Test
	void findsAnInteractionOfTwoFeatures() {
		List<SnapshotRow> rows = ChurnHoldoutTest.snapshots(4000, 1, java.time.LocalDate.of(2025, 1, 1), 0, 0.0);

		ChurnTree tree = ChurnTree.train(rows, NAMES, new TreeOptions(2, 20));

		assertThat(tree.rules()).hasSize(3);
		assertThat(tree.rules().get(0).churnRisk()).isEqualTo(1.0);
		assertThat(tree.rules().get(0).conditions()).extracting(Condition::text)
			.containsExactlyInAnyOrder("days since last purchase > 90", "purchases ≤ 2");
	}

	@ParameterizedTest
	@CsvSource({ "0, 1, 1", "1, 1, 2", "2, 80, 3", "3, 50, 4", "4, 10, 5", "5, 1, 6", "6, 25, 7", "6, 199, 8",
			"6, 201, 9" })
	void neverGrowsDeeperThanItsLimitNorLeavesSmallerThanItsMinimum(int maxDepth, int minLeaf, int seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[][] rows = new double[400][];
		boolean[] churned = new boolean[400];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = new double[] { random.nextInt(200), random.nextInt(8), random.nextDouble() };
			churned[i] = random.nextDouble() < (rows[i][0] > 100 ? 0.7 : 0.2);
		}

		ChurnTree tree = ChurnTree.train(rows, churned, List.of("a", "b", "c"), new TreeOptions(maxDepth, minLeaf));

		assertThat(tree.depth()).isLessThanOrEqualTo(maxDepth);
		List<TreeNode> leaves = new ArrayList<>();
		collectLeaves(tree.root(), leaves);
		assertThat(leaves)
			.allSatisfy(leaf -> assertThat(leaf.samples()).isGreaterThanOrEqualTo(Math.min(minLeaf, 400)));
		assertThat(leaves.stream().mapToLong(TreeNode::samples).sum()).isEqualTo(400);
	}

	@Test
	void rulesReadAsSentencesWithNamesRiskAndSize() {
		TreeNode purchases = new TreeNode(1, 2, 1704, 1039, TreeNode.leaf(1204, 939), TreeNode.leaf(500, 100));
		ChurnTree tree = new ChurnTree(NAMES, new TreeNode(0, 120, 4704, 1339, TreeNode.leaf(3000, 300), purchases));

		assertThat(tree.rulesText()).isEqualTo("""
				if days since last purchase > 120 and purchases ≤ 2 then churn risk 78 % (n = 1 204)
				if days since last purchase > 120 and purchases > 2 then churn risk 20 % (n = 500)
				if days since last purchase ≤ 120 then churn risk 10 % (n = 3 000)
				""");
	}

	@Test
	void aRuleKeepsOnlyTheTightestBoundPerFeature() {
		TreeNode inner = new TreeNode(0, 200.5, 10, 5, TreeNode.leaf(5, 1), TreeNode.leaf(5, 4));
		ChurnTree tree = new ChurnTree(NAMES, new TreeNode(0, 120, 20, 5, TreeNode.leaf(10, 0), inner));

		assertThat(tree.rules()).extracting(ChurnRule::text)
			.containsExactly("if days since last purchase > 200.5 then churn risk 80 % (n = 5)",
					"if days since last purchase > 120 and days since last purchase ≤ 200.5 then churn risk 20 % (n = 5)",
					"if days since last purchase ≤ 120 then churn risk 0 % (n = 10)");
	}

	@Test
	void aPredictionGivesTheProbabilityAndThePathAsReasons() {
		TreeNode purchases = new TreeNode(1, 2, 1704, 1039, TreeNode.leaf(1204, 939), TreeNode.leaf(500, 100));
		ChurnTree tree = new ChurnTree(NAMES, new TreeNode(0, 120, 4704, 1339, TreeNode.leaf(3000, 300), purchases));

		ChurnPrediction prediction = tree.predict(new double[] { 143, 1 });

		assertThat(prediction.probability()).isEqualTo(939 / 1204.0);
		assertThat(prediction.leafSamples()).isEqualTo(1204);
		assertThat(prediction.reasons()).extracting(Condition::text)
			.containsExactly("days since last purchase > 120", "purchases ≤ 2");
	}

	@Test
	void theTreeIsStoredAsJsonAndReadBackUnchanged() {
		List<SnapshotRow> rows = ChurnHoldoutTest.snapshots(2000, 4, java.time.LocalDate.of(2025, 1, 1), 0, 0.1);
		ChurnTree tree = ChurnTree.train(rows, NAMES, new TreeOptions(3, 30));
		JsonMapper json = JsonMapper.builder().build();

		ChurnTree stored = json.readValue(json.writeValueAsString(tree), ChurnTree.class);

		assertThat(stored).isEqualTo(tree);
		assertThat(stored.rulesText()).isEqualTo(tree.rulesText());
	}

	@Test
	void rowsAreOrderedByValueThenByIndex() {
		assertThat(CartLearner.sortedBy(new double[] { 3, 1, 3, 0, 1 })).containsExactly(3, 1, 4, 0, 2);
	}

	@Test
	void minusZeroAndZeroAreOneValue() {
		ChurnTree tree = ChurnTree.train(new double[][] { { -0.0 }, { 0.0 }, { 1 }, { 1 } },
				new boolean[] { false, false, true, true }, List.of("x"), new TreeOptions(1, 1));

		assertThat(tree.root().threshold()).isZero();
		assertThat(tree.root().atMost().samples()).isEqualTo(2);
	}

	private static void collectLeaves(TreeNode node, List<TreeNode> leaves) {
		if (node.leaf()) {
			leaves.add(node);
			return;
		}
		collectLeaves(node.atMost(), leaves);
		collectLeaves(node.above(), leaves);
	}

}
