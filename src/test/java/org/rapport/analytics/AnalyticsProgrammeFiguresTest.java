package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.MonthFigures;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeFigures;
import org.rapport.loyalty.ProgrammeSettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * With loyalty present, the dashboard shows every programme's figures of the month its
 * snapshot describes, in a panel it loads after the page (ADR 0060): two members enrolled
 * in a new programme, then a run scoped to them as of now.
 */
@IntegrationTest
class AnalyticsProgrammeFiguresTest {

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
	Loyalty loyalty;

	@Autowired
	ProgrammeFigures figures;

	@Autowired
	UserDetailsService users;

	@Test
	void theDashboardShowsTheFiguresOfEachProgrammeInTheSnapshotMonth() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		String code = "an-" + UUID.randomUUID().toString().substring(0, 8);
		LoyaltyProgramme programme = this.loyalty.createProgramme(
				new ProgrammeSettings(code, "Figures Club " + code, "EUR", "points", new BigDecimal("0.01"), 0,
						ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.ALLOW, null, Map.of(), null));
		List<UUID> members = new ArrayList<>();
		for (String name : List.of("PF1", "PF2")) {
			UUID id = fx.customer(name);
			fx.purchases(id, "40.00", "2026-01-10");
			MvcTestResult enrolled = this.mvc.post()
				.uri("/api/v1/loyalty/programmes/{code}/members", programme.code())
				.with(fx.as(Role.SERVICE_AGENT))
				.header("Idempotency-Key", "enrol-" + UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("customerId", id, "card", "VIRTUAL")))
				.exchange();
			assertThat(enrolled).as(AnalyticsFixture.text(enrolled)).hasStatus(201);
			members.add(id);
		}
		AnalyticsRun run = this.analytics.runFor(members, Instant.now());
		YearMonth month = YearMonth.from(run.asOf().minusMillis(1).atZone(ZoneOffset.UTC));
		MonthFigures expected = this.figures.monthly(code, month, month).get(0);
		assertThat(expected.members()).isEqualTo(2);

		String dashboard = dashboard(Role.MARKETER, run.id());
		// the page names the panel's month and loads the figures after it is shown
		assertThat(dashboard).contains("hx-get=\"/analytics/programmes?month=" + month + "\"")
			.contains("Reading the figures of the programmes for " + month)
			.doesNotContain("id=\"programme-" + code + "\"");

		String page = get(Role.MARKETER, "/analytics/programmes?month=" + month, 200);

		int row = page.indexOf("id=\"programme-" + code + "\"");
		assertThat(row).isPositive();
		String block = page.substring(row, page.indexOf("</ul>", row));
		assertThat(block).contains("Figures Club " + code)
			.contains("<strong class=\"programme-members\">2</strong>")
			.contains(" EUR</strong>")
			// nothing of theirs expires within 30 days
			.contains("Expiring in 30 days")
			.contains("no member, 0.00 EUR");
		assertThat(page).contains("Figures for " + month)
			.contains("href=\"/loyalty/programmes/" + code + "/expiring\"")
			.contains("href=\"/loyalty/programmes/" + code + "/tier-offers\"");
	}

	@Test
	void theProgrammePanelIsRefusedToStaffWhoMayNotReadAnalytics() {
		get(Role.SERVICE_AGENT, "/analytics/programmes?month=2026-01", 403);
	}

	String get(Role role, String uri, int status) {
		String login = "pf-" + role.name().toLowerCase().replace('_', '-') + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(login, "Test " + role.name(), "pf-test-password", EnumSet.of(role));
		MvcTestResult result = this.mvc.get().uri(uri).with(user(this.users.loadUserByUsername(login))).exchange();
		assertThat(result).hasStatus(status);
		return AnalyticsFixture.text(result);
	}

	String dashboard(Role role, UUID run) {
		return get(role, "/analytics?run=" + run, 200);
	}

}
