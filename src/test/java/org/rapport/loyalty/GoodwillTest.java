package org.rapport.loyalty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.platform.web.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A goodwill bonus to the members a programme change would hurt: the same points and
 * reason to each, each adjustment audited, all or none, and a retry gives nothing twice.
 */
@IntegrationTest
class GoodwillTest {

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
	AuditTrail audit;

	LoyaltyFixture fx;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	UUID ana;

	UUID bea;

	@BeforeEach
	void members() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.ana = member(this.programme);
		this.bea = member(this.programme);
	}

	UUID member(LoyaltyProgramme p) {
		return UUID.fromString(this.fx.enrol(p, this.fx.customer()).get("accountId").asString());
	}

	long available(UUID account) {
		return this.loyalty.member(account).available();
	}

	@Test
	void eachMemberGetsThePointsWithTheReasonAndEachAdjustmentIsAudited() {
		List<Movement> given = this.loyalty.goodwill(this.programme.code(), List.of(this.ana, this.bea, this.ana), 50,
				"Sorry for the change", "k-" + LoyaltyFixture.unique());

		assertThat(given).hasSize(2).allSatisfy((m) -> {
			assertThat(m.kind()).isEqualTo(MovementKind.ADJUST);
			assertThat(m.available()).isEqualTo(50);
			assertThat(m.reason()).isEqualTo("Sorry for the change");
		});
		assertThat(available(this.ana)).isEqualTo(50);
		assertThat(available(this.bea)).isEqualTo(50);
		for (UUID account : List.of(this.ana, this.bea)) {
			assertThat(this.audit.entriesAbout("loyalty_account", account.toString()))
				.anySatisfy((e) -> assertThat(e.action()).isEqualTo("loyalty.adjusted"));
		}
	}

	@Test
	void theSameKeyGivesNobodyAnythingTwice() {
		String key = "k-" + LoyaltyFixture.unique();
		List<Movement> first = this.loyalty.goodwill(this.programme.code(), List.of(this.ana, this.bea), 50, "Sorry",
				key);

		List<Movement> again = this.loyalty.goodwill(this.programme.code(), List.of(this.bea, this.ana), 50, "Sorry",
				key);

		assertThat(again).extracting(Movement::id).containsExactlyElementsOf(first.stream().map(Movement::id).toList());
		assertThat(available(this.ana)).isEqualTo(50);
		assertThat(available(this.bea)).isEqualTo(50);
	}

	@Test
	void aMemberOfAnotherProgrammeRefusesTheWholeBonusAndNobodyGetsAnything() {
		UUID stranger = member(this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null));

		assertThatThrownBy(() -> this.loyalty.goodwill(this.programme.code(), List.of(this.ana, stranger, this.bea), 50,
				"Sorry", "k-" + LoyaltyFixture.unique()))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.fieldProblems()).anySatisfy((p) -> assertThat(p.field()).isEqualTo("accountIds"));
			});
		assertThat(available(this.ana)).isZero();
		assertThat(available(this.bea)).isZero();
		assertThat(available(stranger)).isZero();
	}

	@Test
	void pointsOutOfRangeNoMemberOrNoReasonAreRefusedByField() {
		String code = this.programme.code();
		assertThatThrownBy(() -> this.loyalty.goodwill(code, List.of(this.ana), 0, "Sorry", "k"))
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.fieldProblems()).extracting((p) -> p.field()).containsExactly("points"));
		assertThatThrownBy(() -> this.loyalty.goodwill(code, List.of(), 10, "Sorry", "k")).isInstanceOfSatisfying(
				ApiException.class,
				(ex) -> assertThat(ex.fieldProblems()).extracting((p) -> p.field()).containsExactly("accountIds"));
		assertThatThrownBy(() -> this.loyalty.goodwill(code, List.of(this.ana), 10, " ", "k")).isInstanceOfSatisfying(
				ApiException.class,
				(ex) -> assertThat(ex.fieldProblems()).extracting((p) -> p.field()).containsExactly("reason"));
		assertThat(available(this.ana)).isZero();
	}

	@Test
	void theApiGivesTheBonusToStaffWhoMayAdjustPoints() {
		Map<String, Object> body = Map.of("accountIds", List.of(this.ana, this.bea), "points", 25, "reason", "Goodwill",
				"idempotencyKey", "api-" + LoyaltyFixture.unique());
		String uri = ProgrammeApi.BASE + "/" + this.programme.code() + "/goodwill";

		assertThat(this.fx.post(this.fx.as(Role.SALES), uri, body, null)).hasStatus(403);
		MvcTestResult given = this.fx.post(this.fx.as(Role.MANAGER), uri, body, null);

		assertThat(given).hasStatus(201);
		JsonNode movements = this.fx.body(given);
		assertThat(movements).hasSize(2);
		assertThat(available(this.ana)).isEqualTo(25);
		assertThat(available(this.bea)).isEqualTo(25);
	}

	MvcTestResult console(Role role, String points, UUID... accounts) {
		var request = this.mvc.post()
			.uri("/loyalty/programmes/{c}/goodwill", this.programme.code())
			.param("points", points)
			.param("reason", "Goodwill before the programme change")
			.param("key", "c-" + LoyaltyFixture.unique())
			.with(this.staff.as(role))
			.with(csrf());
		for (UUID account : accounts) {
			request = request.param("account", account.toString());
		}
		return request.exchange();
	}

	@Test
	void theConsoleSaysWhoGotThePointsAndRefusesAnythingButAWholeNumber() throws Exception {
		MvcTestResult given = console(Role.ADMIN, "40", this.ana, this.bea);
		assertThat(given).hasStatusOk();
		assertThat(given.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("40 points given to 2 members")
			.contains("id=\"goodwill-members\"");
		assertThat(available(this.ana)).isEqualTo(40);

		assertThat(console(Role.ADMIN, "forty", this.ana)).hasStatus(422)
			.bodyText()
			.contains("id=\"goodwill-error-points\"");
		assertThat(console(Role.ADMIN, "10")).hasStatus(422).bodyText().contains("id=\"goodwill-error-accountIds\"");
		assertThat(console(Role.SALES, "40", this.ana)).hasStatus(403);
		assertThat(available(this.ana)).isEqualTo(40);
	}

}
