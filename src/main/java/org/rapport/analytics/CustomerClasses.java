package org.rapport.analytics;

import java.util.List;
import java.util.UUID;

/**
 * The one-to-class view of a snapshot: the behavioural features the buyers were clustered
 * on (standardised; skewed ones on a log scale), the choice of k with its curve, and a
 * readable profile of every class. Customers without a purchase have no class.
 *
 * @param runId the snapshot
 * @param features the feature names, in the order of every profile's means
 * @param chosenK the number of classes kept (highest mean silhouette)
 * @param elbowK the elbow of the within-SS curve, shown for comparison
 * @param curve one point per k tried
 * @param classes the profile of each class, by index
 * @param customers the buyers classified (the sum of the class sizes)
 * @param fittedOn the buyers the classes were fitted on (a seeded sample above the
 * configured size)
 * @param model how to assign a row: per feature the log flag, mean and deviation, and the
 * centres in z units
 */
public record CustomerClasses(UUID runId, List<String> features, int chosenK, int elbowK, List<KPoint> curve,
		List<ClassProfile> classes, long customers, long fittedOn, Assignment model) {

	/** One point of the choice-of-k curve. */
	public record KPoint(int k, double withinSS, double silhouette) {
	}

	/**
	 * One class: its index (stored with each customer), label, size and share of the
	 * classified buyers, and per feature the class mean with its deviation from the
	 * population in standard deviations.
	 */
	public record ClassProfile(int index, String label, long size, double share, List<FeatureMean> means) {
	}

	public record FeatureMean(String feature, double mean, double deviation) {
	}

	/** The fitted transform and centres, kept so later rescored customers get a class. */
	public record Assignment(List<Boolean> logScale, double[] means, double[] deviations, double[][] centroids) {
	}

}
