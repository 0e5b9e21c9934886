package org.rapport.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The analytics cards of the start page on fourteen buyers scored in a run scoped to
 * them, all buying on the same three days: six are at high risk (a refused offer and an
 * unresolved service request), five at medium risk (a refused offer), one has not bought
 * for over a year (churned) and two are at low risk. Within each group a higher letter
 * number spent less per purchase.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartPageCardsConsoleTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

	static final Pattern ROW = Pattern.compile("class=\"attention\" data-customer=\"([0-9a-f-]{36})\"");

	static final String[] DAYS = { "2025-10-01", "2025-11-01", "2025-12-01" };

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Analytics analytics;

	final Map<String, UUID> ids = new LinkedHashMap<>();

	final Map<Role, String> logins = new EnumMap<>(Role.class);

	AnalyticsRun run;

	@BeforeAll
	void fourteenBuyersAreScored() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		for (int i = 1; i <= 6; i++) {
			String name = "H" + i;
			this.ids.put(name, fx.customer(name));
			fx.purchases(id(name), (700 - 100 * i) + ".00", DAYS);
			fx.contact(id(name), "CALL", "phone", "2025-12-15", "REFUSED", null);
			fx.contact(id(name), "SERVICE_REQUEST", "phone", "2025-12-16", "PENDING", null);
		}
		for (int i = 1; i <= 5; i++) {
			String name = "M" + i;
			this.ids.put(name, fx.customer(name));
			fx.purchases(id(name), (60 - 10 * i) + ".00", DAYS);
			fx.contact(id(name), "CALL", "phone", "2025-12-15", "REFUSED", null);
		}
		this.ids.put("C1", fx.customer("C1"));
		fx.purchases(id("C1"), "900.00", "2024-06-01", "2024-07-01");
		for (String name : List.of("L1", "L2")) {
			this.ids.put(name, fx.customer(name));
			fx.purchases(id(name), "800.00", DAYS);
		}
		this.run = this.analytics.runFor(this.ids.values(), AS_OF);
	}

	UUID id(String name) {
		return this.ids.get(name);
	}

	RequestPostProcessor as(Role role) {
		String username = this.logins.computeIfAbsent(role, (r) -> {
			String name = "start-" + r.name().toLowerCase().replace('_', '-') + "-"
					+ UUID.randomUUID().toString().substring(0, 8);
			this.staff.create(name, "Test " + r.name(), "start-page-test-password", EnumSet.of(r));
			return name;
		});
		return user(this.users.loadUserByUsername(username));
	}

	MvcTestResult get(Role role, String uri, Object... vars) {
		return this.mvc.get().uri(uri, vars).with(as(role)).exchange();
	}

	static List<UUID> listed(MvcTestResult result) {
		List<UUID> found = new ArrayList<>();
		Matcher matcher = ROW.matcher(AnalyticsFixture.text(result));
		while (matcher.find()) {
			found.add(UUID.fromString(matcher.group(1)));
		}
		return found;
	}

	@Test
	void theAttentionListIsOrderedByRiskThenValueAndLimitedToTen() {
		MvcTestResult card = get(Role.MARKETER, "/analytics/start/attention?run={run}", this.run.id());
		assertThat(card).hasStatusOk();
		assertThat(listed(card)).containsExactly(id("H1"), id("H2"), id("H3"), id("H4"), id("H5"), id("H6"), id("M1"),
				id("M2"), id("M3"), id("M4"));
		assertThat(AnalyticsFixture.text(card)).contains("id=\"needs-attention\"")
			.contains("href=\"/customers/" + id("H1") + "\"")
			.contains("Refused an offer or service")
			.doesNotContain("<html");
	}

	@Test
	void customersAtLowRiskAreNeverListedAndTheLostComeAfterTheAtRisk() {
		AnalyticsRun few = this.analytics.runFor(List.of(id("L1"), id("C1"), id("M5"), id("L2")), AS_OF);
		assertThat(listed(get(Role.MANAGER, "/analytics/start/attention?run={run}", few.id())))
			.containsExactly(id("M5"), id("C1"));
		AnalyticsRun calm = this.analytics.runFor(List.of(id("L1"), id("L2")), AS_OF);
		assertThat(AnalyticsFixture.text(get(Role.MANAGER, "/analytics/start/attention?run={run}", calm.id())))
			.contains("id=\"attention-none\"")
			.doesNotContain("class=\"attention\"");
	}

	@Test
	void theKeyFiguresAreThoseOfTheRunWithItsAsOfTime() {
		String card = AnalyticsFixture.text(get(Role.MARKETER, "/analytics/start/attention?run={run}", this.run.id()));
		assertThat(card).containsPattern("id=\"figure-buyers\">14<")
			.containsPattern("id=\"figure-high-risk\">6<")
			.contains("2026-01-01 00:00 UTC")
			.contains("href=\"/analytics/customers?run=" + this.run.id() + "&amp;order=PRIORITY\"");
	}

	@Test
	void theBehaviourStagesCardCountsTheRunsStagesAndLinksEachToItsCustomers() {
		Charts.Lifecycle lifecycle = this.analytics.lifecycle(this.run.id());
		String card = AnalyticsFixture.text(get(Role.MARKETER, "/analytics/start/stages?run={run}", this.run.id()));
		assertThat(card).contains("Customers by lifecycle stage (from behaviour)");
		assertThat(lifecycle.stages()).isNotEmpty();
		for (Charts.Count count : lifecycle.stages()) {
			assertThat(card).contains("href=\"/analytics/customers?run=" + this.run.id() + "&amp;stage=" + count.key()
					+ "\" id=\"behaviour-stage-" + count.key() + "\"");
		}
		assertThat(lifecycle.stages().stream().mapToLong(Charts.Count::customers).sum()).isEqualTo(14);
	}

	@Test
	void withoutACompletedRunTheAttentionCardSaysSoAndTheStagesCardIsAbsent() {
		UUID none = UUID.randomUUID();
		assertThat(AnalyticsFixture.text(get(Role.MARKETER, "/analytics/start/attention?run={run}", none)))
			.contains("id=\"attention-no-run\"")
			.doesNotContain("id=\"key-figures\"");
		MvcTestResult stages = get(Role.MARKETER, "/analytics/start/stages?run={run}", none);
		assertThat(stages).hasStatusOk();
		assertThat(AnalyticsFixture.text(stages)).isBlank();
	}

	@Test
	void staffWithoutTheAnalyticsPermissionGet403OnTheCardsAndAStartPageWithoutThem() {
		assertThat(get(Role.SALES, "/analytics/start/attention")).hasStatus(403);
		assertThat(get(Role.SALES, "/analytics/start/stages")).hasStatus(403);
		MvcTestResult page = get(Role.SALES, "/");
		assertThat(page).hasStatusOk();
		assertThat(AnalyticsFixture.text(page))
			.contains("id=\"stage-counts\"", "Customers by stage set by staff", "id=\"mine\"",
					"hx-get=\"/loyalty/start/offers\"")
			.doesNotContain("/analytics/start/");
	}

	@Test
	void staffWhoMayReadTheAnalyticsGetItsCardsOnTheStartPageFirst() {
		String page = AnalyticsFixture.text(get(Role.MARKETER, "/"));
		assertThat(page).contains("hx-get=\"/analytics/start/attention\"", "hx-get=\"/analytics/start/stages\"",
				"id=\"stage-counts\"");
		assertThat(page.indexOf("/analytics/start/attention")).isLessThan(page.indexOf("/loyalty/start/offers"));
		assertThat(page.indexOf("/loyalty/start/offers")).isLessThan(page.indexOf("/analytics/start/stages"));
	}

	@Test
	void theCardsNeedASignedInUser() {
		assertThat(this.mvc.get().uri("/analytics/start/attention").exchange()).hasStatus3xxRedirection();
	}

}
