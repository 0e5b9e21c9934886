package org.rapport.customer;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.Plans;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's customer list reads a page in an index's order, whatever the order and
 * with or without a stage filter, and the tags in use come from the tagged customers'
 * index: no page sorts or reads every active customer (ADR 0066).
 */
@IntegrationTest
class CustomerListByIndexTest {

	@Autowired
	CustomerConsoleSearch search;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyOrderOfTheListWithOrWithoutAStageFilterIsReadFromAnIndexWithoutASort() {
		for (CustomerConsoleSearch.Sort sort : CustomerConsoleSearch.Sort.values()) {
			for (LifecycleStage stage : new LifecycleStage[] { null, LifecycleStage.LOYAL }) {
				CustomerConsoleSearch.Statement statement = this.search
					.statement(new CustomerConsoleSearch.Criteria("", stage, "", null, sort, 3));
				String plan = Plans.of(this.jdbc, this.transactions, statement.sql(), statement.params());
				// (the phone and e-mail of each row of the page are sorted by their own
				// subplans)
				assertThat(plan).as("%s, stage %s:%n%s", sort, stage, plan)
					.doesNotContain("Sort Key: c.")
					.doesNotContain("Seq Scan on customer ");
			}
		}
	}

	@Test
	void theTagsInUseAreReadFromTheTaggedCustomersOnly() {
		String plan = Plans.of(this.jdbc, this.transactions, CustomerConsoleSearch.TAGS_IN_USE, List.of());
		assertThat(plan).as(plan).doesNotContain("Seq Scan on customer ").contains("customer_tagged_idx");
	}

}
