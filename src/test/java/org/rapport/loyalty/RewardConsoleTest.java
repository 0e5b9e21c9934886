package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The rewards catalogue administration: create, edit, deactivate; refused input. */
@IntegrationTest
class RewardConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	Customers customers;

	@Autowired
	UserDetailsService users;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	@BeforeEach
	void programme() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.loyalty.createProgramme(new ProgrammeSettings("rc-" + LoyaltyFixture.unique(),
				"Reward club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
	}

	MvcTestResult save(Role role, Map<String, String> fields) {
		var request = this.mvc.post()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.with(this.staff.as(role))
			.with(csrf());
		for (var f : fields.entrySet()) {
			request = request.param(f.getKey(), f.getValue());
		}
		return request.exchange();
	}

	@Test
	void anAdministratorCreatesARewardWithStockValidityAndAPerMemberLimit() {
		assertThat(save(Role.ADMIN,
				Map.of("name", "Spa day", "costPoints", "1500", "stock", "12", "validFrom", "2026-01-01", "validTo",
						"2030-12-31", "limitCount", "1", "limitPeriod", "YEAR", "voucherValidDays", "60", "active",
						"true")))
			.hasStatus3xxRedirection();
		assertThat(this.rewards.rewards(this.programme.code(), true)).singleElement().satisfies((r) -> {
			assertThat(r.name()).isEqualTo("Spa day");
			assertThat(r.costPoints()).isEqualTo(1500);
			assertThat(r.stock()).isEqualTo(12);
			assertThat(r.validFrom()).isEqualTo(LocalDate.of(2026, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
			assertThat(r.validTo()).isEqualTo(LocalDate.of(2031, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
			assertThat(r.limitCount()).isEqualTo(1);
			assertThat(r.limitPeriod()).isEqualTo(Reward.LimitPeriod.YEAR);
			assertThat(r.voucherValidDays()).isEqualTo(60);
		});
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk().bodyText().contains("Spa day").contains("1 / year");
	}

	@Test
	void aRewardWithoutACostIsRefusedNextToTheCostField() {
		assertThat(save(Role.ADMIN, Map.of("name", "Mug", "costPoints", "", "voucherValidDays", "30"))).hasStatus(422)
			.bodyText()
			.containsPattern("id=\"f-costPoints-error\">[^<]*\\S[^<]*</span>")
			.contains("value=\"Mug\"");
		assertThat(this.rewards.rewards(this.programme.code(), true)).isEmpty();
	}

	@Test
	void aRewardWithANegativeCostOrAnEndBeforeItsStartIsRefusedFieldByField() {
		assertThat(save(Role.ADMIN, Map.of("name", "Mug", "costPoints", "-5", "voucherValidDays", "30"))).hasStatus(422)
			.bodyText()
			.contains("f-costPoints-error");
		assertThat(save(Role.ADMIN,
				Map.of("name", "Mug", "costPoints", "5", "validFrom", "2027-05-01", "validTo", "2027-03-01",
						"voucherValidDays", "30")))
			.hasStatus(422)
			.bodyText()
			.containsPattern("id=\"f-validTo-error\">[^<]*\\S[^<]*</span>");
		assertThat(this.rewards.rewards(this.programme.code(), true)).isEmpty();
	}

	@Test
	void aRefusedRewardIsExplainedInTheStaffMembersLanguage() {
		Map<String, String> mug = Map.of("name", "Mug", "costPoints", "5", "voucherValidDays", "30");
		assertThat(save(Role.ADMIN, mug)).hasStatus3xxRedirection();
		var again = this.mvc.post()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.cookie(new Cookie("rapport-lang", "es"))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf());
		for (var f : mug.entrySet()) {
			again = again.param(f.getKey(), f.getValue());
		}
		assertThat(again.exchange()).hasStatus(422)
			.bodyText()
			.contains("id=\"form-problem\">El programa ya tiene una recompensa llamada Mug</p>")
			.doesNotContain("already has a reward");
		assertThat(save(Role.ADMIN, mug)).hasStatus(422)
			.bodyText()
			.contains("id=\"form-problem\">The programme already has a reward named Mug</p>");

		// what the form itself cannot read, too
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.param("name", "Cup")
			.param("costPoints", "")
			.param("voucherValidDays", "30")
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422).bodyText().contains(">укажите стоимость в баллах</span>");
		assertThat(save(Role.ADMIN, Map.of("name", "Cup", "costPoints", "", "voucherValidDays", "30"))).hasStatus(422)
			.bodyText()
			.contains(">give the cost in points</span>");
	}

	@Test
	void anEditedRewardKeepsItsIdAndADeactivatedOneIsNoLongerOffered() {
		Reward r = this.rewards.createReward(this.programme.code(),
				new NewReward("Tote bag", null, 200L, 5, null, null, null, null, 30, true));
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/rewards/{r}", this.programme.code(), r.id())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk().bodyText().contains("value=\"Tote bag\"");
		assertThat(save(Role.ADMIN,
				Map.of("id", r.id().toString(), "name", "Tote bag", "costPoints", "250", "stock", "9",
						"voucherValidDays", "30", "limitPeriod", "LIFETIME", "active", "true")))
			.hasStatus3xxRedirection();
		assertThat(this.rewards.reward(this.programme.code(), r.id()).costPoints()).isEqualTo(250);
		assertThat(this.rewards.reward(this.programme.code(), r.id()).stock()).isEqualTo(9);
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/rewards/{r}/deactivation", this.programme.code(), r.id())
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.rewards.rewards(this.programme.code(), false)).isEmpty();
		assertThat(this.rewards.reward(this.programme.code(), r.id()).active()).isFalse();
	}

	@Test
	void theCatalogueShowsHowMembersTakeEachReward() throws Exception {
		Reward scarf = this.rewards.createReward(this.programme.code(),
				new NewReward("Scarf", null, 100L, null, null, null, null, null, 30, true));
		this.rewards.createReward(this.programme.code(),
				new NewReward("Kite", null, 500L, null, null, null, null, null, 30, true));
		UUID customer = this.customers.create(NewCustomer.person("Rita", "Reward " + LoyaltyFixture.unique())).id();
		MemberSummary member = this.loyalty.enrol(this.programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		this.loyalty.adjust(member.accountId(), 400, "Opening balance", "adj-" + LoyaltyFixture.unique());
		for (int i = 0; i < 4; i++) {
			Redemption r = this.rewards.redeemReward(member.accountId(), scarf.id(), "r-" + LoyaltyFixture.unique());
			if (i < 3) {
				this.rewards.consumeVoucher(r.voucherCode(), null);
			}
		}

		String page = this.mvc.get()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.with(this.staff.as(Role.ADMIN))
			.exchange()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("id=\"reward-uptake\"");
		assertThat(between(page, "<tr class=\"uptake\" data-name=\"Scarf\">", "</tr>"))
			.contains("<td class=\"num uptake-redeemed\">4</td>")
			.contains("<span>3</span>")
			.contains("(75%)")
			.contains("<td class=\"num uptake-open\">1</td>");
		assertThat(between(page, "<tr class=\"uptake\" data-name=\"Kite\">", "</tr>"))
			.contains("<td class=\"num uptake-redeemed\">0</td>")
			.doesNotContain("%");
	}

	private static String between(String page, String from, String to) {
		int start = page.indexOf(from);
		assertThat(start).as(from).isNotNegative();
		return page.substring(start, page.indexOf(to, start));
	}

	@Test
	void aManagerCannotAdministerTheCatalogue() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/rewards", this.programme.code())
			.with(this.staff.as(Role.MANAGER))).hasStatus(403);
		assertThat(save(Role.MANAGER, Map.of("name", "Mug", "costPoints", "5", "voucherValidDays", "30")))
			.hasStatus(403);
		assertThat(this.rewards.rewards(this.programme.code(), true)).isEmpty();
	}

}
