package org.rapport.analytics.learn;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnHoldoutTest {

	static final LocalDate CUT_OFF = LocalDate.of(2025, 6, 30);

	static final Period HORIZON = Period.ofDays(90);

	@Test
	void trainingRowsHaveTheirLabelKnownByTheCutOffAndTestRowsComeAfterIt() {
		List<SnapshotRow> rows = monthly(LocalDate.of(2024, 1, 31), 24, 300, 0.0);

		ChurnHoldout.Split split = ChurnHoldout.split(rows, CUT_OFF, HORIZON);

		assertThat(split.training()).isNotEmpty()
			.allSatisfy(r -> assertThat(r.snapshotDate().plus(HORIZON)).isBeforeOrEqualTo(CUT_OFF));
		assertThat(split.test()).isNotEmpty().allSatisfy(r -> assertThat(r.snapshotDate()).isAfter(CUT_OFF));
		assertThat(rows)
			.filteredOn(r -> !r.snapshotDate().isAfter(CUT_OFF) && r.snapshotDate().plus(HORIZON).isAfter(CUT_OFF))
			.isNotEmpty()
			.noneMatch(split.training()::contains)
			.noneMatch(split.test()::contains);
	}

	@Test
	void withoutAHorizonEveryRowIsEitherTrainingOrTest() {
		List<SnapshotRow> rows = monthly(LocalDate.of(2024, 1, 31), 24, 100, 0.0);

		ChurnHoldout.Split split = ChurnHoldout.split(rows, CUT_OFF, Period.ZERO);

		assertThat(split.training().size() + split.test().size()).isEqualTo(rows.size());
		assertThat(split.training()).allSatisfy(r -> assertThat(r.snapshotDate()).isBeforeOrEqualTo(CUT_OFF));
	}

	@Test
	void nothingFromAfterTheCutOffReachesTheTree() {
		// a third feature is 0 before the cut-off; on rows whose label looks past the
		// cut-off it
		// equals the label, so a tree that saw any of them would split on it first
		List<SnapshotRow> rows = new ArrayList<>();
		for (SnapshotRow r : monthly(LocalDate.of(2024, 1, 31), 24, 300, 0.1)) {
			boolean late = r.snapshotDate().plus(HORIZON).isAfter(CUT_OFF);
			double leak = (late && r.churned()) ? 1 : 0;
			rows.add(new SnapshotRow(r.snapshotDate(), new double[] { r.features()[0], r.features()[1], leak },
					r.churned()));
		}
		long eligible = rows.stream().filter(r -> !r.snapshotDate().plus(HORIZON).isAfter(CUT_OFF)).count();

		ChurnEvaluation evaluation = ChurnHoldout.evaluate(rows,
				List.of("days since last purchase", "purchases", "leak"), 0, CUT_OFF, HORIZON, new TreeOptions(5, 10));

		assertThat(evaluation.trainingRows()).isEqualTo(eligible);
		assertThat(evaluation.tree().root().samples()).isEqualTo(eligible);
		assertThat(splitFeatures(evaluation.tree().root())).doesNotContain(2);
		ChurnTree leaky = ChurnTree.train(rows, List.of("a", "b", "leak"), new TreeOptions(5, 10));
		assertThat(splitFeatures(leaky.root())).as("the probe is detectable when rows leak").contains(2);
	}

	@Test
	void theTreeIsComparedWithRecencyAloneOnTheLaterPeriod() {
		List<SnapshotRow> rows = monthly(LocalDate.of(2024, 1, 31), 24, 400, 0.1);

		ChurnEvaluation evaluation = ChurnHoldout.evaluate(rows, ChurnTreeTest.NAMES, 0, CUT_OFF, HORIZON,
				new TreeOptions(3, 50));

		assertThat(evaluation.testRows()).isEqualTo(6 * 400);
		assertThat(evaluation.baselineAuc()).isBetween(0.6, 0.95);
		assertThat(evaluation.treeAuc()).isGreaterThan(evaluation.baselineAuc());
		assertThat(evaluation.liftOverBaseline()).isPositive();
	}

	/**
	 * Snapshots at month ends: churn when recency > 90 and purchases ≤ 2, labels flipped
	 * with noise.
	 */
	static List<SnapshotRow> monthly(LocalDate first, int months, int perMonth, double noise) {
		List<SnapshotRow> rows = new ArrayList<>();
		for (int m = 0; m < months; m++) {
			rows.addAll(snapshots(perMonth, 100 + m, first.plusMonths(m), 0, noise));
		}
		return rows;
	}

	static List<SnapshotRow> snapshots(int n, long seed, LocalDate date, int unused, double noise) {
		SplittableRandom random = new SplittableRandom(seed);
		List<SnapshotRow> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			double recency = random.nextInt(365);
			double purchases = random.nextInt(8);
			boolean churned = recency > 90 && purchases <= 2;
			if (random.nextDouble() < noise) {
				churned = !churned;
			}
			rows.add(new SnapshotRow(date, new double[] { recency, purchases }, churned));
		}
		return rows;
	}

	private static List<Integer> splitFeatures(TreeNode node) {
		List<Integer> features = new ArrayList<>();
		if (!node.leaf()) {
			features.add(node.feature());
			features.addAll(splitFeatures(node.atMost()));
			features.addAll(splitFeatures(node.above()));
		}
		return features;
	}

}
