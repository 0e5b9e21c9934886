package org.rapport.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.InteractionsRecorded;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class PublicationResubmissionTest {

	private static final String PASSWORD = "resubmission-test-password";

	@Autowired
	PublicationResubmission resubmission;

	@Autowired
	FailingOnceRecordingListener listener;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void aFailedDeliveryStaysInTheLogUntilResubmittedAndThenTakesEffectExactlyOnce() {
		UUID customer = this.customers.create(NewCustomer.person("Ana", "Resubmitted " + UUID.randomUUID())).id();
		this.listener.failOnceFor(customer);

		recordCall(customer);

		// the listener runs on another thread after the commit and fails: the publication
		// stays
		await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(customer)));
		assertThat(this.listener.deliveredFor(customer)).isZero();

		int resubmitted = this.resubmission.resubmitFailedOlderThan(Duration.ZERO);

		assertThat(resubmitted).isPositive();
		await().atMost(Duration.ofSeconds(30)).until(() -> status(customer) == null);
		assertThat(this.listener.deliveredFor(customer)).isEqualTo(1);
		// completed, hence deleted (completion mode delete): no later round can deliver
		// it again
		this.resubmission.resubmitFailedOlderThan(Duration.ZERO);
		assertThat(status(customer)).isNull();
		assertThat(this.listener.deliveredFor(customer)).isEqualTo(1);
	}

	@Test
	void aFailedDeliveryYoungerThanTheMinimumAgeIsLeftForALaterRound() {
		UUID customer = this.customers.create(NewCustomer.person("Bea", "Not yet " + UUID.randomUUID())).id();
		this.listener.failOnceFor(customer);
		recordCall(customer);
		await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(customer)));

		this.resubmission.resubmitFailedOlderThan(Duration.ofHours(1));

		assertThat(status(customer)).isEqualTo("FAILED");
		assertThat(this.listener.deliveredFor(customer)).isZero();
		this.resubmission.resubmitFailedOlderThan(Duration.ZERO);
		await().atMost(Duration.ofSeconds(30)).until(() -> status(customer) == null);
		assertThat(this.listener.deliveredFor(customer)).isEqualTo(1);
	}

	@Test
	void aNodeThatDoesNotGetTheLockLeavesTheRoundToTheNodeThatHasIt() throws SQLException {
		UUID customer = this.customers.create(NewCustomer.person("Cy", "Locked out " + UUID.randomUUID())).id();
		this.listener.failOnceFor(customer);
		recordCall(customer);
		await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(customer)));

		int resubmitted = whileAnotherNodeHoldsTheLock(() -> this.resubmission.resubmitFailedOlderThan(Duration.ZERO));

		assertThat(resubmitted).isEqualTo(-1);
		assertThat(status(customer)).isEqualTo("FAILED");
		this.resubmission.resubmitFailedOlderThan(Duration.ZERO);
		await().atMost(Duration.ofSeconds(30)).until(() -> status(customer) == null);
		assertThat(this.listener.deliveredFor(customer)).isEqualTo(1);
	}

	/**
	 * Runs the round while another session holds the resubmission lock, as another node
	 * would.
	 */
	private int whileAnotherNodeHoldsTheLock(IntSupplier round) throws SQLException {
		try (Connection other = this.dataSource.getConnection()) {
			try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
				lock.setLong(1, PublicationResubmission.LOCK_KEY);
				lock.execute();
			}
			try {
				return round.getAsInt();
			}
			finally {
				try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
					unlock.setLong(1, PublicationResubmission.LOCK_KEY);
					unlock.execute();
				}
			}
		}
	}

	/**
	 * The status of this listener's publication for the customer, null when there is
	 * none.
	 */
	private String status(UUID customer) {
		return this.jdbc.sql("""
				SELECT status FROM event_publication
				 WHERE event_type = ? AND listener_id LIKE ? AND serialized_event LIKE ?""")
			.params(InteractionsRecorded.class.getName(),
					"%" + FailingOnceRecordingListener.class.getSimpleName() + "%", "%" + customer + "%")
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private void recordCall(UUID customer) {
		String username = "resubmit-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(username, username, PASSWORD, EnumSet.of(Role.SALES));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customerId", customer);
		body.put("kind", "CALL");
		body.put("channel", "phone");
		body.put("occurredAt", "2024-05-01T10:00:00Z");
		body.put("sourceSystem", "pos");
		body.put("idempotencyKey", "key-" + UUID.randomUUID());
		assertThat(this.mvc.post()
			.uri("/api/v1/interactions")
			.with(httpBasic(username, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange()).hasStatus(201);
	}

}
