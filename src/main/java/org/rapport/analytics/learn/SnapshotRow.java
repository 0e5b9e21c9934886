package org.rapport.analytics.learn;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One training example of the churn model: a customer's features as they were at a
 * snapshot date, and whether the customer then made no purchase within the following
 * horizon.
 *
 * @param snapshotDate the date the features describe
 * @param features the feature values, in the model's feature order
 * @param churned true when there was no purchase in the horizon after the snapshot
 */
public record SnapshotRow(LocalDate snapshotDate, double[] features, boolean churned) {

	public SnapshotRow {
		Objects.requireNonNull(snapshotDate, "snapshotDate");
		Objects.requireNonNull(features, "features");
	}

}
