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
import org.rapport.customer.PersonalData;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Tier ladder editing in the console: the preview says who moves where and applies
 * nothing; applying the previewed ladder makes exactly those moves.
 */
@IntegrationTest
class TierConsoleTest {

	static final String LADDER = "SILVER; Silver; 50\nGOLD; Gold; 5000; 1.5; 5; yes; lounge";

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
	PersonalData personalData;

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
				this.fx.product("tiers"), "600.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(this.account).pending() == 100);
	}

	MvcTestResult post(Role role, String path, String tiers, String asOf) {
		return post(role, path, tiers, asOf, null);
	}

	MvcTestResult post(Role role, String path, String tiers, String asOf, String fingerprint) {
		var request = this.mvc.post()
			.uri("/loyalty/programmes/{c}/tiers" + path, this.programme.code())
			.param("measure", "POINTS_EARNED")
			.param("window", "ROLLING_12_MONTHS")
			.param("graceMonths", "1")
			.param("tiers", tiers)
			.with(this.staff.as(role))
			.with(csrf());
		if (asOf != null) {
			request = request.param("asOf", asOf);
		}
		if (fingerprint != null) {
			request = request.param("fingerprint", fingerprint);
		}
		return request.exchange();
	}

	String tierCode() {
		MemberTier t = this.loyalty.tierOf(this.account, Instant.now());
		return (t.tier() == null) ? null : t.tier().code();
	}

	@Test
	void thePreviewShowsWhoMovesWhereAndAppliesNothing() {
		assertThat(post(Role.ADMIN, "/preview", LADDER, null)).hasStatusOk()
			.bodyText()
			.contains("tier-moves")
			.contains("data-customer=\"" + this.customer + "\"")
			.contains("SILVER")
			.contains("tiers-apply-form");
		assertThat(tierCode()).isNull();
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tiers", this.programme.code())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk().bodyText().doesNotContain("GOLD; Gold");
	}

	@Test
	void applyingThePreviewedLadderMakesThePreviewedMoves() {
		Instant asOf = Instant.now();
		TierPlan preview = preview(LADDER, asOf);
		assertThat(post(Role.ADMIN, "", LADDER, asOf.toString(), preview.fingerprint())).hasStatusOk()
			.bodyText()
			.contains("tiers-applied")
			.contains("data-customer=\"" + this.customer + "\"");
		assertThat(tierCode()).isEqualTo("SILVER");
		assertThat(preview.moves()).anySatisfy((m) -> assertThat(m.accountId()).isEqualTo(this.account));
		assertThat(this.loyalty.tierLadder(this.programme.code()).tiers()).extracting(Tier::code)
			.containsExactly("SILVER", "GOLD");
		assertThat(this.loyalty.tierLadder(this.programme.code()).tier("GOLD").priorityService()).isTrue();
	}

	TierPlan preview(String tiers, Instant asOf) {
		return this.loyalty.previewTierLadder(this.programme.code(), ladder(tiers), asOf);
	}

	static TierLadder ladder(String tiers) {
		return new TierLadderForm("POINTS_EARNED", "ROLLING_12_MONTHS", "1", tiers).ladder(new java.util.HashMap<>());
	}

	@Test
	void thePreviewFormCarriesThePreviewsFingerprintToTheApply() throws Exception {
		Instant asOf = Instant.now();
		String body = post(Role.ADMIN, "/preview", LADDER, null).getResponse().getContentAsString();
		java.util.regex.Matcher at = java.util.regex.Pattern.compile("name=\"asOf\" value=\"([^\"]+)\"").matcher(body);
		java.util.regex.Matcher fp = java.util.regex.Pattern.compile("name=\"fingerprint\" value=\"([0-9a-f]{64})\"")
			.matcher(body);
		assertThat(at.find()).isTrue();
		assertThat(fp.find()).isTrue();
		assertThat(fp.group(1)).isEqualTo(preview(LADDER, Instant.parse(at.group(1))).fingerprint());
		assertThat(Instant.parse(at.group(1)))
			.isAfterOrEqualTo(asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	@Test
	void applyingAPreviewAfterSomeoneElseChangedTheLadderIsRefusedAndChangesNothing() {
		Instant asOf = Instant.now();
		TierPlan seen = preview(LADDER, asOf);
		String theirs = "BRONZE; Bronze; 10\nSILVER; Silver; 5000";
		this.loyalty.applyTierLadder(this.programme.code(), ladder(theirs), Instant.now());
		assertThat(post(Role.ADMIN, "", LADDER, asOf.toString(), seen.fingerprint())).hasStatus(409)
			.bodyText()
			.contains("tiers-stale")
			.contains("tiers-apply-form");
		assertThat(this.loyalty.tierLadder(this.programme.code()).tiers()).extracting(Tier::code)
			.containsExactly("BRONZE", "SILVER");
		assertThat(tierCode()).isEqualTo("BRONZE");
	}

	@Test
	void applyingAPreviewWhenOtherMembersWouldMoveIsRefusedAndChangesNothing() {
		// the ladder is already stored (as of a moment when nobody qualified)
		this.loyalty.applyTierLadder(this.programme.code(), ladder(LADDER),
				Instant.now().minusSeconds(3600 * 24 * 400));
		assertThat(tierCode()).isNull();
		Instant asOf = Instant.now();
		TierPlan seen = preview(LADDER, asOf);
		assertThat(seen.moves()).anySatisfy((m) -> assertThat(m.accountId()).isEqualTo(this.account));
		// meanwhile the member's tier is set by hand: the same ladder would not move them
		this.loyalty.overrideTier(this.account, "GOLD", Instant.now().plusSeconds(3600 * 24 * 10), "Goodwill");
		TierPlan again = preview(LADDER, asOf);
		assertThat(post(Role.ADMIN, "", LADDER, asOf.toString(), seen.fingerprint())).hasStatus(409)
			.bodyText()
			.contains("tiers-stale");
		assertThat(tierCode()).isEqualTo("GOLD");
		// the fresh preview's fingerprint is accepted
		assertThat(post(Role.ADMIN, "", LADDER, asOf.toString(), again.fingerprint())).hasStatusOk()
			.bodyText()
			.contains("tiers-applied");
	}

	@Test
	void membersWhoAlreadyQualifyForABetterTierAreListedToBeOfferedItFirstUnderTheTiersNames() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk().bodyText().contains("offers-no-ladder");
		this.loyalty.applyTierLadder(this.programme.code(), ladder(LADDER), Instant.now());
		assertThat(tierCode()).isEqualTo("SILVER");
		this.loyalty.overrideTier(this.account, null, Instant.now().plusSeconds(3600 * 24 * 10), "Paused");
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tier-offers", this.programme.code())
			.with(this.staff.as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("offers-better")
			.contains("data-customer=\"" + this.customer + "\"")
			.contains("set by hand")
			.contains("<td>Silver</td>")
			.containsPattern("<td class=\"num\">[0-9]+ points</td>")
			.doesNotContain(">SILVER<")
			.contains("offers-near-none");
	}

	@Test
	void theLadderAsItStandsCountsTheMembersOfEachTierAndThoseHeldByHand() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tiers", this.programme.code())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk().bodyText().doesNotContain("id=\"tier-members\"");
		// the member earned 100 points: Silver; a second member has bought nothing
		this.loyalty.applyTierLadder(this.programme.code(), ladder(LADDER), Instant.now());
		this.fx.enrol(this.programme, this.fx.customer());
		assertThat(tierCode()).isEqualTo("SILVER");
		// then a manager puts the first on Gold by hand
		this.loyalty.overrideTier(this.account, "GOLD", Instant.now().plus(10, ChronoUnit.DAYS), "Goodwill");

		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tiers", this.programme.code())
			.with(this.staff.as(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.containsPattern("id=\"tier-members-SILVER\">\\s*<th>Silver</th>\\s*<td class=\"num\">50 points</td>"
					+ "[\\s\\S]*?tier-members-count\">0</td>\\s*<td class=\"num tier-members-override\">0</td>")
			.containsPattern("id=\"tier-members-GOLD\">\\s*<th>Gold</th>\\s*<td class=\"num\">5000 points</td>"
					+ "[\\s\\S]*?Priority service[\\s\\S]*?tier-members-count\">1</td>"
					+ "\\s*<td class=\"num tier-members-override\">1</td>")
			.containsPattern("id=\"tier-members-none\">[\\s\\S]*?tier-members-count\">1</td>");
		assertThat(this.mvc.get()
			.uri("/api/v1/loyalty/programmes/{c}/tiers/members", this.programme.code())
			.with(this.fx.as(Role.MARKETER))).hasStatusOk().bodyJson().isLenientlyEqualTo("""
					{"tiers": [{"code": "SILVER", "name": "Silver", "members": 0, "byOverride": 0},
					           {"code": "GOLD", "name": "Gold", "members": 1, "byOverride": 1}],
					 "withoutTier": 1, "members": 2}
					""");
		assertThat(this.mvc.get().uri("/api/v1/loyalty/programmes/{c}/tiers/members", this.programme.code()))
			.hasStatus(401);

		// an erased member's account is no longer active: neither its tier nor the member
		// counts
		this.personalData.erase(this.customer, "Asked to be forgotten");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loyalty.tierMembers(this.programme.code()).members() == 1);
		assertThat(this.loyalty.tierMembers(this.programme.code()).tiers())
			.extracting(TierMembers.Line::code, TierMembers.Line::members)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SILVER", 0L),
					org.assertj.core.groups.Tuple.tuple("GOLD", 0L));
		assertThat(this.loyalty.tierMembers(this.programme.code()).withoutTier()).isEqualTo(1);
	}

	@Test
	void thresholdsThatDoNotRiseAreRefusedNextToTheTiers() {
		assertThat(post(Role.ADMIN, "/preview", "GOLD; Gold; 500\nSILVER; Silver; 50", null)).hasStatus(422)
			.bodyText()
			.contains("f-tiers-error")
			.contains("rise");
		assertThat(post(Role.ADMIN, "/preview", "GOLD; Gold; lots", null)).hasStatus(422)
			.bodyText()
			.contains("f-tiers-error");
	}

	@Test
	void theFormsOwnRefusalsAreShownInTheStaffMembersLanguage() {
		assertThat(post(Role.ADMIN, "/preview", "GOLD; Gold; lots", null)).hasStatus(422)
			.bodyText()
			.contains("Write each tier as: code; name; threshold")
			.doesNotContain("loyalty.tiers.lineFormat");
		assertThat(this.mvc.post()
			.uri("/loyalty/programmes/{c}/tiers", this.programme.code())
			.param("lang", "es")
			.param("measure", "POINTS_EARNED")
			.param("window", "ROLLING_12_MONTHS")
			.param("graceMonths", "1")
			.param("tiers", LADDER)
			.with(this.staff.as(Role.ADMIN))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.contains("Obtenga la vista previa de la escala antes de aplicarla");
	}

	@Test
	void applyingWithoutAPreviewIsRefused() {
		assertThat(post(Role.ADMIN, "", LADDER, null)).hasStatus(422).bodyText().contains("form-problem");
		assertThat(post(Role.ADMIN, "", LADDER, Instant.now().toString())).hasStatus(422)
			.bodyText()
			.contains("form-problem");
		assertThat(tierCode()).isNull();
	}

	@Test
	void aManagerCannotEditTheLadder() {
		assertThat(this.mvc.get()
			.uri("/loyalty/programmes/{c}/tiers", this.programme.code())
			.with(this.staff.as(Role.MANAGER))).hasStatus(403);
		assertThat(post(Role.MANAGER, "", LADDER, Instant.now().toString(), "0".repeat(64))).hasStatus(403);
		assertThat(tierCode()).isNull();
	}

}
