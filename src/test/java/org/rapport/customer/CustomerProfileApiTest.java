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

}
