package org.rapport.analytics.learn;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Time-based holdout for the churn model. A row trains the tree only if its label was
 * known at the cut-off (snapshot date + label horizon ≤ cut-off); the tree is scored on
 * rows whose snapshot date is after the cut-off. Rows in between are used for neither, so
 * nothing the tree learns comes from after the cut-off.
 */
public final class ChurnHoldout {

	private ChurnHoldout() {
	}

	/**
	 * Rows split at a cut-off.
	 *
	 * @param training rows whose snapshot date + horizon is on or before the cut-off
	 * @param test rows whose snapshot date is after the cut-off
	 */
	public record Split(List<SnapshotRow> training, List<SnapshotRow> test) {

		public Split {
			training = List.copyOf(training);
			test = List.copyOf(test);
		}

	}

	/**
	 * Splits rows at a cut-off date.
	 * @param labelHorizon the period after a snapshot that its label looks at;
	 * {@code Period.ZERO} trains on every snapshot up to the cut-off
	 */
	public static Split split(List<SnapshotRow> rows, LocalDate cutOff, Period labelHorizon) {
		List<SnapshotRow> training = new ArrayList<>();
		List<SnapshotRow> test = new ArrayList<>();
		for (SnapshotRow row : rows) {
			if (row.snapshotDate().isAfter(cutOff)) {
				test.add(row);
			}
			else if (!row.snapshotDate().plus(labelHorizon).isAfter(cutOff)) {
				training.add(row);
			}
		}
		return new Split(training, test);
	}

	/**
	 * Trains on the rows before the cut-off and compares the tree with the recency-only
	 * baseline on the rows after it.
	 * @param recencyFeature the column of "days since last purchase" (higher = more
	 * likely churn)
	 */
	public static ChurnEvaluation evaluate(List<SnapshotRow> rows, List<String> featureNames, int recencyFeature,
			LocalDate cutOff, Period labelHorizon, TreeOptions options) {
		Split split = split(rows, cutOff, labelHorizon);
		if (split.training().isEmpty() || split.test().isEmpty()) {
			throw new IllegalArgumentException("the cut-off " + cutOff + " leaves " + split.training().size()
					+ " training and " + split.test().size() + " test rows");
		}
		ChurnTree tree = ChurnTree.train(split.training(), featureNames, options);
		return new ChurnEvaluation(cutOff, split.training().size(), split.test().size(), churnRate(split.training()),
				churnRate(split.test()), Auc.ofTree(tree, split.test()), Auc.ofFeature(split.test(), recencyFeature),
				tree);
	}

	private static double churnRate(List<SnapshotRow> rows) {
		long churned = rows.stream().filter(SnapshotRow::churned).count();
		return (double) churned / rows.size();
	}

}
