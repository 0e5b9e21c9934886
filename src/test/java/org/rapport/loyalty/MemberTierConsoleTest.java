package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A member's tier set by hand on the member panel: managers set a tier with its last day
 * and a reason, the panel shows it as an override (until when, by whom, why), and it can
 * be ended early with a reason; counter staff can do neither.
 */
@IntegrationTest
class MemberTierConsoleTest {

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
	JdbcClient jdbc;

	ConsoleStaff staff;

	UUID customer;

	UUID account;

	final LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(20);

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("mt-" + LoyaltyFixture.unique(),
				"Tier club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.loyalty.applyTierLadder(programme.code(), new TierLadderForm("POINTS_EARNED", "ROLLING_12_MONTHS", "0",
				"SILVER; Silver; 50\nGOLD; Gold; 5000; 1; 0; yes")
			.ladder(new HashMap<>()), Instant.now());
		this.customer = this.customers.create(NewCustomer.person("Tia", "Tier " + LoyaltyFixture.unique())).id();
		this.account = this.loyalty
			.enrol(programme.code(), new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null),
					"enrol-" + LoyaltyFixture.unique())
			.accountId();
	}

	MvcTestResult override(Role role, String tier, String until, String reason) {
		return this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/tier/override", this.customer, this.account)
			.param("tier", tier)
			.param("until", until)
			.param("reason", reason)
			.header("HX-Request", "true")
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	MvcTestResult end(Role role, String reason) {
		return this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/tier/override/ending", this.customer, this.account)
			.param("reason", reason)
			.header("HX-Request", "true")
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	MemberTier tier() {
		return this.loyalty.tierOf(this.account, Instant.now());
	}

	@Test
	void aManagerSetsATierUntilALastDayAndThePanelShowsItAsAnOverrideWithWhoAndWhyAndItsBenefits() {
		assertThat(override(Role.MANAGER, "GOLD", this.lastDay.toString(), "Complaint settled with goodwill"))
			.hasStatusOk()
			.bodyText()
			.contains("tier-override")
			.contains("set by hand until " + this.lastDay)
			.contains("by " + Role.MANAGER.name() + ": Complaint settled with goodwill")
			.contains("tier-override-end-")
			.contains(">Priority service<")
			.doesNotContain("benefit-discount")
			.doesNotContain("benefit-multiplier");
		MemberTier t = tier();
		assertThat(t.tier().code()).isEqualTo("GOLD");
		assertThat(t.source()).isEqualTo("OVERRIDE");
		assertThat(t.overrideUntil()).isEqualTo(this.lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		assertThat(t.overrideReason()).isEqualTo("Complaint settled with goodwill");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action = 'loyalty.tier-override' AND entity_id = ?")
			.param(this.account.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theMemberPanelNamesTheProgrammeAsStaffKnowIt() {
		assertThat(this.mvc.get().uri("/customers/{id}/loyalty", this.customer).with(this.staff.as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains(">Tier club</span>");
	}

	@Test
	void theHeadOfThe360PageNamesTheTierAndSaysWhenItGivesPriorityService() {
		String badges = "/customers/{id}/badges/loyalty";
		assertThat(this.mvc.get().uri(badges, this.customer).with(this.staff.as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.doesNotContain("tier-name");
		this.loyalty.overrideTier(this.account, "SILVER", Instant.now().plusSeconds(86_400 * 30), "Welcome");
		assertThat(this.mvc.get().uri(badges, this.customer).with(this.staff.as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains(">Silver<")
			.doesNotContain("Priority service");
		this.loyalty.overrideTier(this.account, "GOLD", Instant.now().plusSeconds(86_400 * 30), "Ten years with us");
		assertThat(this.mvc.get().uri(badges, this.customer).with(this.staff.as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains(">Gold<", ">Priority service<");
		assertThat(this.mvc.get()
			.uri(badges, this.customer)
			.with(user("reader-only").authorities(new SimpleGrantedAuthority("customer:read")))).hasStatus(403);
	}

	@Test
	void anOverrideNeedsAReasonAndALastDayInTheFutureAndARefusedOneChangesNothing() {
		assertThat(override(Role.MANAGER, "GOLD", this.lastDay.toString(), " ")).hasStatusOk()
			.bodyText()
			.contains("give a reason");
		assertThat(override(Role.MANAGER, "GOLD", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString(), "Goodwill"))
			.hasStatusOk()
			.bodyText()
			.contains("end date in the future");
		assertThat(override(Role.MANAGER, "GOLD", "someday", "Goodwill")).hasStatusOk()
			.bodyText()
			.contains("last day of the override");
		assertThat(override(Role.MANAGER, "PLATINUM", this.lastDay.toString(), "Goodwill")).hasStatusOk()
			.bodyText()
			.contains("no tier PLATINUM");
		assertThat(tier().tier()).isNull();
		assertThat(tier().source()).isNull();
	}

	@Test
	void anOverrideEndedEarlyGivesBackTheQualifiedTierAndIsKeptInTheHistory() {
		override(Role.MANAGER, "GOLD", this.lastDay.toString(), "Launch event guest");
		assertThat(end(Role.MANAGER, "")).hasStatusOk().bodyText().contains("give a reason");
		assertThat(tier().source()).isEqualTo("OVERRIDE");

		assertThat(end(Role.MANAGER, "Event cancelled")).hasStatusOk()
			.bodyText()
			.doesNotContain("set by hand until")
			.doesNotContain("tier-override-end-");
		MemberTier t = tier();
		assertThat(t.tier()).isNull();
		assertThat(t.source()).isEqualTo("QUALIFIED");
		assertThat(t.overrideUntil()).isNull();
		assertThat(this.loyalty.tierHistory(this.account)).extracting((h) -> h.get("source"))
			.containsExactly("OVERRIDE", "OVERRIDE_ENDED", "QUALIFIED");
		assertThat(this.loyalty.tierHistory(this.account).get(1).get("reason").toString()).contains("Event cancelled");
		assertThat(end(Role.MANAGER, "Again")).hasStatusOk().bodyText().contains("not set by hand");
	}

	@Test
	void counterStaffSeeTheOverrideButCannotSetOrEndOne() {
		override(Role.MANAGER, "GOLD", this.lastDay.toString(), "Goodwill");
		assertThat(this.mvc.get()
			.uri("/customers/{id}/loyalty", this.customer)
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()).hasStatusOk()
			.bodyText()
			.contains("set by hand until " + this.lastDay)
			.doesNotContain("tier-override-form")
			.doesNotContain("tier-override-end-form");
		assertThat(override(Role.SERVICE_AGENT, "SILVER", this.lastDay.toString(), "Please")).hasStatus(403);
		assertThat(end(Role.SERVICE_AGENT, "Please")).hasStatus(403);
		assertThat(end(Role.SALES, "Please")).hasStatus(403);
		assertThat(tier().tier().code()).isEqualTo("GOLD");
		assertThat(tier().source()).isEqualTo("OVERRIDE");
	}

}
