package org.rapport.loyalty;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.Plans;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of a partner's movements is read in the partner's index order, not by sorting
 * every movement the partner ever made (ADR 0067).
 */
@IntegrationTest
class PartnerMovementsByIndexTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aPageOfAPartnersMovementsIsReadInItsIndexOrderWithoutASort() {
		String plan = Plans.of(this.jdbc, this.transactions, PartnerStore.MOVEMENTS,
				List.of(UUID.randomUUID(), 50, 100L));

		assertThat(plan).as(plan)
			.contains("loyalty_partner_movement_idx")
			.doesNotContain("Sort")
			.doesNotContain("Seq Scan");
	}

}
