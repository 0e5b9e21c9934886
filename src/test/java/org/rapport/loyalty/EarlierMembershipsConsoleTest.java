package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.CustomerMerger;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a programme migration the member panel still reaches the member's earlier
 * membership: listed as migrated, into which programme and when, read-only, with its
 * points history and its statement; the migration's transfer links the other account.
 */
@IntegrationTest
class EarlierMembershipsConsoleTest {

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

	@Autowired
	java.time.Clock clock;

	@Autowired
	CustomerMerger merger;

	ConsoleStaff staff;

	LoyaltyProgramme from;

	LoyaltyProgramme to;

	UUID customer;

	UUID oldAccount;

	UUID newAccount;

	String reason;

	@BeforeEach
	void migratedMember() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.from = programme("Silver club");
		this.to = programme("Gold club");
		this.customer = this.customers.create(NewCustomer.person("Eva", "Earlier " + LoyaltyFixture.unique())).id();
		this.oldAccount = this.loyalty
			.enrol(this.from.code(), new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null),
					"enrol-" + LoyaltyFixture.unique())
			.accountId();
		this.reason = "Points from the old till " + LoyaltyFixture.unique();
		this.loyalty.adjust(this.oldAccount, 300, this.reason, "adj-" + LoyaltyFixture.unique());

		this.loyalty.migrateProgramme(this.from.code(), this.to.code());

		this.newAccount = this.loyalty.membershipsOf(this.customer).get(0).accountId();
	}

	LoyaltyProgramme programme(String name) {
		return this.loyalty.createProgramme(new ProgrammeSettings("em-" + LoyaltyFixture.unique(), name, "EUR",
				"points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null, NegativeBalancePolicy.CAP_AT_ZERO,
				(ConsentPurpose) null, Map.of("base", Combination.STACK), null));
	}

	String panel(Role role, UUID customer, UUID account) throws Exception {
		var request = this.mvc.get().uri("/customers/{id}/loyalty", customer).with(this.staff.as(role));
		if (account != null) {
			request = request.param("account", account.toString());
		}
		var result = request.exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void aMigratedMembershipIsListedWithWhereAndWhenItWentAndALinkToItsHistory() throws Exception {
		String today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).toString();

		String panel = panel(Role.MARKETER, this.customer, null);

		assertThat(panel).contains("membership-" + this.to.code())
			.contains("id=\"earlier-memberships\"")
			.contains("Earlier memberships")
			.contains("id=\"earlier-" + this.oldAccount + "\"")
			.contains("data-status=\"MIGRATED\"")
			.contains("Silver club")
			.contains("migrated into Gold club on " + today)
			.contains("hx-get=\"/customers/" + this.customer + "/loyalty?account=" + this.oldAccount + "\"")
			.contains("/loyalty/members/" + this.oldAccount + "/statement?from=" + today)
			// the old movements stay out until asked for
			.doesNotContain(this.reason);
	}

	@Test
	void theMigrationsTransferLinksTheOldAccountAndItsHistoryShowsTheEarlierMovements() throws Exception {
		String panel = panel(Role.MARKETER, this.customer, null);
		// the new membership's only row: the transfer, its source the old account named
		// by its programme
		assertThat(panel).contains("data-kind=\"TRANSFER\"")
			.containsPattern("<a class=\"source-id source-account source-earlier\" href=\"#earlier-" + this.oldAccount
					+ "\"[^>]*hx-get=\"/customers/" + this.customer + "/loyalty\\?account=" + this.oldAccount
					+ "\"[^>]*>Silver club</a>");

		String history = panel(Role.MARKETER, this.customer, this.oldAccount);

		assertThat(history).contains("class=\"earlier-history\"")
			.contains(this.reason)
			.contains("earlier-history-hide")
			// the old account's transfer links back to the membership the points went to
			.contains("href=\"#membership-" + this.to.code() + "\"");
	}

	@Test
	void anEarlierMembershipIsReadOnlyEvenForStaffWhoMayCorrectBalances() throws Exception {
		String history = panel(Role.MANAGER, this.customer, this.oldAccount);
		String section = history.substring(history.indexOf("id=\"earlier-memberships\""));
		String earlier = section.substring(0, section.indexOf("</section>"));

		assertThat(history).contains("adjust-" + this.to.code());
		assertThat(earlier).contains(this.reason)
			.doesNotContain("<form")
			.doesNotContain("/loyalty/" + this.oldAccount + "/");
	}

	@Test
	void theStatementLinkOfAnEarlierMembershipCoversItsWholeLife() throws Exception {
		String panel = panel(Role.MARKETER, this.customer, null);
		Matcher link = Pattern.compile("href=\"(/loyalty/members/" + this.oldAccount + "/statement[^\"]*)\"")
			.matcher(panel);
		assertThat(link.find()).isTrue();

		var statement = this.mvc.get()
			.uri(java.net.URI.create(link.group(1).replace("&amp;", "&")))
			.with(this.staff.as(Role.MARKETER))
			.exchange();

		assertThat(statement).hasStatusOk().bodyText().contains(this.reason).contains("Programme migration");
	}

	@Test
	void anotherCustomersPanelDoesNotShowTheAccountsHistory() throws Exception {
		UUID stranger = this.customers.create(NewCustomer.person("Sam", "Stranger " + LoyaltyFixture.unique())).id();

		assertThat(panel(Role.MARKETER, stranger, this.oldAccount)).doesNotContain(this.reason)
			.doesNotContain("earlier-" + this.oldAccount);
	}

	@Test
	void aMembershipCombinedByACustomerMergeIsListedOnTheSurvivorsPanel() throws Exception {
		UUID duplicate = this.customers.create(NewCustomer.person("Eva", "Twin " + LoyaltyFixture.unique())).id();
		UUID gone = this.loyalty
			.enrol(this.to.code(), new Enrolment(duplicate, null, null, null, null), "enrol-" + LoyaltyFixture.unique())
			.accountId();
		String twinReason = "Points of the duplicate record " + LoyaltyFixture.unique();
		this.loyalty.adjust(gone, 25, twinReason, "adj-" + LoyaltyFixture.unique());

		this.merger.merge(this.customer, duplicate, null, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(gone).status().equals("MERGED"));

		String panel = panel(Role.MARKETER, this.customer, null);
		assertThat(panel).contains("id=\"earlier-" + gone + "\"")
			.contains("data-status=\"MERGED\"")
			.contains("combined into the Gold club membership on")
			// still there: the membership migrated before
			.contains("id=\"earlier-" + this.oldAccount + "\"");
		assertThat(panel(Role.MARKETER, this.customer, gone)).contains(twinReason);
	}

}
