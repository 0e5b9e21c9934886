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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The analytics pages of the console on five buyers and a prospect created here and
 * scored in a run scoped to them: buyer A bought most often, most recently and for the
 * most money, E least of all, so A is the only champion (5-5-5) and E the only lost buyer
 * (1-1-1); C refused an offer on a call.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsConsoleTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

	static final Pattern ROW = Pattern.compile("data-customer=\"([0-9a-f-]{36})\"");

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
	void fiveBuyersAndAProspectAreScored() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		for (String name : List.of("A", "B", "C", "D", "E", "P")) {
			this.ids.put(name, fx.customer(name));
		}
		fx.purchases(id("A"), "100.00", "2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01", "2025-12-20");
		fx.purchases(id("B"), "100.00", "2025-08-10", "2025-09-10", "2025-10-10", "2025-12-10");
		fx.purchases(id("C"), "100.00", "2025-08-20", "2025-09-20", "2025-11-20");
		fx.purchases(id("D"), "100.00", "2025-08-20", "2025-10-20");
		fx.purchases(id("E"), "100.00", "2025-09-15");
		fx.contact(id("C"), "CALL", "phone", "2025-12-15", "REFUSED", null);
		this.run = this.analytics.runFor(this.ids.values(), AS_OF);
	}

	UUID id(String name) {
		return this.ids.get(name);
	}

	RequestPostProcessor as(Role role) {
		String username = this.logins.computeIfAbsent(role, (r) -> {
			String name = "console-" + r.name().toLowerCase().replace('_', '-') + "-"
					+ UUID.randomUUID().toString().substring(0, 8);
			this.staff.create(name, "Test " + r.name(), "console-test-password", EnumSet.of(r));
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
	void aMarketerSeesEveryViewOfTheSnapshotWithSlotsForClassesAndTheChurnModel() {
		MvcTestResult page = get(Role.MARKETER, "/analytics?run={run}", this.run.id());
		assertThat(page).hasStatusOk();
		assertThat(AnalyticsFixture.text(page))
			.contains("id=\"chart-lorenz\"", "id=\"chart-segments\"", "id=\"rfm-grid\"", "id=\"loyalty-matrix\"",
					"id=\"risk-value\"", "id=\"chart-funnel\"", "id=\"chart-cohorts\"", "id=\"cohort-table\"",
					"id=\"analytics-data\"", "id=\"slot-classes\"", "id=\"slot-churn\"", this.run.modelVersion())
			.contains("No predictions yet.")
			.containsPattern("/webjars/chart.js/[^\"]*chart.umd.min.js")
			.doesNotContain("id=\"run-now\"");
	}

	@Test
	void theRfmGridLinksEachCellToItsCustomers() {
		assertThat(AnalyticsFixture.text(get(Role.MANAGER, "/analytics?run={run}", this.run.id())))
			.contains("/analytics/customers?run=" + this.run.id() + "&amp;r=5&amp;f=5");
	}

	@Test
	void salesStaffMayNotOpenThePopulationViewsButReadACustomersPanel() {
		assertThat(get(Role.SALES, "/analytics")).hasStatus(403);
		assertThat(get(Role.SALES, "/analytics/customers?run={run}&segment=CHAMPIONS", this.run.id())).hasStatus(403);
		assertThat(get(Role.SALES, "/analytics/customers/export?run={run}", this.run.id())).hasStatus(403);
		assertThat(get(Role.SALES, "/customers/{id}/analytics?run={run}", id("A"), this.run.id())).hasStatusOk();
	}

	@Test
	void aCellOfTheRfmGridListsExactlyItsCustomers() {
		assertThat(listed(get(Role.MARKETER, "/analytics/customers?run={run}&r=5&f=5", this.run.id())))
			.containsExactly(id("A"));
		assertThat(listed(get(Role.MARKETER, "/analytics/customers?run={run}&segment=LOST", this.run.id())))
			.containsExactly(id("E"));
		assertThat(listed(get(Role.MARKETER, "/analytics/customers?run={run}&top=20", this.run.id())))
			.containsExactly(id("A"));
	}

	@Test
	void theListOfAllBuyersIsOrderedByRevenueAndLinksToThe360Page() {
		MvcTestResult list = get(Role.MARKETER, "/analytics/customers?run={run}", this.run.id());
		assertThat(listed(list)).containsExactly(id("A"), id("B"), id("C"), id("D"), id("E"), id("P"));
		assertThat(AnalyticsFixture.text(list)).contains("href=\"/customers/" + id("A") + "\"")
			.contains("href=\"/analytics/customers/export?run=" + this.run.id() + "\"");
	}

	@Test
	void theCsvExportHasTheSameCustomersAsTheList() {
		MvcTestResult csv = get(Role.MARKETER, "/analytics/customers/export?run={run}&segment=CHAMPIONS",
				this.run.id());
		assertThat(csv).hasStatusOk();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
		String[] lines = AnalyticsFixture.text(csv).split("\r\n");
		assertThat(lines[0] + "\r\n").isEqualTo(ScoresCsv.HEADER);
		assertThat(lines).hasSize(2);
		assertThat(lines[1]).startsWith(id("A") + ",").contains(",500.00,EUR,5,", ",5,5,5,CHAMPIONS,");
	}

	@Test
	void aStageMoveListsExactlyTheBuyersWhoMadeItThatMonth() {
		assertThat(listed(get(Role.MARKETER,
				"/analytics/customers?run={run}&flowMonth=2025-12&flowFrom=REPEAT_BUYER&flowTo=LOYAL", this.run.id())))
			.containsExactly(id("A"));
		assertThat(listed(get(Role.MARKETER,
				"/analytics/customers?run={run}&flowMonth=2025-09&flowFrom=FIRST_TIME_BUYER&flowTo=REPEAT_BUYER",
				this.run.id())))
			.containsExactlyInAnyOrder(id("A"), id("B"), id("C"));
		assertThat(listed(get(Role.MARKETER,
				"/analytics/customers?run={run}&flowMonth=2025-09&flowFrom=PROSPECT&flowTo=FIRST_TIME_BUYER",
				this.run.id())))
			.containsExactly(id("E"));
	}

	@Test
	void everyStoredFlowListsAsManyCustomersAsItCounts() {
		List<Charts.Flow> flows = this.analytics.lifecycle(this.run.id()).flows();
		assertThat(flows).isNotEmpty();
		for (Charts.Flow flow : flows) {
			ScoreFilter.StageMove move = new ScoreFilter.StageMove(java.time.YearMonth.from(flow.month()),
					org.rapport.customer.LifecycleStage.valueOf(flow.from()),
					org.rapport.customer.LifecycleStage.valueOf(flow.to()));
			ScoreFilter filter = new ScoreFilter(this.run.id(), null, null, null, null, null, null, null, null, null,
					null, ScoreFilter.Order.REVENUE, null, null, move);
			assertThat(this.analytics.customers(filter, new org.rapport.customer.Paging(0, 50)).totalItems())
				.as("%s", flow)
				.isEqualTo(flow.customers());
		}
	}

	@Test
	void theFlowsTableLinksEachMoveToItsCustomersAndTheCsvExportKeepsTheMove() {
		assertThat(AnalyticsFixture.text(get(Role.MARKETER, "/analytics?run={run}", this.run.id())))
			.contains("/analytics/customers?run=" + this.run.id()
					+ "&amp;flowMonth=2025-12&amp;flowFrom=REPEAT_BUYER&amp;flowTo=LOYAL");
		MvcTestResult list = get(Role.MARKETER,
				"/analytics/customers?run={run}&flowMonth=2025-12&flowFrom=REPEAT_BUYER&flowTo=LOYAL", this.run.id());
		assertThat(AnalyticsFixture.text(list)).contains("Stage move in: 2025-12", "Moved from: Repeat buyer")
			.contains("/analytics/customers/export?run=" + this.run.id()
					+ "&amp;flowMonth=2025-12&amp;flowFrom=REPEAT_BUYER&amp;flowTo=LOYAL");
		MvcTestResult csv = get(Role.MARKETER,
				"/analytics/customers/export?run={run}&flowMonth=2025-09&flowFrom=FIRST_TIME_BUYER&flowTo=REPEAT_BUYER",
				this.run.id());
		String[] lines = AnalyticsFixture.text(csv).split("\r\n");
		assertThat(lines).hasSize(4);
		assertThat(List.of(lines).subList(1, 4).stream().map((l) -> UUID.fromString(l.substring(0, 36))))
			.containsExactlyInAnyOrder(id("A"), id("B"), id("C"));
	}

	@Test
	void aStageMoveWithoutBothStagesIsAFriendlyBadRequest() {
		assertThat(get(Role.MARKETER, "/analytics/customers?run={run}&flowMonth=2025-12&flowTo=LOYAL", this.run.id()))
			.hasStatus(400);
	}

	@Test
	void anInvalidTopShareIsAFriendlyBadRequest() {
		assertThat(get(Role.MARKETER, "/analytics/customers?run={run}&top=150", this.run.id())).hasStatus(400);
	}

	@Test
	void theCustomerPanelShowsValueSegmentAndRiskReasonsInWords() {
		String panel = AnalyticsFixture
			.text(get(Role.SALES, "/customers/{id}/analytics?run={run}", id("C"), this.run.id()));
		assertThat(panel)
			.contains("id=\"customer-analytics\"", "300.00", "3", "Refused an offer or service",
					this.run.modelVersion(), "2026-01-01 00:00")
			.doesNotContain("<html");
		assertThat(AnalyticsFixture
			.text(get(Role.SERVICE_AGENT, "/customers/{id}/analytics?run={run}", id("A"), this.run.id())))
			.contains("Champions (R 5 · F 5 · M 5)");
	}

	@Test
	void aCustomerOutsideTheSnapshotIsNotYetComputed() {
		UUID outsider = this.customers
			.create(org.rapport.customer.NewCustomer.person("Outside", "Snapshot " + UUID.randomUUID()))
			.id();
		assertThat(
				AnalyticsFixture.text(get(Role.SALES, "/customers/{id}/analytics?run={run}", outsider, this.run.id())))
			.contains("id=\"analytics-not-computed\"");
	}

	@Test
	void onlyStaffWhoMayRunAnalyticsGetTheRunButtonAndItNeedsTheCsrfToken() {
		assertThat(AnalyticsFixture.text(get(Role.ADMIN, "/analytics"))).contains("id=\"run-now\"");
		assertThat(AnalyticsFixture.text(get(Role.MARKETER, "/analytics"))).doesNotContain("id=\"run-now\"");
		assertThat(this.mvc.post().uri("/analytics/runs").with(as(Role.MARKETER)).with(csrf())).hasStatus(403);
		assertThat(this.mvc.post().uri("/analytics/runs").with(as(Role.ADMIN))).hasStatus(403);
	}

	@Test
	void theProgressOfAFinishedRunOffersTheNewSnapshot() {
		assertThat(AnalyticsFixture.text(get(Role.MANAGER, "/analytics/runs/{id}", this.run.id())))
			.contains("id=\"run-completed\"")
			.doesNotContain("hx-trigger=\"every 2s\"");
	}

	@Test
	void theDashboardSpeaksTheStaffMembersLanguage() {
		assertThat(AnalyticsFixture.text(get(Role.MARKETER, "/analytics?run={run}&lang=es", this.run.id())))
			.contains("Segmentos RFM", "Lealtad × rentabilidad");
	}

}
