/**
 * Analytics: value, risk, segment and stage of every customer, computed in PostgreSQL in
 * snapshots (runs), kept current incrementally as interactions arrive, and the population
 * views built on them (Pareto, RFM grid, loyalty matrix, lifecycle, cohorts, priority).
 * Other modules and the console read through {@link org.rapport.analytics.Analytics}.
 * Predicted values (expected purchases, probability alive, CLV) come through
 * {@link org.rapport.analytics.ValuePredictor}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package org.rapport.analytics;
