package org.rapport.access;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.platform.Actor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApiKeyAuthenticationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.rapport.audit.AuditTrail audit;

	@Test
	void aValidKeyAuthenticatesTheClientWithTheAuthoritiesOfItsScopes() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_WRITE);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.kind", (v) -> v.assertThat().isEqualTo("API_CLIENT"))
			.hasPathSatisfying("$.authorities",
					(v) -> v.assertThat()
						.asArray()
						.containsExactlyInAnyOrder("ROLE_API_CLIENT", "customer:read", "customer:write"));
	}

	@Test
	void anApiKeyCallNeverCreatesASession() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		var ok = this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey()).exchange();
		var refused = this.mvc.get().uri("/api/v1/me").header("X-API-Key", ApiKey.generate().value()).exchange();

		assertThat(ok).hasStatusOk();
		assertThat(ok.getRequest().getSession(false)).isNull();
		assertThat(ok.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(refused).hasStatus(401);
		assertThat(refused.getRequest().getSession(false)).isNull();
	}

	@Test
	void aCallWithoutCredentialsIsRefusedWith401AndTheProblemWithoutAnAnonymousCaller() {
		var result = this.mvc.get().uri("/api/v1/me").exchange();

		assertThat(result).hasStatus(401);
		assertThat(result.getResponse().getHeader("WWW-Authenticate")).contains("ApiKey");
		assertThat(result).bodyJson().extractingPath("$.type").asString().endsWith("unauthenticated");
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void aKeyWithoutTheScopeIsRefusedWith403EvenWhenItsVerificationIsKept() {
		ApiClients.CreatedClient reader = newClient(Scope.CUSTOMERS_READ);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", reader.apiKey())).hasStatusOk();

		assertThat(this.mvc.post()
			.uri("/api/v1/interactions")
			.header("X-API-Key", reader.apiKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(403);
	}

	@Test
	void theKeyIsAlsoAcceptedInTheAuthorizationHeader() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "ApiKey " + pos.apiKey())).hasStatusOk();
	}

	@Test
	void anUnknownOrTamperedKeyIsRefusedWith401() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		String tampered = pos.apiKey().substring(0, pos.apiKey().length() - 1)
				+ (pos.apiKey().endsWith("a") ? "b" : "a");
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", tampered)).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", ApiKey.generate().value())).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", "not-a-key")).hasStatus(401);
	}

	@Test
	void aRevokedKeyIsRefusedWith401() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		assertThat(this.mvc.post()
			.uri("/api/v1/api-clients/{id}/revocation", pos.client().id())
			.with(StaffFixture.as(admin))).hasStatusOk().bodyJson().extractingPath("$.active").isEqualTo(false);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatus(401);
	}

	@Test
	void aKeyInUseIsRefusedFromTheCallAfterItsRevocation() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		// verified once, then answered from the kept verification
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/api/v1/api-clients/{id}/revocation", pos.client().id())
			.with(StaffFixture.as(admin))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "ApiKey " + pos.apiKey())).hasStatus(401);
	}

	@Test
	void revokingOneClientLeavesTheKeysOfOthersWorking() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		ApiClients.CreatedClient shop = newClient(Scope.CUSTOMERS_READ);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", shop.apiKey())).hasStatusOk();
		this.clients.revoke(pos.client().id());
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", shop.apiKey())).hasStatusOk();
	}

	@Test
	void aKeyRevokedOnAnotherNodeIsRefusedOnceItsVerificationHasExpired() {
		LoginThrottleTest.MovableClock clock = new LoginThrottleTest.MovableClock();
		ApiClients node = new ApiClients(this.jdbc, this.audit, clock);
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		assertThat(node.authenticate(pos.apiKey())).isPresent();
		this.jdbc.sql("UPDATE api_client SET active = FALSE WHERE id = ?").param(pos.client().id()).update();

		clock.advance(ApiClients.VERIFIED_KEY_TTL);

		assertThat(node.authenticate(pos.apiKey())).isEmpty();
	}

	@Test
	void aVerifiedKeyDoesNotLetASimilarKeyIn() {
		LoginThrottleTest.MovableClock clock = new LoginThrottleTest.MovableClock();
		ApiClients node = new ApiClients(this.jdbc, this.audit, clock);
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		assertThat(node.authenticate(pos.apiKey())).isPresent();
		String tampered = pos.apiKey().substring(0, pos.apiKey().length() - 1)
				+ (pos.apiKey().endsWith("a") ? "b" : "a");

		assertThat(node.authenticate(tampered)).isEmpty();
		assertThat(node.authenticate(" " + pos.apiKey() + " ")).isPresent();
	}

	@Test
	void aKeyCannotReachWhatItsScopesDoNotGrant() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_WRITE);
		assertThat(this.mvc.get().uri("/api/v1/staff").header("X-API-Key", pos.apiKey())).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/audit").header("X-API-Key", pos.apiKey())).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/api-clients").header("X-API-Key", pos.apiKey())).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/api/v1/me/password")
			.header("X-API-Key", pos.apiKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"x\",\"newPassword\":\"a-long-password\"}")).hasStatus(403);
	}

	@Test
	void theKeyIsShownOnceAndOnlyItsHashIsStored() throws Exception {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		String name = StaffFixture.uniqueName("webshop");
		var created = this.mvc.post()
			.uri("/api/v1/api-clients")
			.with(StaffFixture.as(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"scopes\":[\"customers:read\"]}")
			.exchange();
		assertThat(created).hasStatus(201)
			.bodyJson()
			.extractingPath("$.client.scopes")
			.asArray()
			.containsExactly("customers:read");
		String key = com.jayway.jsonpath.JsonPath.read(created.getResponse().getContentAsString(), "$.apiKey");
		assertThat(key).matches("rk_[0-9a-f]{12}_[0-9a-f]{64}");
		String stored = this.jdbc.sql("SELECT key_hash FROM api_client WHERE name = ?")
			.param(name)
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(ApiKey.sha256(key)).doesNotContain(key.substring(16));
		assertThat(this.mvc.get().uri("/api/v1/api-clients").with(StaffFixture.as(admin))).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain(key.substring(16))
			.doesNotContain(stored);
	}

	@Test
	void useOfAKeyIsNotedWithoutAWriteOnEveryCall() {
		ApiClients.CreatedClient pos = newClient(Scope.CUSTOMERS_READ);
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk();
		var first = lastUsed(pos);
		assertThat(first).isNotNull();
		assertThat(this.mvc.get().uri("/api/v1/me").header("X-API-Key", pos.apiKey())).hasStatusOk();
		assertThat(lastUsed(pos)).isEqualTo(first);
	}

	private java.time.OffsetDateTime lastUsed(ApiClients.CreatedClient client) {
		return this.jdbc.sql("SELECT last_used_at FROM api_client WHERE id = ?")
			.param(client.client().id())
			.query(java.time.OffsetDateTime.class)
			.single();
	}

	private ApiClients.CreatedClient newClient(Scope scope) {
		return this.clients.create(StaffFixture.uniqueName("pos"), Set.of(scope), Actor.SYSTEM);
	}

}
