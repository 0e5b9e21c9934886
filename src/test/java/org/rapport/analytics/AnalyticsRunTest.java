package org.rapport.analytics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.CustomerMerger;
import org.rapport.customer.Customers;
import org.rapport.customer.PersonalData;
import org.rapport.interaction.Interactions;
import org.rapport.platform.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Full runs over the whole (shared) database, through the API and the command line, and
 * the incremental update that keeps the current snapshot in step with new interactions,
 * merges and erasures. Assertions only concern the customers this test creates, and
 * values that do not depend on the rest of the population.
 */
@IntegrationTest
class AnalyticsRunTest {

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

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
	Analytics analytics;

	@Autowired
	AnalyticsCommand command;

	@Autowired
	CustomerMerger merger;

	@Autowired
	PersonalData personalData;

	@Autowired
	JdbcClient jdbc;

	AnalyticsFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	private static String daysAgo(int days) {
		return LocalDate.now(ZoneOffset.UTC).minusDays(days).toString();
	}

	@Test
	void onlyManagersAndAdministratorsStartRuns() {
		assertThat(this.fx.post(Role.SALES, "/api/v1/analytics/runs")).hasStatus(403);
		assertThat(this.fx.post(Role.MARKETER, "/api/v1/analytics/runs")).hasStatus(403);
		assertThat(this.fx.post(Role.SERVICE_AGENT, "/api/v1/analytics/runs")).hasStatus(403);
	}

	@Test
	void aRunStartedOverTheApiCompletesAndBecomesTheCurrentSnapshotKeptCurrentIncrementally() {
		UUID regular = this.fx.customer("Regular");
		UUID other = this.fx.customer("Other");
		this.fx.purchases(regular, "40.00", daysAgo(90), daysAgo(60), daysAgo(30));
		this.fx.purchases(other, "15.00", daysAgo(10));

		// a mark last made before the run starts is the run's to clear; one made again
		// since (here: dated ahead) stays for the incremental update
		UUID markedBefore = this.fx.customer("Marked before");
		UUID markedSince = this.fx.customer("Marked since");
		this.jdbc
			.sql("INSERT INTO analytics_dirty (customer_id, marked_at, last_marked_at) VALUES "
					+ "(?, now() - interval '1 hour', now() - interval '1 hour'), "
					+ "(?, now() - interval '1 hour', now() + interval '1 hour')")
			.params(markedBefore, markedSince)
			.update();

		MvcTestResult started = this.fx.post(Role.MANAGER, "/api/v1/analytics/runs");
		assertThat(started).hasStatus(202);
		JsonNode run = this.fx.body(started);
		String location = started.getResponse().getHeader("Location");
		assertThat(location).isEqualTo("/api/v1/analytics/runs/" + run.get("id").asString());
		assertThat(run.get("scope").asString()).isEqualTo("ALL");
		await().atMost(RUN_TIMEOUT)
			.until(() -> !this.fx.body(this.fx.get(Role.MARKETER, location))
				.get("status")
				.asString()
				.equals("RUNNING"));
		JsonNode done = this.fx.body(this.fx.get(Role.MANAGER, location));
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("customersDone").asLong()).isEqualTo(done.get("customersTotal").asLong());
		assertThat(this.analytics.current().orElseThrow().id().toString()).isEqualTo(run.get("id").asString());
		assertThat(this.jdbc.sql("SELECT customer_id FROM analytics_dirty WHERE customer_id IN (?, ?)")
			.params(markedBefore, markedSince)
			.query(UUID.class)
			.list()).containsExactly(markedSince);

		JsonNode scores = this.fx.body(this.fx.get(Role.SALES, "/api/v1/analytics/customers/" + regular));
		assertThat(scores.get("purchases").asInt()).isEqualTo(3);
		assertThat(scores.get("revenue").decimalValue()).isEqualByComparingTo("120.00");
		assertThat(scores.get("stage").asString()).isEqualTo("REPEAT_BUYER");
		assertThat(scores.get("rScore").asInt()).isBetween(1, 5);
		assertThat(scores.get("runId").asString()).isEqualTo(run.get("id").asString());

		// a new purchase marks the customer; the incremental update rescores them in the
		// snapshot
		this.fx.purchases(regular, "60.00", daysAgo(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.analytics.updateDirty();
			CustomerScores now = this.analytics.customer(null, regular).orElseThrow();
			assertThat(now.purchases()).isEqualTo(4);
			assertThat(now.revenue()).isEqualByComparingTo("180.00");
			assertThat(now.stage().name()).isEqualTo("REPEAT_BUYER");
			assertThat(now.computedAt()).isAfter(this.analytics.current().orElseThrow().asOf());
		});

		// a merge drops the merged record's scores and rescores the survivor with both
		// histories
		this.merger.merge(regular, other, null, null);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.analytics.updateDirty();
			assertThat(this.analytics.customer(null, other)).isEmpty();
			CustomerScores now = this.analytics.customer(null, regular).orElseThrow();
			assertThat(now.purchases()).isEqualTo(5);
			assertThat(now.stage().name()).isEqualTo("LOYAL");
		});

		// an erasure removes the person's scores from every snapshot
		this.personalData.erase(regular, "asked to be forgotten");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("SELECT count(*) FROM analytics_customer_score WHERE customer_id = ?")
						.param(regular)
						.query(Long.class)
						.single())
				.isZero());
		assertThat(this.fx.get(Role.MARKETER, "/api/v1/analytics/customers/" + regular)).hasStatus(404);
	}

	@Test
	void theCommandRunsAFullRecomputeWithProgressAndRefusesOtherSubCommands() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		this.command.output(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(this.command.run(new String[] { "frobnicate" })).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown analytics sub-command: frobnicate")
			.contains("Usage: analytics run");
		assertThat(this.command.run(new String[0])).isEqualTo(2);

		UUID buyer = this.fx.customer("Cli");
		this.fx.purchases(buyer, "12.00", daysAgo(5));
		assertThat(this.command.run(new String[] { "run" })).isEqualTo(0);
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("100%").contains("COMPLETED").contains("top 20% hold");
		assertThat(this.analytics.customer(null, buyer).orElseThrow().stage().name()).isEqualTo("FIRST_TIME_BUYER");
	}

	@Test
	void aSecondFullRunIsRefusedWhileOneRunsAndACrashedRunIsMarkedFailed() {
		UUID ghost = Ids.next();
		this.jdbc
			.sql("""
					INSERT INTO analytics_run (id, scope, model_version, as_of, status, started_at, heartbeat_at, started_by,
					  rfm_bins) VALUES (?, 'ALL', 'test', now(), 'RUNNING', now(), now(), 'test', 5)
					""")
			.param(ghost)
			.update();
		try {
			assertThat(this.fx.post(Role.ADMIN, "/api/v1/analytics/runs")).hasStatus(409);
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			this.command.output(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
			assertThat(this.command.run(new String[] { "run" })).isEqualTo(1);
			assertThat(err.toString()).contains("already running");

			// no heartbeat for longer than stale-run-after: the next run takes it for
			// crashed
			this.jdbc.sql("UPDATE analytics_run SET heartbeat_at = now() - interval '1 hour' WHERE id = ?")
				.param(ghost)
				.update();
			AnalyticsRun run = this.analytics.runAll(RunListener.NONE);
			assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
			AnalyticsRun crashed = this.analytics.run(ghost).orElseThrow();
			assertThat(crashed.status()).isEqualTo(AnalyticsRun.Status.FAILED);
			assertThat(crashed.error()).startsWith("interrupted");
		}
		finally {
			this.jdbc.sql("UPDATE analytics_run SET status = 'FAILED' WHERE id = ? AND status = 'RUNNING'")
				.param(ghost)
				.update();
		}
	}

}
