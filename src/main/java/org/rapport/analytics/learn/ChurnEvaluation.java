package org.rapport.analytics.learn;

import java.time.LocalDate;

/**
 * A churn tree trained before a cut-off and scored after it, next to the recency-only
 * baseline.
 *
 * @param cutOff training rows' labels are known by this date; test rows are snapshots
 * after it
 * @param trainingRows rows the tree was trained on
 * @param testRows rows it was scored on
 * @param trainingChurnRate share of churners among training rows
 * @param testChurnRate share of churners among test rows
 * @param treeAuc the tree's AUC on the test rows
 * @param baselineAuc the AUC of recency alone on the test rows
 * @param tree the tree trained on the training rows
 */
public record ChurnEvaluation(LocalDate cutOff, int trainingRows, int testRows, double trainingChurnRate,
		double testChurnRate, double treeAuc, double baselineAuc, ChurnTree tree) {

	/** How much the tree ranks better than recency alone (AUC points). */
	public double liftOverBaseline() {
		return this.treeAuc - this.baselineAuc;
	}

}
