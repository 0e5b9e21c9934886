package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.Product;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Programme administration in the console: settings, rules, simulation; a refused rule in
 * the reader's language.
 */
@IntegrationTest
class ProgrammeConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Interactions interactions;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Autowired
	JsonMapper json;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	@BeforeEach
	void programme() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.loyalty
			.createProgramme(new ProgrammeSettings("ac-" + LoyaltyFixture.unique(), "Admin club", "EUR", "points",
					new BigDecimal("0.01"), 30, ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.CAP_AT_ZERO,
					(ConsentPurpose) null, Map.of("base", Combination.STACK, "bonus", Combination.BEST_OF), null));
		this.loyalty.saveRule(this.programme.code(), null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 6 EUR",
				RuleParams.spendRatio(1, "6"), null, null, null));
	}

	@Test
	void onlyAnAdministratorReachesProgrammeAdministration() {
		for (Role role : new Role[] { Role.MANAGER, Role.MARKETER, Role.SERVICE_AGENT }) {
			assertThat(this.mvc.get().uri("/loyalty/programmes").with(this.staff.as(role))).hasStatus(403);
		}
		assertThat(this.mvc.get().uri("/loyalty/programmes").with(this.staff.as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains(this.programme.code());
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rules", this.programme.code())
			.param("kind", "FIRST_PURCHASE")
			.param("group", "bonus")
			.param("name", "Welcome")
			.param("points", "50")
			.with(this.staff.as(Role.MANAGER))
			.with(csrf())).hasStatus(403);
	}

	@Test
	void settingsSavedOnAStaleVersionAreNotAppliedAndThePageSaysSo() {
		this.loyalty.changeProgramme(this.programme.code(), this.programme.version(),
				new ProgrammeSettings(this.programme.code(), "Renamed elsewhere", "EUR", "points",
						new BigDecimal("0.01"), 30, ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.CAP_AT_ZERO,
						null, this.programme.combination(), null));
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}", this.programme.code())
			.params(settings("Typed here", String.valueOf(this.programme.version())))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(409).bodyText().contains("id=\"stale\"").contains("Typed here");
		assertThat(this.loyalty.programme(this.programme.code()).name()).isEqualTo("Renamed elsewhere");

		int current = this.loyalty.programme(this.programme.code()).version();
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}", this.programme.code())
			.params(settings("Typed here", String.valueOf(current)))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.loyalty.programme(this.programme.code()).name()).isEqualTo("Typed here");
	}

	@Test
	void theRuleFormOffersTheCataloguesCategoriesForAMultiplier() {
		String category = "beans-" + LoyaltyFixture.unique();
		this.interactions.saveProduct(new Product("BN-" + LoyaltyFixture.unique(), "Beans", category, true));

		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/rules/new", this.programme.code())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("list=\"product-categories\"")
			.contains("<option value=\"" + category + "\">");
	}

	@Test
	void aMultiplierOfACategoryTheCatalogueDoesNotHaveIsWarnedOfInTheRuleList() {
		String category = "leaves-" + LoyaltyFixture.unique();
		EarnRule typo = this.loyalty.saveRule(this.programme.code(), null, new NewRule(RuleKind.PRODUCT_MULTIPLIER,
				"base", "Double on tea", RuleParams.multiplier(category + "x", "2"), null, null, null));
		this.interactions.saveProduct(new Product("LV-" + LoyaltyFixture.unique(), "Leaves", category, true));
		EarnRule known = this.loyalty.saveRule(this.programme.code(), null, new NewRule(RuleKind.PRODUCT_MULTIPLIER,
				"base", "Double on leaves", RuleParams.multiplier(category, "2"), null, null, null));

		assertThat(this.mvc.get().uri("/loyalty/programmes/{c}", this.programme.code()).with(this.staff.as(Role.ADMIN)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"rule-warning-" + typo.id() + "\"")
			.contains("No product in the catalogue has the category " + category + "x")
			.doesNotContain("id=\"rule-warning-" + known.id() + "\"");
	}

	@Test
	void aRuleMissingAParameterOfItsKindIsRefusedNextToThatField() {
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rules", this.programme.code())
			.param("kind", "SPEND_RATIO")
			.param("group", "base")
			.param("name", "Half rate")
			.param("pointsPerUnit", "1")
			.param("active", "true")
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422)
			.bodyText()
			// the message itself, not only the marked field
			.containsPattern("id=\"f-unitAmount-error\">[^<]*\\S[^<]*</span>");
		assertThat(this.loyalty.rules(this.programme.code())).hasSize(1);
	}

	@Test
	void anAddedRuleIsListedWithItsValidity() {
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rules", this.programme.code())
			.param("kind", "FIRST_PURCHASE")
			.param("group", "bonus")
			.param("name", "Welcome bonus")
			.param("points", "50")
			.param("validFrom", "2025-01-01")
			.param("validTo", "2025-12-31")
			.param("active", "true")
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection();
		EarnRule rule = this.loyalty.rules(this.programme.code())
			.stream()
			.filter((r) -> r.name().equals("Welcome bonus"))
			.findFirst()
			.orElseThrow();
		assertThat(rule.validTo()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(this.mvc.get().uri("/loyalty/programmes/{c}", this.programme.code()).with(this.staff.as(Role.ADMIN)))
			.hasStatusOk()
			.bodyText()
			.contains("Welcome bonus")
			.contains("2025-01-01")
			.contains("2025-12-31");
	}

	@Test
	void theSimulationExplainsABasketRuleByRule() {
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/simulate", this.programme.code())
			.param("day", "2025-06-01")
			.param("total", "61")
			.param("kind", "PURCHASE")
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("simulation-result")
			.contains("10 points")
			.contains("1 per 6 EUR");
	}

	@Test
	void aSimulatedBasketNoTillCouldSendIsRefusedNextToItsFieldAndTheTypedValuesStay() {
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/simulate", this.programme.code())
			.param("day", "2025-06-01")
			.param("total", "1e30")
			.param("kind", "BOGUS")
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.containsPattern("id=\"f-total-error\">[^<]*999999999999.99[^<]*</span>")
			.containsPattern("id=\"f-kind-error\">[^<]*PURCHASE[^<]*</span>")
			.contains("value=\"1e30\"")
			.doesNotContain("simulation-result");
	}

	@Test
	void theSimulationOffersTheInteractionKindsByTheirNamesAndARefusedBasketKeepsTheOneChosen() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/simulate", this.programme.code())
			.cookie(new Cookie("rapport-lang", "es"))
			.with(this.staff.as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.containsPattern("<select id=\"f-kind\" name=\"kind\">")
			.containsPattern("<option value=\"PURCHASE\"\\s+selected=\"selected\">Compra</option>")
			.contains("<option value=\"SURVEY_ANSWER\">Respuesta a encuesta</option>");
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/simulate", this.programme.code())
			.param("day", "2025-06-01")
			.param("total", "1e30")
			.param("kind", "CALL")
			.param("outcome", "NO_ANSWER")
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.contains("f-total-error")
			.containsPattern("<option value=\"CALL\"\\s+selected=\"selected\">Звонок</option>")
			.containsPattern("<option value=\"NO_ANSWER\"\\s+selected=\"selected\">Нет ответа</option>")
			.doesNotContain("<option value=\"PURCHASE\" selected");
	}

	@Test
	void aRefusedRuleIsExplainedInTheStaffMembersLanguage() {
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rules", this.programme.code())
			.param("kind", "SPEND_RATIO")
			.param("group", "g")
			.param("name", "Finer rate")
			.param("unitAmount", "0.001")
			.param("pointsPerUnit", "1")
			.param("active", "true")
			.cookie(new Cookie("rapport-lang", "es"))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.contains("id=\"f-unitAmount-error\">entre 0.01 y 1000000, con 2 decimales como máximo</span>")
			.contains(
					"el programa no tiene el grupo &#39;g&#39;: declárelo antes con su combinación (STACK o BEST_OF);")
			.doesNotContain("at most 2 decimals")
			.doesNotContain("declare it with its combination");
		assertThat(this.loyalty.rules(this.programme.code())).hasSize(1);
	}

	@Test
	void aRuleRefusedOverTheApiIsExplainedInTheCallersLanguageAndInEnglishWithoutOne() {
		JsonNode russian = refusedRule("ru");
		assertThat(russian.at("/detail").asString()).isEqualTo("В запросе есть недопустимые поля");
		assertThat(message(russian, "params.unitAmount"))
			.isEqualTo("от 0.01 до 1000000, знаков после запятой не больше: 2");
		assertThat(message(russian, "group")).startsWith(
				"в программе нет группы 'g': сначала объявите её со способом сочетания (STACK или BEST_OF); группы: [");

		JsonNode english = refusedRule(null);
		assertThat(english.at("/detail").asString()).isEqualTo("The request has invalid fields");
		assertThat(message(english, "params.unitAmount")).isEqualTo("between 0.01 and 1000000, at most 2 decimals");
		assertThat(message(english, "group")).startsWith(
				"the programme has no group 'g': declare it with its combination (STACK or BEST_OF) first; groups: [");
		assertThat(this.loyalty.rules(this.programme.code())).hasSize(1);
	}

	private JsonNode refusedRule(String language) {
		var request = this.mvc.post()
			.uri(ProgrammeApi.BASE + "/{c}/rules", this.programme.code())
			.with(user("rule-admin").authorities(() -> "loyalty:admin", () -> "loyalty:read"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"SPEND_RATIO\",\"group\":\"g\",\"name\":\"Finer rate\","
					+ "\"params\":{\"unitAmount\":0.001,\"pointsPerUnit\":1}}");
		if (language != null) {
			request = request.header("Accept-Language", language);
		}
		var result = request.exchange();
		assertThat(result).hasStatus(400);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private static String message(JsonNode problem, String field) {
		for (JsonNode error : problem.get("errors")) {
			if (field.equals(error.get("field").asString())) {
				return error.get("message").asString();
			}
		}
		throw new AssertionError("no error for " + field + " in " + problem);
	}

	private static org.springframework.util.MultiValueMap<String, String> settings(String name, String version) {
		var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
		form.add("name", name);
		form.add("currency", "EUR");
		form.add("pointName", "points");
		form.add("pointValue", "0.01");
		form.add("returnWindowDays", "30");
		form.add("expiryPolicy", "ROLLING");
		form.add("expiryMonths", "12");
		form.add("expiryPeriodMonths", "12");
		form.add("negativeBalance", "CAP_AT_ZERO");
		form.add("requiredConsent", "");
		form.add("groups", "base=STACK, bonus=BEST_OF");
		form.add("cardPrefix", "600");
		form.add("version", version);
		return form;
	}

}
