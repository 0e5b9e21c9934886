/**
 * Customer-value models as plain Java: BG/NBD and Pareto/NBD purchase models, the
 * Gamma-Gamma spend model, the BG/BB model for discrete periods and CLV. Inputs and
 * outputs are arrays and records; nothing here knows Spring or the database, so the
 * library can run anywhere a JVM runs (see ADR 0008).
 */
package org.rapport.analytics.model;
