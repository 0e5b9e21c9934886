package org.rapport.loyalty;

import java.util.UUID;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The member panel of the customer 360 page: who sees what, who may change what. */
@IntegrationTest
class MemberPanelConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	UUID customer;

	MemberSummary member;

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.loyalty
			.createProgramme(new ProgrammeSettings("pc-" + LoyaltyFixture.unique(), "Panel club", "EUR", "stars",
					new java.math.BigDecimal("0.05"), 14, ExpiryPolicy.NONE, 0, null, NegativeBalancePolicy.CAP_AT_ZERO,
					(ConsentPurpose) null, java.util.Map.of("base", Combination.STACK), null));
		this.customer = this.customers.create(NewCustomer.person("Pia", "Panel " + LoyaltyFixture.unique())).id();
		this.member = this.loyalty.enrol(this.programme.code(),
				new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		this.loyalty.adjust(this.member.accountId(), 40, "Welcome gift for the opening",
				"adj-" + LoyaltyFixture.unique());
	}

	@Test
	void theCustomerPageLoadsTheMemberPanelForStaffWhoMayReadLoyalty() {
		assertThat(this.mvc.get().uri("/customers/{id}", this.customer).with(this.staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"loyalty\"")
			.contains("hx-get=\"/customers/" + this.customer + "/loyalty\"");
	}

	@Test
	void aMarketerSeesBalanceCardsAndReasonsButNoAction() {
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", this.customer).with(this.staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains("membership-" + this.programme.code())
			.contains("stars")
			.contains("worth 2.00 EUR")
			.contains(this.member.cards().get(0).number())
			.contains("Welcome gift for the opening")
			.doesNotContain("adjust-form")
			.doesNotContain("enrol-form")
			.doesNotContain("<html");
	}

	@Test
	void aMarketerCannotAdjustEvenByPostingTheForm() {
		assertThat(this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/adjust", this.customer, this.member.accountId())
			.param("points", "100")
			.param("reason", "Because")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.MARKETER))
			.with(csrf())).hasStatus(403);
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(40);
	}

	@Test
	void aManagerAdjustsWithAReasonAndTheSameFormSentTwiceCountsOnce() {
		String key = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			assertThat(this.mvc.post()
				.uri("/customers/{id}/loyalty/{a}/adjust", this.customer, this.member.accountId())
				.param("points", "-15")
				.param("reason", "Points given twice by mistake")
				.param("key", key)
				.header("HX-Request", "true")
				.with(this.staff.as(Role.MANAGER))
				.with(csrf())).hasStatusOk().bodyText().contains("Points given twice by mistake");
		}
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(25);
	}

	@Test
	void anAdjustmentWithoutAReasonIsRefusedNextToTheReasonField() {
		assertThat(this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/adjust", this.customer, this.member.accountId())
			.param("points", "10")
			.param("reason", " ")
			.param("key", UUID.randomUUID().toString())
			.header("HX-Request", "true")
			.with(this.staff.as(Role.MANAGER))
			.with(csrf())).hasStatusOk().bodyText().contains("field-error").contains("give a reason");
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(40);
	}

	@Test
	void anAdjustmentWithoutTheCsrfTokenIsRefused() {
		assertThat(this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/adjust", this.customer, this.member.accountId())
			.param("points", "10")
			.param("reason", "No token")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.MANAGER))).hasStatus(403);
	}

	@Test
	void counterStaffEnrolACustomerFromThePanel() {
		UUID newcomer = this.customers.create(NewCustomer.person("Nils", "New " + LoyaltyFixture.unique())).id();
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", newcomer).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("enrol-" + this.programme.code());
		assertThat(this.mvc.post()
			.uri("/customers/{id}/loyalty/enrol", newcomer)
			.param("programme", this.programme.code())
			.param("card", "VIRTUAL")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/customers/" + newcomer + "#loyalty");
		assertThat(this.loyalty.membershipsOf(newcomer)).singleElement()
			.satisfies((m) -> assertThat(m.cards()).hasSize(1));
	}

}
