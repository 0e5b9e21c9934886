/**
 * The {@code analytics clv} command: reads a per-customer summary (or transactions) from
 * a file, fits BG/NBD (or Pareto/NBD) and Gamma-Gamma with
 * {@code org.rapport.analytics.model}, writes expected purchases, probability alive,
 * expected spend and CLV per customer. Runs without Spring and without the database (a
 * {@code StandaloneCommand}).
 */
package org.rapport.analytics.clv;
