package org.rapport.customer;

import java.util.Map;

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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CustomerProfileApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JdbcClient jdbc;

	CustomerApiFixture api;

	RequestPostProcessor sales;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
		this.sales = this.api.as(this.api.staffMember(Role.SALES, "Sara Sales"));
	}

	@Test
	void aCreatedCustomerCanBeReadAndPatchedWithItsETag() {
		MvcTestResult created = this.api.post(this.sales, "/api/v1/customers",
				Map.of("kind", "PERSON", "givenName", "José", "familyName", "García", "birthDate", "1980-02-03",
						"identities", java.util.List.of(Map.of("type", "EMAIL", "value", "Jose.Garcia@Example.COM"))));
		assertThat(created).hasStatus(201).hasHeader("ETag", "\"0\"");
		assertThat(created.getResponse().getHeader("Location")).contains("/api/v1/customers/");
		JsonNode view = this.api.body(created);
		String id = view.get("id").asString();
		assertThat(view.get("displayName").asString()).isEqualTo("José García");
		assertThat(view.get("identities").get(0).get("value").asString()).isEqualTo("jose.garcia@example.com");

		assertThat(this.api.get(this.sales, "/api/v1/customers/" + id)).hasStatusOk()
			.hasHeader("ETag", "\"0\"")
			.bodyJson()
			.extractingPath("$.birthDate")
			.isEqualTo("1980-02-03");

		MvcTestResult patched = this.mvc.patch()
			.uri("/api/v1/customers/" + id)
			.with(this.sales)
			.header("If-Match", "\"0\"")
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.content("{\"familyName\":\"García López\",\"birthDate\":null}")
			.exchange();
		assertThat(patched).hasStatusOk().hasHeader("ETag", "\"1\"");
		JsonNode after = this.api.body(patched);
		assertThat(after.get("displayName").asString()).isEqualTo("José García López");
		assertThat(after.get("givenName").asString()).isEqualTo("José");
		assertThat(after.get("birthDate").isNull()).isTrue();
	}

	MvcTestResult patch(String id, String ifMatch, String body) {
		var request = this.mvc.patch()
			.uri("/api/v1/customers/" + id)
			.with(this.sales)
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.content(body);
		if (ifMatch != null) {
			request = request.header("If-Match", ifMatch);
		}
		return request.exchange();
	}

	String newPerson(String given, String family) {
		return this.api.create(this.sales, Map.of("kind", "PERSON", "givenName", given, "familyName", family))
			.get("id")
			.asString();
	}

	@Test
	void aWriteBasedOnAnOldVersionIsRefusedWith412() {
		String id = newPerson("Ana", "López");
		assertThat(patch(id, "\"0\"", "{\"givenName\":\"Anna\"}")).hasStatusOk();
		MvcTestResult stale = patch(id, "\"0\"", "{\"givenName\":\"Ana María\"}");
		assertThat(stale).hasStatus(412).bodyJson().extractingPath("$.type").asString().endsWith("/stale-version");
		assertThat(this.api.get(this.sales, "/api/v1/customers/" + id)).bodyJson()
			.extractingPath("$.givenName")
			.isEqualTo("Anna");
	}

	@Test
	void aPatchWithoutIfMatchIsRefusedWith428() {
		String id = newPerson("Ana", "López");
		assertThat(patch(id, null, "{\"givenName\":\"Anna\"}")).hasStatus(428)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("/if-match-required");
	}

	@Test
	void aProfileChangeIsAuditedWithBeforeAndAfter() {
		String id = newPerson("Ana", "López");
		assertThat(patch(id, "\"0\"", "{\"familyName\":\"Ruiz\"}")).hasStatusOk();
		Map<String, Object> row = this.jdbc
			.sql("SELECT actor_name, before::text AS before, after::text AS after FROM audit_event "
					+ "WHERE entity_type = 'customer' AND entity_id = ? AND action = 'customer.profile-changed'")
			.param(id)
			.query()
			.singleRow();
		assertThat(row.get("actor_name")).isEqualTo("Sara Sales");
		assertThat((String) row.get("before")).contains("\"familyName\": \"López\"");
		assertThat((String) row.get("after")).contains("\"familyName\": \"Ruiz\"");
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_id = ? AND action = 'customer.created'")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void invalidInputIsReportedPerField() {
		MvcTestResult result = this.api.post(this.sales, "/api/v1/customers", Map.of("kind", "PERSON", "givenName",
				"x".repeat(101), "birthDate", "2999-01-01", "preferredLanguage", "English"));
		assertThat(result).hasStatus(400);
		JsonNode errors = this.api.body(result).get("errors");
		assertThat(errors.findValuesAsString("field")).containsExactlyInAnyOrder("givenName", "birthDate",
				"preferredLanguage");
	}

	@Test
	void aPersonWithoutAnyNameOrACompanyWithoutItsNameIsRefused() {
		assertThat(this.api.post(this.sales, "/api/v1/customers", Map.of("kind", "PERSON", "companyName", "Acme")))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("givenName");
		assertThat(this.api.post(this.sales, "/api/v1/customers", Map.of("kind", "COMPANY", "givenName", "Ana")))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("companyName");
	}

	@Test
	void anInvalidIdentityOnCreateNamesTheField() {
		MvcTestResult result = this.api.post(this.sales, "/api/v1/customers", Map.of("kind", "PERSON", "givenName",
				"Ana", "identities", java.util.List.of(Map.of("type", "EMAIL", "value", "ana-at-example"))));
		assertThat(result).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("identities[0].value");
	}

	@Test
	void aMergedCustomerRedirectsToTheSurvivorAndAnErasedOneIsGone() {
		String survivor = newPerson("Ana", "López");
		String merged = newPerson("Ana", "Lopez");
		String erased = newPerson("Eve", "Erased");
		this.jdbc.sql("UPDATE customer SET status = 'MERGED', merged_into = ?::uuid WHERE id = ?::uuid")
			.params(survivor, merged)
			.update();
		this.jdbc.sql("UPDATE customer SET status = 'ERASED' WHERE id = ?::uuid").param(erased).update();
		MvcTestResult moved = this.api.get(this.sales, "/api/v1/customers/" + merged);
		assertThat(moved).hasStatus(301);
		assertThat(moved.getResponse().getHeader("Location")).isEqualTo("/api/v1/customers/" + survivor);
		MvcTestResult write = this.api.post(this.sales, "/api/v1/customers/" + merged + "/tags",
				Map.of("tags", java.util.List.of("vip")));
		assertThat(write).hasStatus(409).bodyJson().extractingPath("$.survivorId").isEqualTo(survivor);
		assertThat(this.api.get(this.sales, "/api/v1/customers/" + erased)).hasStatus(410);
		assertThat(this.api.get(this.sales, "/api/v1/customers/" + java.util.UUID.randomUUID())).hasStatus(404);
	}

	@Test
	void anUnchangedCustomerAnswersNotModified() {
		String id = newPerson("Ana", "López");
		assertThat(this.mvc.get().uri("/api/v1/customers/" + id).with(this.sales).header("If-None-Match", "\"0\""))
			.hasStatus(304);
		assertThat(patch(id, "\"0\"", "{\"givenName\":\"Anna\"}")).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/customers/" + id).with(this.sales).header("If-None-Match", "\"0\""))
			.hasStatusOk();
	}

}
