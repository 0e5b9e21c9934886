package org.rapport.loyalty;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.ApiClients;
import org.rapport.access.Role;
import org.rapport.access.Scope;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentChange;
import org.rapport.customer.ConsentChannel;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import org.rapport.platform.Actor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalition partners through the partner API, each with its own API key. */
@IntegrationTest
class PartnerAccessTest {

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
	Loyalty loyalty;

	@Autowired
	ApiClients clients;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	LoyaltyFixture fx;

	LoyaltyProgramme programme;

	@BeforeEach
	void setUp() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staff, this.customers, this.interactions, this.loyalty);
		this.programme = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
	}

	@Test
	void aPartnerSeesOnlyItsOwnMovementsAndOnlyMembersWhoConsented() {
		String partnerA = partner("A");
		String partnerB = partner("B");
		UUID sharing = member(true);
		UUID notSharing = member(false);

		assertThat(call(partnerA, "POST", "/members/" + sharing + "/earnings", Map.of("points", 40, "reason", "Fuel"),
				"a-1"))
			.hasStatus(201);
		assertThat(call(partnerB, "POST", "/members/" + sharing + "/earnings", Map.of("points", 25, "reason", "Hotel"),
				"b-1"))
			.hasStatus(201);
		assertThat(call(partnerB, "POST", "/members/" + sharing + "/redemptions",
				Map.of("points", 30, "reason", "Room upgrade"), "b-2"))
			.hasStatus(201);
		assertThat(call(partnerA, "POST", "/members/" + sharing + "/earnings", Map.of("points", 40, "reason", "Fuel"),
				"a-1"))
			.as("a retry")
			.hasStatus(201);

		JsonNode seenByA = this.fx.body(call(partnerA, "GET", "/movements", null, null));
		JsonNode seenByB = this.fx.body(call(partnerB, "GET", "/movements", null, null));
		assertThat(seenByA.findValuesAsString("reason")).containsExactly("Partner A: Fuel");
		assertThat(seenByB.findValuesAsString("reason")).containsExactly("Partner B: Room upgrade", "Partner B: Hotel");
		assertThat(seenByA.findValuesAsString("sourceType")).containsOnly("API_CLIENT");
		assertThat(this.loyalty.member(sharing).available()).isEqualTo(35);

		assertThat(call(partnerA, "GET", "/members/" + sharing, null, null)).hasStatus(200);
		assertThat(call(partnerA, "GET", "/members/" + notSharing, null, null)).hasStatus(404);
		assertThat(call(partnerA, "POST", "/members/" + notSharing + "/earnings", Map.of("points", 5, "reason", "Fuel"),
				"a-2"))
			.hasStatus(404);
		assertThat(this.loyalty.member(notSharing).available()).isZero();
	}

	@Test
	void aMemberWhoWithdrawsConsentDisappearsFromThePartnersView() {
		String partner = partner("C");
		UUID member = member(true);
		call(partner, "POST", "/members/" + member + "/earnings", Map.of("points", 10, "reason", "Coffee"), "c-1");
		assertThat(this.fx.body(call(partner, "GET", "/movements", null, null))).hasSize(1);

		this.customers.setConsent(this.loyalty.member(member).customerId(),
				new ConsentChange(ConsentChannel.EMAIL, ConsentPurpose.PARTNER_SHARING, false, "counter", null));

		assertThat(this.fx.body(call(partner, "GET", "/movements", null, null))).isEmpty();
		assertThat(call(partner, "GET", "/members/" + member, null, null)).hasStatus(404);
	}

	@Test
	void aPartnerCreditsAtMostABillionPointsAtOnceAndBeyondIsRefusedOnThePointsField() {
		String partner = partner("E");
		UUID member = member(true);
		for (long points : new long[] { 4_611_686_018_427_387_904L, Long.MAX_VALUE, Points.MAX_POINTS + 1, 0, -5 }) {
			MvcTestResult refused = call(partner, "POST", "/members/" + member + "/earnings",
					Map.of("points", points, "reason", "Fuel"), "e-" + points);
			assertThat(refused).hasStatus(400);
			assertThat(this.fx.body(refused).get("errors").get(0).get("field").asString()).isEqualTo("points");
		}
		assertThat(this.loyalty.member(member).available()).isZero();
		assertThat(call(partner, "POST", "/members/" + member + "/earnings",
				Map.of("points", Points.MAX_POINTS, "reason", "The largest earning"), "e-max"))
			.hasStatus(201);
		assertThat(this.loyalty.member(member).available()).isEqualTo(Points.MAX_POINTS);
		assertThat(call(partner, "POST", "/members/" + member + "/redemptions",
				Map.of("points", Points.MAX_POINTS + 1, "reason", "Too much"), "e-burn"))
			.hasStatus(400);
	}

	@Test
	void aCreditABalanceCouldNotHoldIsRefusedNotAServerError() {
		String partner = partner("F");
		UUID member = member(true);
		this.jdbc.sql("UPDATE loyalty_balance SET available = ? WHERE account_id = ?")
			.params(Long.MAX_VALUE - 10, member)
			.update();
		MvcTestResult refused = call(partner, "POST", "/members/" + member + "/earnings",
				Map.of("points", 100, "reason", "Fuel"), "f-1");
		assertThat(refused).hasStatus(409);
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("balance-limit");
		assertThat(this.loyalty.member(member).available()).isEqualTo(Long.MAX_VALUE - 10);
	}

	@Test
	void onlyPartnerClientsUseThePartnerApiAndPartnersNothingElse() {
		String pos = this.clients.create("pos-" + LoyaltyFixture.unique(), Set.of(Scope.LOYALTY_WRITE), Actor.SYSTEM)
			.apiKey();
		String unlinked = this.clients
			.create("unlinked-" + LoyaltyFixture.unique(), Set.of(Scope.LOYALTY_PARTNER), Actor.SYSTEM)
			.apiKey();
		assertThat(call(pos, "GET", "/movements", null, null)).hasStatus(403);
		assertThat(call(unlinked, "GET", "/movements", null, null)).hasStatus(403);
		UUID member = member(true);
		assertThat(this.mvc.get().uri(MemberApi.MEMBERS + "/" + member).header("X-API-Key", partner("D")))
			.as("a partner key does not reach the members API")
			.hasStatus(403);
	}

	/** A partner named "Partner x" with its own client; answers the client's API key. */
	private String partner(String x) {
		ApiClients.CreatedClient client = this.clients.create("partner-" + x + "-" + LoyaltyFixture.unique(),
				Set.of(Scope.LOYALTY_PARTNER), Actor.SYSTEM);
		MvcTestResult r = this.fx.post(this.fx.as(Role.ADMIN),
				ProgrammeApi.BASE + "/" + this.programme.code() + "/partners", Map.of("code",
						x + "-" + LoyaltyFixture.unique(), "name", "Partner " + x, "apiClientId", client.client().id()),
				null);
		assertThat(r).hasStatus(201);
		return client.apiKey();
	}

	private UUID member(boolean sharing) {
		UUID customer = this.fx.customer();
		if (sharing) {
			this.customers.setConsent(customer,
					new ConsentChange(ConsentChannel.EMAIL, ConsentPurpose.PARTNER_SHARING, true, "counter", null));
		}
		return UUID.fromString(this.fx.enrol(this.programme, customer).get("accountId").asString());
	}

	private MvcTestResult call(String apiKey, String method, String path, Object body, String key) {
		String uri = PartnerApi.PARTNER + path;
		if ("GET".equals(method)) {
			return this.mvc.get().uri(uri).header("X-API-Key", apiKey).exchange();
		}
		var request = this.mvc.post()
			.uri(uri)
			.header("X-API-Key", apiKey)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON);
		return request.content(this.json.writeValueAsString(body)).exchange();
	}

}
