package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member's points statement (ADR 0087) on PostgreSQL: the opening balance is what came
 * before the period, the closing balance the opening plus the period's movements, and
 * without an end the member's balance now; through the API and the console, with a
 * refused date named by its field.
 */
@IntegrationTest
class StatementTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Loyalty loyalty;

	LoyaltyFixture fx;

	UUID customer;

	UUID account;

	LocalDate today;

	@BeforeEach
	void aMemberWhoBoughtTwiceAndGotACorrection() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		LoyaltyProgramme programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.customer = this.fx.customer();
		this.account = UUID.fromString(this.fx.enrol(programme, this.customer).get("accountId").asString());
		this.today = LocalDate.now(ZoneOffset.UTC);
		String sku = this.fx.product("coats");
		this.fx.record(this.fx.purchase(this.customer, this.today.minusDays(200) + "T10:00:00Z", sku, "60.00"));
		this.fx.record(this.fx.purchase(this.customer, this.today.minusDays(100) + "T10:00:00Z", sku, "120.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(this.account).available() == 30);
		this.loyalty.adjust(this.account, 5, "Goodwill", "adj-" + LoyaltyFixture.unique());
	}

	Instant day(int daysAgo) {
		return this.today.minusDays(daysAgo).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	@Test
	void aPeriodOpensWithWhatCameBeforeAndClosesWithWhatItAdded() {
		Statement s = this.loyalty.statement(this.account, day(150), day(50));

		assertThat(s.opening()).isEqualTo(new Balance(10, 0));
		assertThat(s.movements()).singleElement().satisfies((m) -> {
			assertThat(m.kind()).isEqualTo(MovementKind.EARN);
			assertThat(m.available()).isEqualTo(20);
		});
		assertThat(s.totals()).containsExactly(new Statement.KindTotal(MovementKind.EARN, 1, 20, 0));
		assertThat(s.closing()).isEqualTo(new Balance(30, 0));
		assertThat(s.complete()).isTrue();
	}

	@Test
	void withoutAnEndTheClosingBalanceIsTheMembersBalanceNow() {
		Statement all = this.loyalty.statement(this.account, null, null);
		Statement recent = this.loyalty.statement(this.account, day(10), null);

		MemberSummary now = this.loyalty.member(this.account);
		assertThat(all.opening()).isEqualTo(new Balance(0, 0));
		assertThat(all.movements()).extracting(Movement::kind)
			.containsExactly(MovementKind.EARN, MovementKind.EARN, MovementKind.ADJUST);
		assertThat(all.closing()).isEqualTo(new Balance(now.available(), now.pending())).isEqualTo(new Balance(35, 0));
		assertThat(recent.opening()).isEqualTo(new Balance(30, 0));
		assertThat(recent.closing()).isEqualTo(all.closing());
	}

	@Test
	void theApiGivesTheStatementAndNamesARefusedDate() {
		String uri = MemberApi.MEMBERS + "/" + this.account + "/statement";

		MvcTestResult result = this.fx.get(this.fx.as(Role.SERVICE_AGENT),
				uri + "?from=" + this.today.minusDays(150) + "&to=" + this.today.minusDays(50));

		assertThat(result).hasStatus(200);
		JsonNode body = this.fx.body(result);
		assertThat(body.get("opening").get("available").asLong()).isEqualTo(10);
		assertThat(body.get("closing").get("available").asLong()).isEqualTo(30);
		assertThat(body.get("movements").size()).isEqualTo(1);
		MvcTestResult bad = this.fx.get(this.fx.as(Role.SERVICE_AGENT), uri + "?from=last-week");
		assertThat(bad).hasStatus(400);
		assertThat(this.fx.body(bad).get("errors").get(0).get("field").asString()).isEqualTo("from");
	}

	@Test
	void theConsoleShowsTheStatementFromTheMemberPanel() {
		ConsoleStaff staff = new ConsoleStaff(this.staffDirectory, this.users);
		assertThat(this.mvc.get()
			.uri("/customers/" + this.customer + "/loyalty")
			.with(staff.as(Role.SERVICE_AGENT))
			.exchange()).bodyText().contains("id=\"statement-" + this.account + "\"");

		MvcTestResult page = this.mvc.get()
			.uri("/loyalty/members/" + this.account + "/statement?from=" + this.today.minusDays(150) + "&to="
					+ this.today.minusDays(50))
			.with(staff.as(Role.SERVICE_AGENT))
			.exchange();
		assertThat(page).hasStatus(200);
		assertThat(page).bodyText()
			.contains("id=\"statement-opening\"")
			.containsPattern("id=\"statement-closing\">\\s*<th>[^<]*</th>\\s*<td class=\"num\">30</td>");

		MvcTestResult refused = this.mvc.get()
			.uri("/loyalty/members/" + this.account + "/statement?from=2024-05-01&to=2024-04-01")
			.with(staff.as(Role.SERVICE_AGENT))
			.exchange();
		assertThat(refused).hasStatus(400);
		assertThat(refused).bodyText().contains("id=\"statement-error-to\"");
	}

}
