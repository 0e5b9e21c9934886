package org.rapport.interaction;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.ApiClients;
import org.rapport.access.Role;
import org.rapport.access.Scope;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.platform.Actor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class InteractionAccessTest {

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
	ApiClients clients;

	@Test
	void aTillWithTheInteractionsWriteScopeRecordsButCannotReadNotesOrTimelines() {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		UUID customer = fx.customer();
		String sku = fx.product("tyres");
		String key = this.clients
			.create("till-" + InteractionFixture.unique(), Set.of(Scope.INTERACTIONS_WRITE), Actor.SYSTEM)
			.apiKey();

		assertThat(this.mvc.post()
			.uri("/api/v1/interactions")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(fx.purchase(customer, "2024-05-01T10:00:00Z", sku, 1, "9.99")))
			.exchange()).hasStatus(201);
		assertThat(this.mvc.get().uri("/api/v1/customers/" + customer + "/notes").header("X-API-Key", key).exchange())
			.hasStatus(403);
		assertThat(
				this.mvc.get().uri("/api/v1/customers/" + customer + "/timeline").header("X-API-Key", key).exchange())
			.hasStatus(403);
	}

	@Test
	void aMarketerReadsTimelinesButCannotRecordOrEditProducts() {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		UUID customer = fx.customer();
		String sku = fx.product("tyres");

		assertThat(fx.post(fx.as(Role.MARKETER), "/api/v1/interactions",
				fx.purchase(customer, "2024-05-01T10:00:00Z", sku, 1, "9.99")))
			.hasStatus(403);
		assertThat(fx.get(fx.as(Role.MARKETER), "/api/v1/customers/" + customer + "/timeline")).hasStatus(200);
		assertThat(this.mvc.put()
			.uri("/api/v1/products/" + sku)
			.with(fx.as(Role.MARKETER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Renamed\"}")
			.exchange()).hasStatus(403);
		assertThat(this.mvc.put()
			.uri("/api/v1/products/" + sku)
			.with(fx.as(Role.MANAGER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Renamed\",\"category\":\"tyres\"}")
			.exchange()).hasStatus(200);
		assertThat(fx.get(fx.as(Role.MARKETER), "/api/v1/products/" + sku)).bodyJson()
			.extractingPath("$.name")
			.isEqualTo("Renamed");
	}

	@Test
	void anonymousCallersAreAskedToAuthenticate() {
		assertThat(this.mvc.post()
			.uri("/api/v1/interactions")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange()).hasStatus(401);
		assertThat(this.mvc.get().uri("/api/v1/customers/" + UUID.randomUUID() + "/timeline").exchange())
			.hasStatus(401);
	}

}
