package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One analytics snapshot: which customers (all, or a chosen set), the model version, the
 * as-of instant the scores describe, status and progress, and the population figures
 * (buyers, revenue, share of the top 20 %, Gini) once completed, and the value model
 * fitted in the run (parameters, standard errors, log-likelihoods) or why predictions are
 * unavailable.
 */
public record AnalyticsRun(UUID id, Scope scope, String modelVersion, Instant asOf, Status status, Instant startedAt,
		Instant finishedAt, String startedBy, long customersTotal, long customersDone, String error, Long buyers,
		BigDecimal revenue, BigDecimal top20Share, BigDecimal gini, ValueModel valueModel,
		String predictionsUnavailable) {

	public enum Scope {

		/** Every active customer; becomes the current snapshot when completed. */
		ALL,
		/** A chosen set of customers, read by the run's id. */
		CUSTOMERS

	}

	public enum Status {

		RUNNING, COMPLETED, FAILED,
		/** A completed full run replaced by a newer one; its scores are gone. */
		SUPERSEDED

	}

	public int percent() {
		return this.customersTotal == 0 ? (this.status == Status.RUNNING ? 0 : 100)
				: (int) (100 * this.customersDone / this.customersTotal);
	}

}
