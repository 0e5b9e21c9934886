package org.rapport.analytics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.loyalty.CardKind;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.MemberOutlook;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeChange;
import org.rapport.loyalty.ProgrammeSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The loyalty lists staff act on before a programme change say, from the current
 * analytics snapshot, what each member is predicted to be worth and how likely they are
 * to leave: the owner sees which valuable members a change would hurt and who may walk
 * out.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberOutlookTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Analytics analytics;

	@Autowired
	Loyalty loyalty;

	@Autowired
	MemberOutlook outlook;

	@Autowired
	UserDetailsService users;

	AnalyticsFixture fx;

	LoyaltyProgramme programme;

	UUID regular;

	UUID lapsed;

	LoyaltyProgramme shortLived;

	final Map<UUID, String> cards = new java.util.HashMap<>();

	AnalyticsRun run;

	/** Once for the class: a full analytics run is the slow part. */
	@BeforeAll
	void membersWithHistories() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		this.programme = this.loyalty
			.createProgramme(settings("mo-" + UUID.randomUUID().toString().substring(0, 8), 24));
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		// a regular who was refused service and complained: two warning signals, high
		// risk
		this.regular = this.fx.customer("Regular");
		this.fx.purchases(this.regular, "80.00", today.minusDays(200).toString(), today.minusDays(120).toString(),
				today.minusDays(60).toString(), today.minusDays(2).toString());
		this.fx.contact(this.regular, "CALL", "phone", today.minusDays(5).toString(), "REFUSED", null);
		this.fx.contact(this.regular, "SERVICE_REQUEST", "phone", today.minusDays(4).toString(), "PENDING", null);
		// no purchase for more than a year: already lost
		this.lapsed = this.fx.customer("Lapsed");
		this.fx.purchases(this.lapsed, "40.00", today.minusDays(700).toString(), today.minusDays(690).toString(),
				today.minusDays(600).toString());
		for (UUID customer : new UUID[] { this.regular, this.lapsed }) {
			org.rapport.loyalty.MemberSummary member = this.loyalty.enrol(this.programme.code(),
					new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + UUID.randomUUID());
			this.loyalty.adjust(member.accountId(), 300, "Opening balance", "adj-" + UUID.randomUUID());
			this.cards.put(customer, member.cards().get(0).number());
		}
		// a programme whose points last a month: the regular's are about to expire
		this.shortLived = this.loyalty
			.createProgramme(new ProgrammeSettings("ms-" + UUID.randomUUID().toString().substring(0, 8), "Short club",
					"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.ROLLING, 1, null,
					NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		UUID account = this.loyalty
			.enrol(this.shortLived.code(), new Enrolment(this.regular, null, null, CardKind.VIRTUAL, null),
					"enrol-" + UUID.randomUUID())
			.accountId();
		this.loyalty.adjust(account, 100, "Opening balance", "adj-" + UUID.randomUUID());
		this.run = this.analytics.runAll(RunListener.NONE);
	}

	ProgrammeSettings settings(String code, int expiryMonths) {
		return new ProgrammeSettings(code, "Outlook club", "EUR", "points", new BigDecimal("0.01"), 0,
				ExpiryPolicy.ROLLING, expiryMonths, null, NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null,
				Map.of("base", Combination.STACK), null);
	}

	/** A console sign-in of a new staff member in the role. */
	org.springframework.test.web.servlet.request.RequestPostProcessor console(Role role) {
		String name = "mo-" + role.name().toLowerCase().replace('_', '-') + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(name, role.name(), AnalyticsFixture.PASSWORD, java.util.EnumSet.of(role));
		return user(this.users.loadUserByUsername(name));
	}

	CustomerScores scores(UUID customer) {
		return this.analytics.customer(this.run.id(), customer).orElseThrow();
	}

	/** The shorter expiry takes points from both members. */
	MvcTestResult impactApi(org.springframework.test.web.servlet.request.RequestPostProcessor caller) {
		return this.mvc.post()
			.uri("/api/v1/loyalty/programmes/{c}/impact-preview", this.programme.code())
			.with(caller)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(new ProgrammeChange(settings(this.programme.code(), 6), null, null)))
			.exchange();
	}

	JsonNode line(JsonNode lines, UUID customer) {
		for (JsonNode line : lines) {
			if (customer.toString().equals(line.get("customerId").asString())) {
				return line;
			}
		}
		throw new AssertionError("no line for " + customer + " in " + lines);
	}

	static void assertSameValue(JsonNode value, BigDecimal expected) {
		if (expected == null) {
			assertThat(value.isNull()).as("no predicted value").isTrue();
		}
		else {
			assertThat(value.decimalValue()).isEqualByComparingTo(expected);
		}
	}

	@Test
	void theImpactOfAChangeSaysWhatAnalyticsPredictsOfEachMember() {
		MvcTestResult result = impactApi(this.fx.as(Role.ADMIN));
		assertThat(result).hasStatusOk();
		JsonNode lines = this.json.readTree(result.getResponse().getContentAsByteArray());

		for (UUID customer : new UUID[] { this.regular, this.lapsed }) {
			JsonNode line = line(lines, customer);
			CustomerScores scores = scores(customer);
			assertThat(line.get("pointsExpiringEarlier").asLong()).isEqualTo(300);
			assertThat(scores.riskCategory()).isNotNull();
			assertThat(line.get("churnRisk").asString()).isEqualTo(scores.riskCategory().name());
			assertSameValue(line.get("predictedValue"), scores.predictedClv());
		}
		assertThat(line(lines, this.regular).get("churnRisk").asString()).isEqualTo("HIGH");
		assertThat(line(lines, this.lapsed).get("churnRisk").asString()).isEqualTo("CHURNED");
	}

	@Test
	void aCallerWhoMayNotReadCustomersScoresGetsTheImpactWithoutThem() {
		MvcTestResult result = impactApi(user("integrator").authorities(new SimpleGrantedAuthority("loyalty:read"),
				new SimpleGrantedAuthority("loyalty:admin")));
		assertThat(result).hasStatusOk();
		JsonNode line = line(this.json.readTree(result.getResponse().getContentAsByteArray()), this.regular);

		assertThat(line.get("pointsExpiringEarlier").asLong()).isEqualTo(300);
		assertThat(line.get("churnRisk").isNull()).isTrue();
		assertThat(line.get("predictedValue").isNull()).isTrue();
	}

	@Test
	void theImpactPageShowsEachMembersRiskAndSaysHowManyAreLikelyToLeave() throws Exception {
		String page = this.mvc.post()
			.uri("/loyalty/programmes/{c}/impact", this.programme.code())
			.param("expiryPolicy", "ROLLING")
			.param("expiryMonths", "6")
			.param("expiryPeriodMonths", "12")
			.param("earnRateFactor", "")
			.param("measure", "POINTS_EARNED")
			.param("window", "ROLLING_12_MONTHS")
			.param("graceMonths", "0")
			.param("tiers", "")
			.with(console(Role.ADMIN))
			.with(csrf())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(page).contains("Predicted value", "Risk of leaving");
		for (UUID customer : new UUID[] { this.regular, this.lapsed }) {
			String row = page.substring(page.indexOf("data-customer=\"" + customer + "\""));
			row = row.substring(0, row.indexOf("</tr>"));
			assertThat(row).contains("risk-" + scores(customer).riskCategory().name());
		}
		// the regular only: the lapsed customer is already lost
		assertThat(page).contains("id=\"impact-leaving\"")
			.contains("1 of them is at high risk of leaving; they would lose 3.00 EUR.");
	}

	@Test
	void theMembersWhosePointsAreAboutToExpireAreListedWithTheirRisk() throws Exception {
		String page = this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring?days=60", this.shortLived.code())
			.with(console(Role.SALES))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(page).contains("Risk of leaving");
		String row = page.substring(page.indexOf("data-customer=\"" + this.regular + "\""));
		assertThat(row.substring(0, row.indexOf("</tr>"))).contains("risk-HIGH", ">High<");

		String[] csv = this.mvc.get()
			.uri("/loyalty/programmes/{c}/expiring.csv?days=60", this.shortLived.code())
			.with(console(Role.SALES))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.split("\r\n");
		assertThat(csv[0]).endsWith(",revenue,predicted_value,churn_risk");
		assertThat(csv).anySatisfy((line) -> assertThat(line).startsWith(this.regular + ",").endsWith(",HIGH"));
	}

	@Test
	void theCounterSaysWhenTheMemberAtTheTillIsLikelyToLeave() throws Exception {
		String regular = this.mvc.get()
			.uri("/loyalty/counter")
			.param("q", this.cards.get(this.regular))
			.with(console(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String lapsed = this.mvc.get()
			.uri("/loyalty/counter")
			.param("q", this.cards.get(this.lapsed))
			.with(console(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(regular).contains("counter-high-risk").contains("High churn risk");
		// already lost is not "likely to leave"
		assertThat(lapsed).contains("counter-member").doesNotContain("counter-high-risk");
	}

	@Test
	void theProviderAnswersOnlyForCustomersTheCurrentSnapshotScored() {
		UUID stranger = UUID.randomUUID();

		Map<UUID, MemberOutlook.Outlook> seen = this.outlook.of(java.util.List.of(this.regular, stranger));

		assertThat(seen).containsOnlyKeys(this.regular);
		MemberOutlook.Outlook regular = seen.get(this.regular);
		assertThat(regular.risk()).isEqualTo(scores(this.regular).riskCategory().name());
		assertThat(regular.currency()).isNotBlank();
		assertThat(regular.likelyToLeave()).isTrue();
		assertThat(regular.highValue()).isEqualTo(scores(this.regular).valueTier() == ValueTier.HIGH);
	}

}
