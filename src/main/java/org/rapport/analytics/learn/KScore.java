package org.rapport.analytics.learn;

/**
 * One point of the choice-of-k curve.
 *
 * @param k the number of classes
 * @param withinSS the within-cluster sum of squares (the elbow curve)
 * @param silhouette the mean silhouette (higher is better, −1..1)
 */
public record KScore(int k, double withinSS, double silhouette) {
}
