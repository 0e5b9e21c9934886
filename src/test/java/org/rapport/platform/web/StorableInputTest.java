package org.rapport.platform.web;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A text with the NUL character or a date beyond the years stored is the request's fault:
 * a 400 that names the field where the reader knows it, never a server error, and nothing
 * of the request is kept.
 */
@IntegrationTest
class StorableInputTest {

	private static final String PASSWORD = "storable-input-123";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	String admin;

	@BeforeEach
	void setUp() {
		this.admin = "storable-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(this.admin, "Storable Admin", PASSWORD, EnumSet.of(Role.ADMIN));
	}

	@Test
	void aNameWithTheNulCharacterIsRefusedInItsFieldAndNoCustomerIsCreated() {
		String family = "Nul" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode problem = refused(post("/api/v1/customers",
				"{\"kind\":\"PERSON\",\"givenName\":\"a\\u0000b\",\"familyName\":\"" + family + "\"}"));
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("givenName");
		assertThat(problem.at("/errors/0/message").asString()).contains("NUL");
		assertThat(this.jdbc.sql("SELECT count(*) FROM customer WHERE family_name = ?")
			.param(family)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAttributeKeyOrNestedValueWithTheNulCharacterIsRefused() {
		String id = customer();
		assertThat(refused(post("/api/v1/customers/" + id + "/attributes", "{\"a\\u0000b\":\"x\"}")).toString())
			.contains("NUL");
		assertThat(refused(post("/api/v1/customers/" + id + "/attributes", "{\"shoe\":{\"size\":\"4\\u00002\"}}"))
			.at("/errors/0/field")
			.asString()).startsWith("shoe");
		assertThat(this.jdbc.sql("SELECT attributes::text FROM customer WHERE id = ?::uuid")
			.param(id)
			.query(String.class)
			.single()).doesNotContain("shoe");
	}

	@Test
	void aQueryParameterWithTheNulCharacterIsNamedInA400() {
		String id = customer();
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/customers/" + id + "/timeline?channel={c}", "ph\u0000one")
			.with(httpBasic(this.admin, PASSWORD))
			.exchange();
		JsonNode problem = refused(result);
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("channel");
	}

	@Test
	void aConsoleFormWithTheNulCharacterGetsTheErrorPageWith400() {
		assertThat(this.mvc.get()
			.uri("/customers?q={q}", "ma\u0000ria")
			.with(user(this.users.loadUserByUsername(this.admin)))).hasStatus(400);
		assertThat(this.mvc.post()
			.uri("/customers/" + customer() + "/notes")
			.with(user(this.users.loadUserByUsername(this.admin)))
			.with(csrf())
			.param("body", "a\u0000b")).hasStatus(400);
	}

	@Test
	void aDateBeyondTheYear9999InABodyIsRefusedInItsField() {
		String family = "Far" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode problem = refused(
				post("/api/v1/customers", "{\"kind\":\"PERSON\",\"givenName\":\"Ada\",\"familyName\":\"" + family
						+ "\",\"birthDate\":\"+10000-01-01\"}"));
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("birthDate");
		assertThat(problem.at("/errors/0/message").asString()).contains("9999");
	}

	@Test
	void aDateBeyondTheYear9999InAParameterIsRefusedInItsParameter() {
		JsonNode audit = refused(this.mvc.get()
			.uri("/api/v1/audit?from={f}", "+999999999-12-31T23:59:59Z")
			.with(httpBasic(this.admin, PASSWORD))
			.exchange());
		assertThat(audit.at("/errors/0/field").asString()).isEqualTo("from");
		assertThat(audit.at("/errors/0/message").asString()).isEqualTo(StorableValues.YEAR_MESSAGE);
		JsonNode job = refused(this.mvc.post()
			.uri("/api/v1/loyalty/jobs/expiry?asOf={a}", "+10000-01-01T00:00:00Z")
			.with(httpBasic(this.admin, PASSWORD))
			.exchange());
		assertThat(job.at("/errors/0/field").asString()).isEqualTo("asOf");
		assertThat(job.at("/errors/0/message").asString()).isEqualTo(StorableValues.YEAR_MESSAGE);
		JsonNode export = refused(this.mvc.get()
			.uri("/api/v1/interactions/export?from={f}", "+999999999-12-31T23:59:59Z")
			.with(httpBasic(this.admin, PASSWORD))
			.exchange());
		assertThat(export.at("/errors/0/field").asString()).isEqualTo("from");
	}

	@Test
	void aValueOfTheWrongKindIsNamedInItsFieldWithoutOurClassNames() {
		JsonNode problem = refused(post("/api/v1/customers", "{\"kind\":\"PERSON\",\"lifecycleStage\":\"X\"}"));
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("lifecycleStage");
		assertThat(problem.toString()).contains("LifecycleStage").doesNotContain("org.rapport");
		assertThat(refused(this.mvc.post()
			.uri("/api/v1/customers")
			.with(httpBasic(this.admin, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()).at("/detail").asString()).isEqualTo("The request body is missing");
	}

	@Test
	void aNullInPlaceOfAnIdentityAddressOrConsentIsRefusedInThatElement() {
		for (String list : List.of("identities", "addresses", "consents")) {
			JsonNode problem = refused(
					post("/api/v1/customers", "{\"kind\":\"PERSON\",\"givenName\":\"X\",\"" + list + "\":[null]}"));
			assertThat(problem.at("/errors/0/field").asString()).isEqualTo(list + "[0]");
		}
	}

	@Test
	void anInteractionWithTheNulCharacterInItsKeyIsRejectedAloneInABatch() {
		String id = customer();
		String good = "{\"customerId\":\"" + id + "\",\"kind\":\"VISIT\",\"channel\":\"store\","
				+ "\"occurredAt\":\"2026-01-02T10:00:00Z\",\"sourceSystem\":\"pos\",\"idempotencyKey\":\"ok-" + id
				+ "\"}";
		String bad = good.replace("\"ok-", "\"bad\\u0000-");
		assertThat(refused(post("/api/v1/interactions", bad)).at("/errors/0/field").asString())
			.isEqualTo("idempotencyKey");
		MvcTestResult batch = post("/api/v1/interactions/batch", "{\"items\":[" + good + "," + bad + "]}");
		assertThat(batch).hasStatusOk();
		JsonNode items = body(batch).get("items");
		assertThat(items.get(0).get("status").asString()).isEqualTo("CREATED");
		assertThat(items.get(1).get("status").asString()).isEqualTo("REJECTED");
		assertThat(items.get(1).toString()).contains("idempotencyKey").contains("NUL");
		assertThat(this.jdbc.sql("SELECT count(*) FROM interaction WHERE customer_id = ?::uuid")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private String customer() {
		MvcTestResult created = post("/api/v1/customers",
				"{\"kind\":\"PERSON\",\"givenName\":\"Ada\",\"familyName\":\"Nul"
						+ UUID.randomUUID().toString().substring(0, 8) + "\"}");
		assertThat(created).hasStatus(201);
		return body(created).get("id").asString();
	}

	private MvcTestResult post(String uri, String body) {
		return this.mvc.post()
			.uri(uri)
			.with(httpBasic(this.admin, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private JsonNode refused(MvcTestResult result) {
		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return body(result);
	}

	private JsonNode body(MvcTestResult result) {
		try {
			return this.json.readTree(result.getResponse().getContentAsString());
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
