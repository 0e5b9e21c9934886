package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.Product;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** Programme administration in the console: settings, rules, simulation. */
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
