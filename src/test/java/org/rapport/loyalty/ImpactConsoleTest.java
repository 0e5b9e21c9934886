package org.rapport.loyalty;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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

	@Autowired
	Interactions interactions;

	@Autowired
	JsonMapper json;

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
	void pointsWhoseNewDateHasAlreadyPassedExpireAtOnceAndNoNewExpiryIsInThePast() throws Exception {
		LoyaltyFixture fx = fixture();
		LoyaltyProgramme club = fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		UUID customer = fx.customer();
		UUID account = UUID.fromString(fx.enrol(club, customer).get("accountId").asString());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant longAgo = now.minus(100, ChronoUnit.DAYS);
		Instant lately = now.minus(10, ChronoUnit.DAYS);
		fx.record(fx.purchase(customer, longAgo.toString(), fx.product("jeans"), "60.00"));
		fx.record(fx.purchase(customer, lately.toString(), fx.product("jeans"), "120.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(account).available() == 30);
		String firstNewExpiry = lately.atZone(ZoneOffset.UTC).plusMonths(2).toLocalDate().toString();

		MvcTestResult page = impact(club, "/loyalty/programmes/{c}/impact", "2", "", null);

		assertThat(page).hasStatusOk();
		String body = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		String row = body.substring(body.indexOf("data-customer=\"" + customer + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).as("30 points expire earlier, the 10 earned 100 days ago at once")
			.contains(">30<")
			.contains("class=\"num impact-at-once\">10<")
			.contains("class=\"impact-earliest\">" + firstNewExpiry + "<")
			.doesNotContain(longAgo.atZone(ZoneOffset.UTC).plusMonths(2).toLocalDate().toString());
		assertThat(body).contains("id=\"impact-at-once\"");

		String[] rows = impact(club, "/loyalty/programmes/{c}/impact.csv", "2", "", null).getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.split("\r\n");
		assertThat(rows[0]).contains(",points_expiring_earlier,points_expiring_at_once,first_new_expiry,");
		assertThat(rows).anySatisfy((r) -> assertThat(r).startsWith(customer + ",")
			.contains(",30,10," + lately.atZone(ZoneOffset.UTC).plusMonths(2).toInstant() + ","));
		assertThat(this.loyalty.member(account).available()).as("nothing expired").isEqualTo(30);
	}

	@Test
	void theBenefitsAMemberWouldLoseReadInThePagesLanguageAsOnTheTierLadder() throws Exception {
		LoyaltyFixture fx = fixture();
		LoyaltyProgramme club = fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.loyalty.applyTierLadder(club.code(),
				new TierLadder(TierLadder.Measure.POINTS_EARNED, TierLadder.Window.ROLLING_12_MONTHS, 0,
						java.util.List.of(new Tier("GOLD", "Gold", BigDecimal.TEN, new BigDecimal("1.5"),
								BigDecimal.TEN, true, "Birthday bottle"))),
				Instant.now());
		UUID customer = fx.customer();
		UUID account = UUID.fromString(fx.enrol(club, customer).get("accountId").asString());
		fx.record(fx.purchase(customer,
				Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(), fx.product("jeans"),
				"61.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.tierOf(account, Instant.now()).tier() != null);
		String goldWithoutBenefits = "GOLD;Gold;10";

		assertThat(impact(club, "/loyalty/programmes/{c}/impact", "12", goldWithoutBenefits, "es")).hasStatusOk()
			.bodyText()
			.contains("data-customer=\"" + customer + "\"")
			.contains(">Atención prioritaria<", ">10 % de descuento<", ">×1.5 puntos<", ">Regalos: Birthday bottle<")
			.doesNotContain("priority service", "earn multiplier", "discount 10 %", "gifts: Birthday bottle");
		assertThat(impact(club, "/loyalty/programmes/{c}/impact", "12", goldWithoutBenefits, "ru")).hasStatusOk()
			.bodyText()
			.contains(">Приоритетное обслуживание<", ">скидка 10 %<", ">баллы ×1.5<", ">Подарки: Birthday bottle<")
			.doesNotContain("priority service", "earn multiplier");
		assertThat(impact(club, "/loyalty/programmes/{c}/impact.csv", "12", goldWithoutBenefits, "es").getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).as("the CSV keeps the API's English")
			.contains("earn multiplier ×1.5; discount 10 %; priority service; gifts: Birthday bottle");
	}

	LoyaltyFixture fixture() {
		return new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
	}

	/** A preview of the club's ROLLING expiry of {@code months} and these tiers. */
	MvcTestResult impact(LoyaltyProgramme club, String uri, String months, String tiers, String language) {
		var request = this.mvc.post()
			.uri(uri, club.code())
			.param("expiryPolicy", "ROLLING")
			.param("expiryMonths", months)
			.param("expiryPeriodMonths", "12")
			.param("earnRateFactor", "")
			.param("measure", "POINTS_EARNED")
			.param("window", "ROLLING_12_MONTHS")
			.param("graceMonths", "0")
			.param("tiers", tiers)
			.with(this.staff.as(Role.ADMIN))
			.with(csrf());
		if (language != null) {
			request = request.cookie(new Cookie("rapport-lang", language));
		}
		return request.exchange();
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
