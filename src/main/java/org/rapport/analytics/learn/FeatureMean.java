package org.rapport.analytics.learn;

/**
 * A class's mean of one feature.
 *
 * @param feature the feature name
 * @param mean the mean of the original values (not transformed, not standardised)
 * @param deviation the mean z-score: how many standard deviations the class lies above
 * (+) or below (−) the population on this feature
 */
public record FeatureMean(String feature, double mean, double deviation) {
}
