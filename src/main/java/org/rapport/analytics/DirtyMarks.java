package org.rapport.analytics;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.rapport.customer.CustomerErased;
import org.rapport.customer.CustomerMerged;
import org.rapport.interaction.InteractionsRecorded;
import org.rapport.interaction.InteractionsImported;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Marks customers whose scores are out of date: new interactions (all customers of a
 * recording or of a bulk chunk in one set-based upsert) and the survivor of a merge. The
 * merged record's and an erased customer's scores go at once from every snapshot (scores
 * are profiling data about the person). A customer marked again keeps the first mark (the
 * incremental update takes the oldest first, so one who buys often is not put back at the
 * end of the queue) and the mark's last time changes, a column no index holds: the update
 * stays on its page (docs/adr/0075).
 */
@Component
class DirtyMarks {

	private final JdbcClient jdbc;

	private final Clock clock;

	DirtyMarks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(InteractionsRecorded recorded) {
		mark(recorded.customerIds().stream().filter(Objects::nonNull).toList());
	}

	@ApplicationModuleListener
	void on(InteractionsImported imported) {
		mark(imported.customerIds());
	}

	@ApplicationModuleListener
	void on(CustomerMerged merged) {
		forget(merged.mergedId());
		mark(List.of(merged.survivorId()));
	}

	@ApplicationModuleListener
	void on(CustomerErased erased) {
		forget(erased.customerId());
	}

	void mark(List<UUID> customers) {
		if (customers.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO analytics_dirty (customer_id, marked_at, last_marked_at)
				SELECT DISTINCT id, :now, :now FROM unnest(:ids::uuid[]) AS n(id) ORDER BY id
				ON CONFLICT (customer_id) DO UPDATE SET last_marked_at = excluded.last_marked_at
				""")
			.param("ids", customers.toArray(UUID[]::new))
			.param("now", RunStore.at(this.clock.instant()))
			.update();
	}

	private void forget(UUID customer) {
		this.jdbc.sql("DELETE FROM analytics_customer_score WHERE customer_id = ?").param(customer).update();
		this.jdbc.sql("DELETE FROM analytics_dirty WHERE customer_id = ?").param(customer).update();
	}

}
