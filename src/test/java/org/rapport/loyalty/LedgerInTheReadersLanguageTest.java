package org.rapport.loyalty;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's reasons and an earning's steps read in the reader's language (ADR 0092) on
 * PostgreSQL: the API in the caller's Accept-Language, the member panel and the statement
 * in the page's language; a reason a person typed stays as typed, and what is stored
 * stays English.
 */
@IntegrationTest
class LedgerInTheReadersLanguageTest {

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

	@Autowired
	JdbcClient jdbc;

	LoyaltyFixture fx;

	UUID customer;

	UUID account;

	@BeforeEach
	void aMemberWhoBoughtAndGotAGoodwillCorrection() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		LoyaltyProgramme programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.customer = this.fx.customer();
		this.account = UUID.fromString(this.fx.enrol(programme, this.customer).get("accountId").asString());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String sku = this.fx.product("coats");
		this.fx.record(this.fx.purchase(this.customer, today.minusDays(20) + "T10:00:00Z", sku, "60.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(this.account).available() == 10);
		this.loyalty.adjust(this.account, 5, "Goodwill for the cold coffee", "adj-" + LoyaltyFixture.unique());
	}

	@Test
	void theApiGivesTheEnginesReasonsInTheCallersLanguageAndAPersonsAsTyped() {
		String uri = MemberApi.MEMBERS + "/" + this.account + "/ledger";

		assertThat(reasons(ledger(uri, "es"))).containsExactly("Goodwill for the cold coffee", "Compra de 60.00 EUR");
		assertThat(reasons(ledger(uri, "ru"))).contains("Покупка на 60.00 EUR");
		assertThat(reasons(ledger(uri, null))).containsExactly("Goodwill for the cold coffee", "Purchase of 60.00 EUR");
		assertThat(this.jdbc.sql("SELECT reason FROM loyalty_movement WHERE account_id = ? AND kind = 'EARN'")
			.param(this.account)
			.query(String.class)
			.single()).as("what is stored").isEqualTo("Purchase of 60.00 EUR");

		JsonNode earning = earningOf(ledger(uri, "es"));
		assertThat(earning.get("steps").findValuesAsString("explanation")).as("the earning's steps in Spanish")
			.contains("60.00 × 1 / 6 redondeado hacia abajo por compra",
					"Multiplicador del nivel ×1 sobre 10 (redondeado hacia abajo)");
		assertThat(earningOf(ledger(uri, null)).get("steps").findValuesAsString("explanation"))
			.as("the earning's steps in English, as stored")
			.contains("60.00 × 1 / 6 rounded FLOOR per purchase");
		assertThat(earning.get("points").asLong()).isEqualTo(10);

		MvcTestResult statement = this.mvc.get()
			.uri(MemberApi.MEMBERS + "/" + this.account + "/statement")
			.with(this.fx.as(Role.SERVICE_AGENT))
			.header("Accept-Language", "ms")
			.exchange();
		assertThat(statement).hasStatus(200);
		assertThat(reasons(this.fx.body(statement).get("movements"))).containsExactly("Pembelian 60.00 EUR",
				"Goodwill for the cold coffee");
	}

	@Test
	void theMemberPanelShowsReasonsAndTheRuleByRuleExplanationInThePagesLanguage() {
		ConsoleStaff staff = new ConsoleStaff(this.staffDirectory, this.users);
		MvcTestResult panel = this.mvc.get()
			.uri("/customers/" + this.customer + "/loyalty")
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "es"))
			.exchange();
		assertThat(panel).hasStatus(200);
		assertThat(panel).bodyText()
			.contains("Compra de 60.00 EUR", "Goodwill for the cold coffee",
					"60.00 × 1 / 6 redondeado hacia abajo por compra",
					"Multiplicador del nivel ×1 sobre 10 (redondeado hacia abajo)")
			.doesNotContain("Purchase of 60.00 EUR", "rounded FLOOR per purchase", "redondeado FLOOR");

		MvcTestResult statement = this.mvc.get()
			.uri("/loyalty/members/" + this.account + "/statement")
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "ru"))
			.exchange();
		assertThat(statement).hasStatus(200);
		assertThat(statement).bodyText().contains("Покупка на 60.00 EUR").doesNotContain("Purchase of 60.00 EUR");
	}

	@Test
	void theMembersCopyOfAStatementIsInTheMembersLanguageWhateverThePageSpeaks() {
		LoyaltyProgramme programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		org.rapport.customer.NewCustomer p = org.rapport.customer.NewCustomer.person("Irina",
				"Copy " + LoyaltyFixture.unique());
		UUID russian = this.customers
			.create(new org.rapport.customer.NewCustomer(p.kind(), p.givenName(), p.familyName(), null, null, "ru",
					null, null, null, null, null, null, null))
			.id();
		UUID member = UUID.fromString(this.fx.enrol(programme, russian).get("accountId").asString());
		this.fx.record(this.fx.purchase(russian, LocalDate.now(ZoneOffset.UTC).minusDays(3) + "T10:00:00Z",
				this.fx.product("coats"), "60.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(member).available() == 10);
		ConsoleStaff staff = new ConsoleStaff(this.staffDirectory, this.users);

		MvcTestResult page = this.mvc.get()
			.uri("/loyalty/members/" + member + "/statement")
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "en"))
			.exchange();
		assertThat(page).hasStatus(200);
		assertThat(page).bodyText()
			.contains("Purchase of 60.00 EUR")
			.containsPattern("<option value=\"ru\" selected=\"selected\">")
			.contains("id=\"statement-document\"");

		MvcTestResult copy = this.mvc.get()
			.uri("/loyalty/members/" + member + "/statement/document")
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "en"))
			.exchange();
		assertThat(copy).hasStatus(200);
		assertThat(copy).bodyText()
			.contains("lang=\"ru\"", "Покупка на 60.00 EUR", "Назад к выписке")
			.doesNotContain("Purchase of 60.00 EUR", "Balance at the start");

		MvcTestResult chosen = this.mvc.get()
			.uri("/loyalty/members/" + member + "/statement/document?language=es")
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "en"))
			.exchange();
		assertThat(chosen).bodyText().contains("lang=\"es\"", "Compra de 60.00 EUR");
		MvcTestResult staffPage = this.mvc.get()
			.uri("/customers/" + russian)
			.with(staff.as(Role.SERVICE_AGENT))
			.cookie(new Cookie("rapport-lang", "en"))
			.exchange();
		assertThat(staffPage).bodyText().as("the staff member's own language is untouched").contains("lang=\"en\"");
	}

	@Test
	void theSimulationExplainsEachRuleInTheCallersLanguage() {
		String code = this.loyalty.member(this.account).programmeCode();
		MvcTestResult result = this.mvc.post()
			.uri(ProgrammeApi.BASE + "/" + code + "/simulate")
			.with(this.fx.as(Role.MANAGER))
			.header("Accept-Language", "es")
			.contentType("application/json")
			.content("{\"basket\":{\"kind\":\"PURCHASE\",\"occurredAt\":\"2026-05-14T10:00:00Z\","
					+ "\"currency\":\"USD\",\"total\":12.00,\"lines\":[]}}")
			.exchange();
		assertThat(result).hasStatus(200);
		assertThat(this.fx.body(result).get("steps").get(0).get("explanation").asString())
			.isEqualTo("La compra está en USD y el programa en EUR: sin puntos");
	}

	private JsonNode ledger(String uri, String language) {
		var request = this.mvc.get().uri(uri).with(this.fx.as(Role.SERVICE_AGENT));
		if (language != null) {
			request = request.header("Accept-Language", language);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus(200);
		return this.fx.body(result).get("items");
	}

	/** The earning's explanation of the ledger's one earning movement, as JSON. */
	private JsonNode earningOf(JsonNode movements) {
		List<JsonNode> explained = new ArrayList<>();
		movements.forEach((m) -> {
			if (m.hasNonNull("explanation")) {
				explained.add(this.json.readTree(m.get("explanation").asString()));
			}
		});
		assertThat(explained).hasSize(1);
		return explained.get(0);
	}

	private static List<String> reasons(JsonNode movements) {
		List<String> reasons = new ArrayList<>();
		movements.forEach((m) -> reasons.add(m.get("reason").asString()));
		return reasons;
	}

}
