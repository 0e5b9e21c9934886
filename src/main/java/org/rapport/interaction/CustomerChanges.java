package org.rapport.interaction;

import java.time.Clock;

import org.rapport.customer.CustomerErased;
import org.rapport.customer.CustomerMerged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps interactions with the right customer: a merge moves the merged record's
 * interactions to the survivor and recomputes the survivor's figures; an erasure
 * anonymises the customer's interactions (free attributes and reasons go; amounts, dates
 * and SKUs stay for accounting).
 */
@Component
class CustomerChanges {

	private final JdbcClient jdbc;

	private final FiguresStore figures;

	private final Clock clock;

	CustomerChanges(JdbcClient jdbc, FiguresStore figures, Clock clock) {
		this.jdbc = jdbc;
		this.figures = figures;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(CustomerMerged merged) {
		this.jdbc.sql("UPDATE interaction SET customer_id = ? WHERE customer_id = ?")
			.params(merged.survivorId(), merged.mergedId())
			.update();
		this.figures.forget(merged.mergedId());
		this.figures.recompute(merged.survivorId(), this.clock.instant());
	}

	@ApplicationModuleListener
	void on(CustomerErased erased) {
		this.jdbc.sql("""
				UPDATE interaction SET attributes = '{}', outcome_reason = NULL
				WHERE customer_id = ? AND (attributes <> '{}' OR outcome_reason IS NOT NULL)
				""").param(erased.customerId()).update();
	}

}
