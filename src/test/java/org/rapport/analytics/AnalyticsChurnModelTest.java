package org.rapport.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The explanatory churn model of a run. As of 2026-01-01 with a 90-day horizon, 12
 * monthly snapshots end on 2025-10-03; the cut-off is 2025-07-03, so the test snapshots
 * are those of August to October 2025 and training uses the snapshots of November 2024 to
 * April 2025 (their labels end by the cut-off). Buyers who started in May 2025 can
 * therefore appear in test rows only: the row counts show that nothing after the cut-off
 * was trained on.
 */
@IntegrationTest
class AnalyticsChurnModelTest {

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
	UserDetailsService users;

	private static String[] monthly(String from, String to) {
		List<String> dates = new ArrayList<>();
		for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusMonths(1)) {
			dates.add(d.toString());
		}
		return dates.toArray(String[]::new);
	}

	@Test
	void theChurnModelIsTrainedBeforeTheCutOffAndScoredAfterItNextToRecency() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> early = new ArrayList<>();
		List<UUID> late = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			UUID loyal = fx.customer("C-loyal-" + i);
			fx.purchases(loyal, "20.00", monthly("2024-10-15", "2025-12-15"));
			UUID gone = fx.customer("C-gone-" + i);
			fx.purchases(gone, "20.00", "2024-10-15", "2024-11-15");
			early.add(loyal);
			early.add(gone);
		}
		for (int i = 0; i < 2; i++) {
			UUID loyal = fx.customer("C-new-loyal-" + i);
			fx.purchases(loyal, "20.00", monthly("2025-05-15", "2025-12-15"));
			UUID once = fx.customer("C-new-once-" + i);
			fx.purchases(once, "20.00", "2025-05-15");
			late.add(loyal);
			late.add(once);
		}
		List<UUID> all = new ArrayList<>(early);
		all.addAll(late);
		AnalyticsRun run = this.analytics.runFor(all, Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);

		ChurnModel model = this.analytics.churnModel(run.id());
		assertThat(model.unavailable()).isNull();
		assertThat(model.lastSnapshot()).isEqualTo(LocalDate.parse("2025-10-03"));
		assertThat(model.firstSnapshot()).isEqualTo(LocalDate.parse("2024-11-03"));
		assertThat(model.cutOff()).isEqualTo(LocalDate.parse("2025-07-03"));
		assertThat(model.sampledCustomers()).isEqualTo(12);
		assertThat(model.trainingRows()).isEqualTo(6 * early.size());
		assertThat(model.testRows()).isEqualTo(3 * all.size());
		// training: the loyal never churn; the gone churn from December 2024 on (5 of 6
		// snapshots)
		assertThat(model.trainingChurnRate()).isCloseTo(20.0 / 48, within(1e-6));
		// test: the gone and the one-time buyers churned at each of the 3 snapshots
		assertThat(model.testChurnRate()).isCloseTo(18.0 / 36, within(1e-6));
		assertThat(model.treeAuc()).isBetween(0.0, 1.0);
		assertThat(model.baselineAuc()).isBetween(0.0, 1.0);
		assertThat(model.rulesText()).contains("churn risk");
		assertThat(model.rules()).isNotEmpty();
		assertThat(model.features()).startsWith("days since last purchase");

		CustomerScores gone = this.analytics.customer(run.id(), early.get(1)).orElseThrow();
		assertThat(gone.churnProbability()).isNotNull();
		assertThat(gone.churnProbability().doubleValue()).isBetween(0.0, 1.0);

		JsonNode body = fx.body(fx.get(Role.MANAGER, AnalyticsApi.BASE + "/churn-model?run=" + run.id()));
		assertThat(body.at("/trainingRows").asInt()).isEqualTo(48);
		assertThat(body.at("/tree/samples").asLong()).isEqualTo(48);

		String reader = "churn-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(reader, "Churn Reader", "console-test-password", java.util.EnumSet.of(Role.MARKETER));
		String page = AnalyticsFixture.text(this.mvc.get()
			.uri("/analytics?run={run}", run.id())
			.with(user(this.users.loadUserByUsername(reader)))
			.exchange());
		assertThat(page).contains("id=\"churn-auc\"");
		for (String rule : model.rules()) {
			assertThat(page).contains(rule.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
		}
		String russian = AnalyticsFixture.text(this.mvc.get()
			.uri("/analytics?run={run}", run.id())
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(user(this.users.loadUserByUsername(reader)))
			.exchange());
		assertThat(model.rules()).isNotEmpty();
		assertThat(russian.split(", то риск оттока ", -1)).hasSize(model.rules().size() + 1);
		assertThat(russian).doesNotContain("then churn risk");
	}

	@Test
	void withoutHistoryTheChurnModelIsUnavailableWithTheReasonNotAFailedRun() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID one = fx.customer("C-short");
		fx.purchases(one, "20.00", "2025-12-20");
		AnalyticsRun run = this.analytics.runFor(List.of(one), Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		ChurnModel model = this.analytics.churnModel(run.id());
		assertThat(model.unavailable()).contains("churn model not trained");
		assertThat(model.trainingRows()).isZero();
		assertThat(model.tree()).isNull();
	}

}
