package org.rapport.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The loyalty card of the start page: members who already qualify for a better tier, or
 * are within 10 % of their next one, are offered it first, per programme with a ladder.
 * One member has earned 100 points (pending) with a purchase of 600.00.
 */
@IntegrationTest
class StartPageOffersConsoleTest {

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

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	UUID customer;

	UUID account;

	@BeforeEach
	void member() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.fx.programme(30, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.customer = this.fx.customer();
		this.account = UUID.fromString(this.fx.enrol(this.programme, this.customer).get("accountId").asString());
		this.fx.record(this.fx.purchase(this.customer, Instant.now().minus(1, ChronoUnit.DAYS).toString(),
				this.fx.product("start"), "600.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(this.account).pending() == 100);
	}

	String card() throws java.io.UnsupportedEncodingException {
		return this.mvc.get()
			.uri(StartPageOffersController.PATH)
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	void ladder(String tiers) {
		this.loyalty.applyTierLadder(this.programme.code(), TierConsoleTest.ladder(tiers), Instant.now());
	}

	@Test
	void aProgrammeWithoutATierLadderIsNotOnTheCard() throws Exception {
		assertThat(card()).contains("id=\"ready-for-more\"")
			.doesNotContain("data-programme=\"" + this.programme.code() + "\"");
	}

	@Test
	void aMemberWhoAlreadyQualifiesForABetterTierIsOfferedItWithALinkToAllOffers() throws Exception {
		ladder("SILVER; Silver; 50\nGOLD; Gold; 5000");
		this.loyalty.overrideTier(this.account, null, Instant.now().plusSeconds(3600 * 24 * 10), "Paused");
		assertThat(card()).contains("data-programme=\"" + this.programme.code() + "\"")
			.contains("class=\"offer-better\" data-customer=\"" + this.customer + "\"")
			.contains("already qualifies for Silver")
			.contains("href=\"/loyalty/programmes/" + this.programme.code() + "/tier-offers\"");
	}

	@Test
	void theCardKeepsAProgrammesListsForFiveMinutesAndSaysWhenTheyWereComputedWhileTheOffersPageIsLive()
			throws Exception {
		ladder("SILVER; Silver; 50\nGOLD; Gold; 105");
		String first = card();
		assertThat(first).contains("class=\"offer-near\" data-customer=\"" + this.customer + "\"")
			.containsPattern("Lists of \\d\\d:\\d\\d UTC");

		this.loyalty.overrideTier(this.account, null, Instant.now().plusSeconds(3600 * 24 * 10), "Paused");

		assertThat(card()).isEqualTo(first)
			.doesNotContain("class=\"offer-better\" data-customer=\"" + this.customer + "\"");
		String page = this.mvc.get()
			.uri("/loyalty/programmes/{code}/tier-offers", this.programme.code())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("id=\"offers-better\"");
		assertThat(page.substring(page.indexOf("id=\"offers-better\""))).contains(this.customer.toString());
	}

	@Test
	void aMemberWithinTenPercentOfTheNextTierIsOfferedItWithWhatIsMissingInItsUnit() throws Exception {
		ladder("SILVER; Silver; 50\nGOLD; Gold; 105");
		assertThat(card()).contains("class=\"offer-near\" data-customer=\"" + this.customer + "\"")
			.contains("5 points short of Gold")
			.doesNotContain("class=\"offer-better\" data-customer=\"" + this.customer + "\"");
	}

	@Test
	void aMemberWhoLosesTheirTierWithinThirtyDaysUnlessTheyReachItsThresholdIsOnTheCardWithWhatKeepsIt()
			throws Exception {
		ladder("SILVER; Silver; 50\nGOLD; Gold; 5000");
		// the threshold rises above the member's 100 points: Silver is kept until its
		// period and grace end
		ladder("SILVER; Silver; 150\nGOLD; Gold; 5000");
		assertThat(this.loyalty.tierOf(this.account, Instant.now()).tier().code()).isEqualTo("SILVER");
		assertThat(this.loyalty.tierAtRisk(this.programme.code(), StartPageOffersController.DAYS, 100)).isEmpty();
		// ten days before the protection ends (the ladder's grace is a month)
		this.jdbc
			.sql("UPDATE loyalty_member_tier SET qualified_until = now() - interval '1 month' + interval '10 days' "
					+ "WHERE account_id = ?")
			.param(this.account)
			.update();
		String until = this.loyalty.tierAtRisk(this.programme.code(), StartPageOffersController.DAYS, 100)
			.get(0)
			.protectedUntil()
			.toString()
			.substring(0, 10);
		assertThat(card()).contains("class=\"offer-at-risk\" data-customer=\"" + this.customer + "\"")
			.contains("keeps Silver with 50 points more by " + until);
	}

	@Test
	void staffWhoMayNotReadLoyaltyGet403AndNoPlaceholderOnTheStartPage() {
		var customerReader = user("reader-" + LoyaltyFixture.unique())
			.authorities(new SimpleGrantedAuthority("customer:read"));
		assertThat(this.mvc.get().uri(StartPageOffersController.PATH).with(customerReader)).hasStatus(403);
		assertThat(this.mvc.get().uri("/").with(customerReader)).hasStatusOk()
			.bodyText()
			.contains("id=\"stage-counts\"")
			.doesNotContain(StartPageOffersController.PATH);
	}

}
