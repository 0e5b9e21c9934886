package org.rapport.loyalty;

import java.time.Duration;
import java.util.Map;
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
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The taxi call's apology: a programme may pay an event bonus only for contacts that
 * ended a given way, so a refused call recorded at the console earns the member the
 * programme's apology, once, with the reason in the ledger; a served call earns nothing.
 */
@IntegrationTest
class ApologyBonusTest {

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

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.loyalty.saveRule(this.programme.code(), null, new NewRule(RuleKind.EVENT, "bonus",
				"Apology for a refused call", RuleParams.event("CALL", "REFUSED", 50), null, null, null));
	}

	@Test
	void aRefusedCallRecordedAtTheConsoleEarnsTheMembersApologyOnceAndAServedCallNothing() {
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(this.programme, customer).get("accountId").asString());
		long before = total(account);
		String key = UUID.randomUUID().toString();

		call(customer, "SERVED", null, UUID.randomUUID().toString());
		call(customer, "REFUSED", "no car available", key);
		call(customer, "REFUSED", "no car available", key);

		await().atMost(Duration.ofSeconds(20)).until(() -> total(account) == before + 50);
		JsonNode ledger = this.fx
			.body(this.fx.get(this.fx.as(Role.SALES), MemberApi.MEMBERS + "/" + account + "/ledger"));
		assertThat(ledger.get("items").get(0).get("explanation").asString()).contains("Apology for a refused call",
				"Bonus for CALL refused");
		assertThat(ledger.get("items").get(0).get("reason").asString()).isEqualTo("Call refused");
		// the served call and the form sent twice earned nothing more
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> total(account) == before + 50);
		assertThat(this.loyalty.sumOfLedger(account).available() + this.loyalty.sumOfLedger(account).pending())
			.isEqualTo(before + 50);
	}

	@Test
	void aRefusedCallsReasonAndItsBonusReadInTheReadersLanguage() {
		UUID customer = this.fx.customer();
		UUID account = UUID.fromString(this.fx.enrol(this.programme, customer).get("accountId").asString());
		long before = total(account);
		call(customer, "REFUSED", "no car available", UUID.randomUUID().toString());
		await().atMost(Duration.ofSeconds(20)).until(() -> total(account) == before + 50);
		String ledger = MemberApi.MEMBERS + "/" + account + "/ledger";

		JsonNode spanish = this.fx
			.body(this.mvc.get().uri(ledger).with(this.fx.as(Role.SALES)).header("Accept-Language", "es").exchange())
			.get("items")
			.get(0);
		assertThat(spanish.get("reason").asString()).isEqualTo("Llamada: servicio denegado");
		assertThat(spanish.get("explanation").asString()).contains("Bonificación por llamada: servicio denegado")
			.doesNotContain("Bonus for");
		JsonNode russian = this.fx
			.body(this.mvc.get().uri(ledger).with(this.fx.as(Role.SALES)).header("Accept-Language", "ru").exchange())
			.get("items")
			.get(0);
		assertThat(russian.get("reason").asString()).isEqualTo("Звонок: отказ в обслуживании");
		assertThat(russian.get("explanation").asString()).contains("Бонус за звонок: отказ в обслуживании");

		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/simulate", this.programme.code())
			.param("day", "2026-03-01")
			.param("kind", "CALL")
			.param("outcome", "REFUSED")
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("Бонус за звонок: отказ в обслуживании")
			.doesNotContain("CALL refused");
	}

	@Test
	void theSimulationTakesTheContactsOutcome() {
		Map<String, Object> refused = Map.of("kind", "CALL", "outcome", "REFUSED", "occurredAt",
				"2026-03-01T10:00:00Z");
		Map<String, Object> served = Map.of("kind", "CALL", "outcome", "SERVED", "occurredAt", "2026-03-01T10:00:00Z");

		JsonNode apology = this.fx.body(this.fx.post(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/simulate", Map.of("basket", refused), null));
		JsonNode none = this.fx.body(this.fx.post(this.fx.as(Role.MARKETER),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/simulate", Map.of("basket", served), null));

		assertThat(apology.get("points").asLong()).isEqualTo(50);
		assertThat(none.get("points").asLong()).isZero();
	}

	@Test
	void theRuleFormKeepsTheOutcomeARuleNames() {
		EarnRule apology = this.loyalty.rules(this.programme.code())
			.stream()
			.filter((r) -> r.kind() == RuleKind.EVENT)
			.findFirst()
			.orElseThrow();

		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/rules/{r}", this.programme.code(), apology.id())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.containsPattern("<option value=\"REFUSED\"\\s+selected");
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rules", this.programme.code())
			.param("kind", "EVENT")
			.param("group", "bonus")
			.param("name", "Sorry we missed you")
			.param("points", "20")
			.param("interactionKind", "CALL")
			.param("outcome", "NO_ANSWER")
			.param("active", "true")
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.loyalty.rules(this.programme.code()))
			.anySatisfy((r) -> assertThat(r.params().outcome()).isEqualTo("NO_ANSWER"));
	}

	private void call(UUID customer, String outcome, String reason, String key) {
		var request = this.mvc.post()
			.uri("/customers/" + customer + "/contacts")
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())
			.header("HX-Request", "true")
			.param("kind", "CALL")
			.param("direction", "INBOUND")
			.param("outcome", outcome)
			.param("key", key);
		if (reason != null) {
			request = request.param("outcomeReason", reason);
		}
		assertThat(request).hasStatusOk().bodyText().contains("id=\"contact-recorded\"");
	}

	private long total(UUID account) {
		MemberSummary member = this.loyalty.member(account);
		return member.available() + member.pending();
	}

}
