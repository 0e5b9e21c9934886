package org.rapport.audit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.Plans;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log filtered by actor (an id, or a name whatever its case) is counted through
 * indexes, not by reading the whole log (ADR 0066).
 */
@IntegrationTest
class AuditActorByIndexTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theLogFilteredByActorIsCountedThroughTheIndexesOfTheActorsIdAndName() {
		List<Object> params = new ArrayList<>();
		String where = AuditLog.where(new AuditLog.Query(null, null, "Ana.Admin", null, null, null, 0, 20), params);
		// the count reads the actor's rows only; the page may also walk the time index
		// newest first and stop after one page, which the planner chooses by the data
		String plan = Plans.of(this.jdbc, this.transactions, "SELECT count(*) FROM audit_event" + where, params);
		assertThat(plan).as(plan)
			.doesNotContain("Seq Scan on audit_event")
			.contains("audit_event_actor_idx")
			.contains("audit_event_actor_name_idx");
	}

}
