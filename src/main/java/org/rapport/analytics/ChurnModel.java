package org.rapport.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The explanatory churn model of a snapshot: a decision tree trained on monthly snapshots
 * of a seeded sample of buyers (features at the snapshot date, label = no purchase in the
 * following {@code horizonDays}), trained on snapshots whose label was known by the
 * cut-off and scored on the snapshots after it, next to recency alone. Null figures and
 * an {@code unavailable} reason when it could not be trained.
 *
 * @param runId the snapshot
 * @param trainedAt when it was trained
 * @param horizonDays the label horizon
 * @param firstSnapshot the earliest snapshot date
 * @param lastSnapshot the latest snapshot date (its label ends at the run's as-of)
 * @param cutOff training labels end on or before it; test snapshots lie after it
 * @param sampledCustomers the buyers sampled (seeded) to build the rows
 * @param trainingRows rows the tree learned from
 * @param testRows rows it was scored on
 * @param trainingChurnRate share of churners among training rows
 * @param testChurnRate share of churners among test rows
 * @param treeAuc the tree's AUC on the test rows
 * @param baselineAuc the AUC of days since last purchase alone on the test rows
 * @param features the feature names, in column order
 * @param rules one rule per leaf, highest risk first
 * @param rulesText the rules, one per line
 * @param tree the tree (splits send {@code value ≤ threshold} to {@code atMost})
 * @param unavailable why there is no model, or null
 */
public record ChurnModel(UUID runId, Instant trainedAt, int horizonDays, LocalDate firstSnapshot,
		LocalDate lastSnapshot, LocalDate cutOff, int sampledCustomers, int trainingRows, int testRows,
		Double trainingChurnRate, Double testChurnRate, Double treeAuc, Double baselineAuc, List<String> features,
		List<String> rules, String rulesText, Node tree, String unavailable) {

	/**
	 * A node of the tree: a split on {@code feature} at {@code threshold}, or a leaf
	 * (feature null) whose churn risk is {@code churned / samples}.
	 */
	public record Node(String feature, Double threshold, long samples, long churned, Node atMost, Node above) {
	}

}
