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
 * Erasing a customer finds the customer's accounts, whatever their status, through an
 * index, not by reading every account (ADR 0066).
 */
@IntegrationTest
class ErasureByIndexTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theErasureFindsTheCustomersAccountsOfEveryStatusThroughAnIndex() {
		for (String statement : List.of(CustomerLinks.ERASE_CARDS, CustomerLinks.ERASE_ACCOUNTS)) {
			String plan = Plans.of(this.jdbc, this.transactions, statement, List.of(UUID.randomUUID()));
			assertThat(plan).as(plan)
				.doesNotContain("Seq Scan on loyalty_account")
				.contains("loyalty_account_customer_idx");
		}
	}

}
