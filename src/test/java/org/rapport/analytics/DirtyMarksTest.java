package org.rapport.analytics;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** New interactions mark their customers' scores out of date. */
@IntegrationTest
class DirtyMarksTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DirtyMarks marks;

	@Autowired
	TransactionTemplate transactions;

	AnalyticsFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void aSinglePurchaseMarksItsCustomer() {
		UUID customer = this.fx.customer("Dora");

		this.fx.purchases(customer, "20.00", "2024-06-01");

		await().atMost(Duration.ofSeconds(10)).until(() -> dirty(List.of(customer)) == 1);
	}

	@Test
	void aBatchMarksEveryCustomerInItOnce() {
		List<UUID> batch = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			batch.add(this.fx.customer("Batch " + i));
		}
		List<UUID> twice = new ArrayList<>(batch);
		twice.addAll(batch);
		UUID untouched = this.fx.customer("Untouched");

		assertThat(this.fx.purchaseBatch(twice, "15.00", "2024-06-02")).isEqualTo(60);

		await().atMost(Duration.ofSeconds(10)).until(() -> dirty(batch) == 30);
		assertThat(dirty(List.of(untouched))).isZero();
	}

	@Test
	void aCustomerMarkedAgainKeepsTheFirstMarkAndTheNewMarkStaysOnItsPage() {
		UUID customer = this.fx.customer("Often");
		this.marks.mark(List.of(customer));
		Timestamp first = this.jdbc.sql("SELECT marked_at FROM analytics_dirty WHERE customer_id = ?")
			.param(customer)
			.query(Timestamp.class)
			.single();

		long hot = this.transactions.execute((status) -> {
			this.marks.mark(List.of(customer));
			return this.jdbc.sql("SELECT pg_stat_get_xact_tuples_hot_updated('analytics_dirty'::regclass)")
				.query(Long.class)
				.single();
		});

		assertThat(hot).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT marked_at = ? AND last_marked_at > marked_at FROM analytics_dirty " + "WHERE customer_id = ?")
			.params(first, customer)
			.query(Boolean.class)
			.single()).isTrue();
	}

	private long dirty(List<UUID> customers) {
		return this.jdbc.sql("SELECT count(*) FROM analytics_dirty WHERE customer_id = ANY(?::uuid[])")
			.param(customers.toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

}
