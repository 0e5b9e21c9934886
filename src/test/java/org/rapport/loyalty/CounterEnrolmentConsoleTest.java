package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Enrolment at the counter: a customer found by phone (or by another card or e-mail in
 * their record) who is not in a programme is enrolled there at once with a virtual card;
 * the programme's consent rule still holds. A loyalty card names its member first.
 */
@IntegrationTest
class CounterEnrolmentConsoleTest {

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

	UUID customer;

	String phone;

	@BeforeEach
	void customer() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.customer = this.customers.create(NewCustomer.person("Nora", "Newcomer " + LoyaltyFixture.unique())).id();
		this.phone = "+3468" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
		this.customers.addIdentity(this.customer, new NewIdentity(IdentityType.PHONE, null, this.phone, null));
	}

	LoyaltyProgramme programme(ConsentPurpose consent) {
		return this.loyalty.createProgramme(new ProgrammeSettings("ce-" + LoyaltyFixture.unique(), "Join club", "EUR",
				"points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null, NegativeBalancePolicy.CAP_AT_ZERO,
				consent, Map.of("base", Combination.STACK), null));
	}

	MvcTestResult enrol(Role role, String programme, String key) {
		return this.mvc.post()
			.uri("/loyalty/counter/enrolment")
			.param("q", this.phone)
			.param("customerId", this.customer.toString())
			.param("programme", programme)
			.param("key", key)
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	String counter(String q) throws Exception {
		return this.mvc.get()
			.uri("/loyalty/counter")
			.param("q", q)
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void aCustomerFoundByPhoneIsEnrolledAtTheCounterWithAVirtualCardAndThenShownAsAMember() throws Exception {
		LoyaltyProgramme club = programme(null);
		assertThat(counter(this.phone)).contains("counter-nothing")
			.contains("id=\"counter-join\"")
			.contains("Nora Newcomer")
			.contains("counter-enrol-" + club.code());

		MvcTestResult enrolled = enrol(Role.SERVICE_AGENT, club.code(), "join-" + LoyaltyFixture.unique());

		assertThat(enrolled).hasStatus(302);
		// back to the same look-up: the phone's + encoded, not read as a space
		assertThat(enrolled.getResponse().getRedirectedUrl())
			.isEqualTo("/loyalty/counter?q=%2B" + this.phone.substring(1) + "&enrolled=" + club.code());
		assertThat(this.loyalty.membershipsOf(this.customer)).singleElement().satisfies((m) -> {
			assertThat(m.programmeCode()).isEqualTo(club.code());
			assertThat(m.cards()).singleElement().satisfies((c) -> assertThat(c.kind()).isEqualTo(CardKind.VIRTUAL));
		});
		String after = this.mvc.get()
			.uri(java.net.URI.create(enrolled.getResponse().getRedirectedUrl()))
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(after).contains("counter-enrolled")
			.contains("member-" + this.loyalty.membershipsOf(this.customer).get(0).accountId())
			.doesNotContain("counter-enrol-" + club.code());
	}

	@Test
	void theSameEnrolFormSubmittedTwiceEnrolsOnce() {
		LoyaltyProgramme club = programme(null);
		String key = "join-" + LoyaltyFixture.unique();

		assertThat(enrol(Role.SERVICE_AGENT, club.code(), key)).hasStatus(302);
		assertThat(enrol(Role.SERVICE_AGENT, club.code(), key)).hasStatus(302);

		assertThat(this.loyalty.membershipsOf(this.customer)).hasSize(1);
	}

	@Test
	void aProgrammeThatNeedsAConsentTheCustomerHasNotGivenRefusesNextToItsButtonAndEnrolsNobody() {
		LoyaltyProgramme club = programme(ConsentPurpose.PROFILING);

		assertThat(enrol(Role.SERVICE_AGENT, club.code(), "join-" + LoyaltyFixture.unique())).hasStatus(422)
			.bodyText()
			.contains("counter-enrol-problem")
			.contains("counter-enrol-" + club.code());

		assertThat(this.loyalty.membershipsOf(this.customer)).isEmpty();
	}

	@Test
	void aCardLookUpOffersNoEnrolmentAndAMarketerCannotEnrol() throws Exception {
		LoyaltyProgramme club = programme(null);
		MemberSummary member = this.loyalty.enrol(club.code(),
				new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		programme(null);
		assertThat(counter(member.cards().get(0).number())).contains("member-" + member.accountId())
			.doesNotContain("id=\"counter-join\"");

		LoyaltyProgramme other = programme(null);
		assertThat(enrol(Role.MARKETER, other.code(), "join-" + LoyaltyFixture.unique())).hasStatus(403);
		assertThat(this.loyalty.membershipsOf(this.customer)).hasSize(1);
	}

	/** A store card number kept in the customer's record, written as printed. */
	static String storeCard() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "7000 " + String.format("%04d %04d %04d", r.nextInt(10_000), r.nextInt(10_000), r.nextInt(10_000));
	}

	@Test
	void aMemberIsFoundByACardInTheirCustomerRecordAsByTheirPhone() throws Exception {
		LoyaltyProgramme club = programme(null);
		MemberSummary member = this.loyalty.enrol(club.code(), new Enrolment(this.customer, null, null, null, null),
				"enrol-" + LoyaltyFixture.unique());
		String card = storeCard();
		this.customers.addIdentity(this.customer, new NewIdentity(IdentityType.CARD, null, card, null));

		String byCard = counter(card.replace(" ", ""));

		assertThat(byCard).contains("member-" + member.accountId())
			.contains("Nora Newcomer")
			.doesNotContain("counter-nothing")
			// not a loyalty card: no card status to show
			.doesNotContain("counter-card-status");
		assertThat(counter(card)).contains("member-" + member.accountId());
		assertThat(counter(this.phone)).contains("member-" + member.accountId());
	}

	@Test
	void aCustomerFoundByACardOrEMailInTheirRecordWhoIsNotAMemberIsOfferedEnrolment() throws Exception {
		LoyaltyProgramme club = programme(null);
		String card = storeCard().replace(" ", "");
		String email = "nora." + LoyaltyFixture.unique() + "@example.com";
		this.customers.addIdentity(this.customer, new NewIdentity(IdentityType.CARD, null, card, null));
		this.customers.addIdentity(this.customer, new NewIdentity(IdentityType.EMAIL, null, email, null));

		assertThat(counter(email.toUpperCase())).contains("id=\"counter-join\"")
			.contains("Nora Newcomer")
			.contains("counter-enrol-" + club.code());
		assertThat(counter(card)).contains("id=\"counter-join\"").contains("counter-enrol-" + club.code());

		var enrolled = this.mvc.post()
			.uri("/loyalty/counter/enrolment")
			.param("q", card)
			.param("customerId", this.customer.toString())
			.param("programme", club.code())
			.param("key", "join-" + LoyaltyFixture.unique())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())
			.exchange();
		assertThat(enrolled).hasStatus(302);
		assertThat(enrolled.getResponse().getRedirectedUrl())
			.isEqualTo("/loyalty/counter?q=" + card + "&enrolled=" + club.code());
		MemberSummary member = this.loyalty.membershipsOf(this.customer).get(0);
		assertThat(counter(card)).contains("member-" + member.accountId())
			.doesNotContain("counter-enrol-" + club.code());
	}

	@Test
	void aLoyaltyCardWinsOverTheSameNumberInAnotherCustomersRecord() throws Exception {
		LoyaltyProgramme club = programme(null);
		MemberSummary member = this.loyalty.enrol(club.code(),
				new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		CardView card = member.cards().get(0);
		// a lost card's number leaves its holder's record, and another customer's record
		// takes it
		this.loyalty.endCard(member.accountId(), card.id(), CardStatus.LOST, "lost-" + LoyaltyFixture.unique());
		UUID other = this.customers.create(NewCustomer.person("Otto", "Other " + LoyaltyFixture.unique())).id();
		this.customers.addIdentity(other, new NewIdentity(IdentityType.CARD, null, card.number(), null));

		String found = counter(card.number());

		assertThat(found).contains("member-" + member.accountId())
			.contains("counter-card-status")
			.doesNotContain("Otto Other")
			.doesNotContain("id=\"counter-join\"");
	}

}
