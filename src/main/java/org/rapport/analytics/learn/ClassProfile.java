package org.rapport.analytics.learn;

import java.util.List;

/**
 * What a class of customers looks like.
 *
 * @param index the class number (0 = the largest class of the fitted rows)
 * @param size how many rows belong to it
 * @param share its share of all rows, 0..1
 * @param features the class mean of every original feature, in feature order
 * @param label the words of the features it deviates most on, e.g. "high frequency · high
 * spend · recent", or "typical"
 */
public record ClassProfile(int index, long size, double share, List<FeatureMean> features, String label) {

	public ClassProfile {
		features = List.copyOf(features);
	}

}
