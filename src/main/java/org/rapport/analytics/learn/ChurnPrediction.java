package org.rapport.analytics.learn;

import java.util.List;

/**
 * The churn model's answer for one customer.
 *
 * @param probability the churn rate of the training rows in the customer's leaf, 0..1
 * @param leafSamples how many training rows that leaf holds
 * @param reasons the conditions of the path the customer took, root first
 */
public record ChurnPrediction(double probability, long leafSamples, List<Condition> reasons) {

	public ChurnPrediction {
		reasons = List.copyOf(reasons);
	}

}
