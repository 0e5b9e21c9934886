package org.rapport.loyalty;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.NewIdentity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The counter screen: look-up by card or phone, redemption with a reason, once. */
@IntegrationTest
class CounterConsoleTest {

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

	MemberSummary member;

	String card;

	String phone;

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty
			.createProgramme(new ProgrammeSettings("cc-" + LoyaltyFixture.unique(), "Counter club", "EUR", "points",
					new java.math.BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null, NegativeBalancePolicy.CAP_AT_ZERO,
					(ConsentPurpose) null, java.util.Map.of("base", Combination.STACK), null));
		UUID customer = this.customers.create(NewCustomer.person("Carla", "Counter " + LoyaltyFixture.unique())).id();
		this.phone = "+3469"
				+ String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
		this.customers.addIdentity(customer, new NewIdentity(IdentityType.PHONE, null, this.phone, null));
		this.member = this.loyalty.enrol(programme.code(), new Enrolment(customer, null, null, CardKind.VIRTUAL, null),
				"enrol-" + LoyaltyFixture.unique());
		this.card = this.member.cards().get(0).number();
		this.loyalty.adjust(this.member.accountId(), 300, "Opening balance", "adj-" + LoyaltyFixture.unique());
	}

	@Test
	void aServiceAgentFindsTheMemberByCardOrByPhone() {
		assertThat(this.mvc.get().uri("/loyalty/counter").param("q", this.card).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("member-" + this.member.accountId())
			.contains("redeem-form");
		assertThat(
				this.mvc.get().uri("/loyalty/counter").param("q", this.phone).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("member-" + this.member.accountId());
	}

	@Test
	void theCounterShowsTheMembersTierWithTheBenefitsToHonourPriorityServiceFirst() {
		this.loyalty.applyTierLadder(this.member.programmeCode(), TierConsoleTest.ladder(TierConsoleTest.LADDER),
				java.time.Instant.now());
		this.loyalty.overrideTier(this.member.accountId(), "GOLD", java.time.Instant.now().plusSeconds(86_400 * 30),
				"Ten years a customer");

		assertThat(this.mvc.get().uri("/loyalty/counter").param("q", this.card).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains(">Counter club<")
			.contains("class=\"pill tier-name\">Gold<")
			.contains(">Priority service<", ">5 % discount<", ">×1.5 points<", ">Gifts: lounge<");
	}

	@Test
	void theCounterSaysWhatTheMemberStillNeedsForTheNextTierSoStaffCanOfferIt() {
		this.loyalty.applyTierLadder(this.member.programmeCode(), TierConsoleTest.ladder(TierConsoleTest.LADDER),
				java.time.Instant.now());
		MemberTier tier = this.loyalty.tierOf(this.member.accountId(), java.time.Instant.now());
		assertThat(tier.next()).isNotNull();

		assertThat(this.mvc.get().uri("/loyalty/counter").param("q", this.card).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("class=\"counter-next-tier\"")
			.contains("role=\"progressbar\"")
			.contains(tier.missingForNext().stripTrailingZeros().toPlainString() + " points earned missing for "
					+ tier.next().name());
	}

	@Test
	void aMemberWithoutATierShowsNoBenefits() {
		assertThat(this.mvc.get().uri("/loyalty/counter").param("q", this.card).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("member-" + this.member.accountId())
			.doesNotContain("tier-benefits")
			.doesNotContain("counter-tier");
	}

	@Test
	void aMarketerCannotOpenTheCounter() {
		assertThat(this.mvc.get().uri("/loyalty/counter").with(this.staff.as(Role.MARKETER))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/redeem")
			.param("accountId", this.member.accountId().toString())
			.param("points", "10")
			.param("reason", "Coffee")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.MARKETER))
			.with(csrf())).hasStatus(403);
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(300);
	}

	@Test
	void theSameRedeemFormSubmittedTwiceSpendsOnce() {
		String key = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			assertThat(this.mvc.post()
				.uri("/loyalty/counter/redeem")
				.param("q", this.card)
				.param("accountId", this.member.accountId().toString())
				.param("points", "120")
				.param("reason", "Cinema tickets")
				.param("key", key)
				.with(this.staff.as(Role.SERVICE_AGENT))
				.with(csrf())).hasStatus3xxRedirection();
		}
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(180);
		assertThat(this.loyalty.ledger(this.member.accountId(), 0, 10).items())
			.filteredOn((m) -> m.kind() == MovementKind.REDEEM)
			.singleElement()
			.satisfies((m) -> assertThat(m.reason()).isEqualTo("Cinema tickets"));
	}

	@Test
	void aRedemptionAboveTheBalanceIsRefusedOnTheFormAndSpendsNothing() {
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/redeem")
			.param("q", this.card)
			.param("accountId", this.member.accountId().toString())
			.param("points", "301")
			.param("reason", "Too much")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatus(422).bodyText().contains("redeem-problem").contains("value=\"301\"");
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(300);
	}

	@Test
	void aRedemptionWithoutAReasonIsRefusedNextToTheReasonField() {
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/redeem")
			.param("q", this.card)
			.param("accountId", this.member.accountId().toString())
			.param("points", "10")
			.param("reason", "")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatus(422).bodyText().contains("redeem-reason-error");
	}

}
