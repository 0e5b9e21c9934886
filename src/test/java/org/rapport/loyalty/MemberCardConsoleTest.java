package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The member panel's tier and card management: who may do what, and what is refused. */
@IntegrationTest
class MemberCardConsoleTest {

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

	CardView card;

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.loyalty.createProgramme(new ProgrammeSettings("mc-" + LoyaltyFixture.unique(),
				"Card club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.customer = this.customers.create(NewCustomer.person("Cora", "Card " + LoyaltyFixture.unique())).id();
		this.member = this.loyalty.enrol(this.programme.code(),
				new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		this.card = this.member.cards().get(0);
		this.loyalty.adjust(this.member.accountId(), 75, "Opening balance", "adj-" + LoyaltyFixture.unique());
	}

	MvcTestResult post(Role role, String path, Map<String, String> params) {
		var request = this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/cards" + path, this.customer, this.member.accountId())
			.header("HX-Request", "true")
			.with(this.staff.as(role))
			.with(csrf());
		for (var p : params.entrySet()) {
			request = request.param(p.getKey(), p.getValue());
		}
		return request.param("key", UUID.randomUUID().toString()).exchange();
	}

	List<CardView> cards() {
		return this.loyalty.member(this.member.accountId()).cards();
	}

	@Test
	void aServiceAgentIssuesAVirtualCardFromThePanel() {
		assertThat(post(Role.SERVICE_AGENT, "", Map.of("kind", "VIRTUAL"))).hasStatusOk()
			.bodyText()
			.contains("membership-" + this.programme.code());
		assertThat(cards()).hasSize(2).allSatisfy((c) -> assertThat(c.status()).isEqualTo(CardStatus.ACTIVE));
	}

	@Test
	void aCardNumberWithAWrongCheckDigitIsRefusedNextToTheNumberAndNothingIsIssued() {
		assertThat(post(Role.SERVICE_AGENT, "", Map.of("kind", "PHYSICAL", "number", "4111111111111112"))).hasStatusOk()
			.bodyText()
			.contains("card-number-error")
			.contains("value=\"4111111111111112\"");
		assertThat(cards()).hasSize(1);
	}

	@Test
	void aCardReportedLostNoLongerFindsTheMemberButStaysListed() {
		assertThat(post(Role.SERVICE_AGENT, "/" + this.card.id() + "/status", Map.of("status", "LOST"))).hasStatusOk()
			.bodyText()
			.contains("data-status=\"LOST\"");
		assertThat(cards()).singleElement().satisfies((c) -> assertThat(c.status()).isEqualTo(CardStatus.LOST));
		assertThat(this.loyalty.findByCard(this.card.number()))
			.hasValueSatisfying((l) -> assertThat(l.usable()).isFalse());
	}

	@Test
	void aReplacedCardGivesWayToANewOneAndTheBalanceStaysOnTheAccount() {
		assertThat(post(Role.SERVICE_AGENT, "/" + this.card.id() + "/replacement", Map.of("kind", "PHYSICAL")))
			.hasStatusOk();
		assertThat(cards()).extracting(CardView::status)
			.containsExactlyInAnyOrder(CardStatus.REPLACED, CardStatus.ACTIVE);
		assertThat(cards()).filteredOn((c) -> c.status() == CardStatus.ACTIVE)
			.singleElement()
			.satisfies((c) -> assertThat(c.replaces()).isEqualTo(this.card.id()));
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(75);
	}

	@Test
	void anUnknownCardStatusIsRefusedOnThePanel() {
		assertThat(post(Role.SERVICE_AGENT, "/" + this.card.id() + "/status", Map.of("status", "ACTIVE"))).hasStatusOk()
			.bodyText()
			.contains("BLOCKED or LOST");
		assertThat(cards()).singleElement().satisfies((c) -> assertThat(c.status()).isEqualTo(CardStatus.ACTIVE));
	}

	@Test
	void aMarketerSeesTheCardsButCannotManageThem() {
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", this.customer).with(this.staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains(this.card.number())
			.doesNotContain("card-issue-form")
			.doesNotContain("card-status-form");
		assertThat(post(Role.MARKETER, "/" + this.card.id() + "/status", Map.of("status", "BLOCKED"))).hasStatus(403);
		assertThat(post(Role.MARKETER, "", Map.of("kind", "VIRTUAL"))).hasStatus(403);
		assertThat(cards()).singleElement().satisfies((c) -> assertThat(c.status()).isEqualTo(CardStatus.ACTIVE));
	}

	@Test
	void aCardOfAnotherCustomerCannotBeChangedThroughThisCustomersPanel() {
		UUID other = this.customers.create(NewCustomer.person("Otto", "Other " + LoyaltyFixture.unique())).id();
		assertThat(this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/cards/{c}/status", other, this.member.accountId(), this.card.id())
			.param("status", "BLOCKED")
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasFailed().failure().hasMessageContaining("does not exist");
		assertThat(cards()).singleElement().satisfies((c) -> assertThat(c.status()).isEqualTo(CardStatus.ACTIVE));
	}

	@Test
	void thePanelShowsTheTierTheProgressToTheNextAndAnOverrideWithItsEnd() {
		this.loyalty.applyTierLadder(this.programme.code(),
				new TierLadder(TierLadder.Measure.POINTS_EARNED, TierLadder.Window.ROLLING_12_MONTHS, 0,
						List.of(new Tier("SILVER", "Silver", new BigDecimal(500), null, null, false, null),
								new Tier("GOLD", "Gold", new BigDecimal(2000), null, new BigDecimal(5), true, null))),
				Instant.now());
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", this.customer).with(this.staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains("tier-" + this.programme.code())
			.contains("No tier")
			.contains("0 / 500 points earned towards Silver")
			.contains("500 points earned missing for Silver");
		Instant until = Instant.now().plus(40, ChronoUnit.DAYS);
		this.loyalty.overrideTier(this.member.accountId(), "SILVER", until, "Goodwill after a complaint");
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", this.customer).with(this.staff.as(Role.MARKETER)))
			.hasStatusOk()
			.bodyText()
			.contains(">Silver<")
			.contains("set by hand until " + until.atZone(ZoneOffset.UTC).toLocalDate())
			.contains("0 / 2000 points earned towards Gold")
			.contains("aria-valuenow=\"0\"");
	}

}
