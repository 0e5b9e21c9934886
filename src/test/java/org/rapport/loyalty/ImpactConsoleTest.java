package org.rapport.loyalty;

import java.math.BigDecimal;
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

/** The impact preview of a programme change as a table; nothing is changed. */
@IntegrationTest
class ImpactConsoleTest {

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

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.loyalty.createProgramme(new ProgrammeSettings("ic-" + LoyaltyFixture.unique(),
				"Impact club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.ROLLING, 24, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.customer = this.customers.create(NewCustomer.person("Ines", "Impact " + LoyaltyFixture.unique())).id();
		MemberSummary member = this.loyalty.enrol(this.programme.code(),
				new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		this.loyalty.adjust(member.accountId(), 300, "Opening balance", "adj-" + LoyaltyFixture.unique());
	}

	MvcTestResult preview(Role role, String months, String factor) {
		return post("/loyalty/programmes/{c}/impact", role, months, factor);
	}

	MvcTestResult post(String uri, Role role, String months, String factor) {
		return post(uri, role, months, factor, "");
	}

	MvcTestResult post(String uri, Role role, String months, String factor, String tiers) {
		return this.mvc.post()
			.uri(uri, this.programme.code())
			.param("expiryPolicy", "ROLLING")
			.param("expiryMonths", months)
			.param("expiryPeriodMonths", "12")
			.param("earnRateFactor", factor)
			.param("measure", "POINTS_EARNED")
			.param("window", "ROLLING_12_MONTHS")
			.param("graceMonths", "0")
			.param("tiers", tiers)
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	@Test
	void aShorterExpiryListsTheMembersWhosePointsWouldExpireEarlier() {
		assertThat(preview(Role.ADMIN, "6", "")).hasStatusOk()
			.bodyText()
			.contains("impact-lines")
			.contains("data-customer=\"" + this.customer + "\"")
			.contains(">300<")
			.contains(">3.00<");
		assertThat(this.loyalty.programme(this.programme.code()).expiryMonths()).isEqualTo(24);
	}

	@Test
	void theSameExpiryTakesNothingFromThisMember() {
		assertThat(preview(Role.ADMIN, "24", "")).hasStatusOk()
			.bodyText()
			.contains("impact-result")
			.doesNotContain("data-customer=\"" + this.customer + "\"");
	}

	@Test
	void anEarnRateFactorThatIsNotANumberIsRefusedNextToItsField() {
		assertThat(preview(Role.ADMIN, "6", "a fifth less")).hasStatus(422)
			.bodyText()
			.containsPattern("id=\"f-earnRateFactor-error\">[^<]*\\S[^<]*</span>")
			.doesNotContain("impact-lines");
	}

	@Test
	void aProposedTierLineThatDoesNotReadIsExplainedInWordsNotByItsMessageKey() {
		assertThat(post("/loyalty/programmes/{c}/impact", Role.ADMIN, "24", "", "gold;Gold;abc")).hasStatus(422)
			.bodyText()
			.containsPattern("id=\"f-tiers-error\">[^<]*\\S[^<]*</span>")
			.doesNotContain("loyalty.tiers.lineFormat");
	}

	@Test
	void aManagerCannotPreviewProgrammeChanges() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/impact", this.programme.code())
			.with(this.staff.as(Role.MANAGER))).hasStatus(403);
		assertThat(preview(Role.MANAGER, "6", "")).hasStatus(403);
	}

	@Test
	void theWholeListDownloadsAsCsvWithAMemberPerRow() throws Exception {
		MvcTestResult csv = post("/loyalty/programmes/{c}/impact.csv", Role.ADMIN, "6", "");

		assertThat(csv).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		assertThat(csv).hasHeader("Content-Disposition",
				"attachment; filename=\"impact-" + this.programme.code() + ".csv\"");
		String[] rows = csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
		assertThat(rows[0]).isEqualTo(ImpactConsoleController.CSV_HEADER.strip());
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith(this.customer + ",Ines Impact ")
			.contains(",300,")
			.contains(",3.00,"));
		assertThat(this.loyalty.programme(this.programme.code()).expiryMonths()).isEqualTo(24);
	}

	@Test
	void aRefusedChangeDownloadsNothingAndShowsTheProblemNextToItsField() {
		assertThat(post("/loyalty/programmes/{c}/impact.csv", Role.ADMIN, "6", "a fifth less")).hasStatus(422)
			.hasContentTypeCompatibleWith("text/html")
			.bodyText()
			.contains("f-earnRateFactor-error")
			.doesNotContain("impact-lines");
	}

	@Test
	void aManagerCannotDownloadTheImpactOfAChange() {
		assertThat(post("/loyalty/programmes/{c}/impact.csv", Role.MANAGER, "6", "")).hasStatus(403);
	}

}
