package org.rapport.analytics;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.Interactions;
import org.rapport.interaction.Product;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Customers and their interactions for the analytics tests, recorded through the public
 * API (customers through the Customers front door, interactions over HTTP), and calls of
 * the analytics API as a role. Names are unique because all tests share one database.
 */
final class AnalyticsFixture {

	static final String PASSWORD = "analytics-test-password";

	private final MockMvcTester mvc;

	private final JsonMapper json;

	private final StaffDirectory staff;

	private final Customers customers;

	private final Map<Role, String> logins = new EnumMap<>(Role.class);

	private final String sku;

	AnalyticsFixture(MockMvcTester mvc, JsonMapper json, StaffDirectory staff, Customers customers,
			Interactions interactions) {
		this.mvc = mvc;
		this.json = json;
		this.staff = staff;
		this.customers = customers;
		this.sku = "AN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		interactions.saveProduct(new Product(this.sku, "Analytics test product", "tests", true));
	}

	RequestPostProcessor as(Role role) {
		String username = this.logins.computeIfAbsent(role, (r) -> {
			String name = "an-" + r.name().toLowerCase().replace('_', '-') + "-"
					+ UUID.randomUUID().toString().substring(0, 8);
			this.staff.create(name, r.name(), PASSWORD, EnumSet.of(r));
			return name;
		});
		return httpBasic(username, PASSWORD);
	}

	UUID customer(String name) {
		return this.customers.create(NewCustomer.person(name, "Analytics " + UUID.randomUUID())).id();
	}

	/** Records one purchase of the given amount at noon UTC of each date (yyyy-MM-dd). */
	void purchases(UUID customer, String amount, String... dates) {
		purchasesIn(customer, "EUR", amount, dates);
	}

	/** {@link #purchases} in the given currency. */
	void purchasesIn(UUID customer, String currency, String amount, String... dates) {
		for (String date : dates) {
			Map<String, Object> body = base(customer, "PURCHASE", "store", date);
			body.put("lines", List.of(Map.of("sku", this.sku, "quantity", 1, "unitPrice", amount)));
			body.put("total", new BigDecimal(amount));
			body.put("currency", currency);
			record(body);
		}
	}

	/**
	 * Records one purchase per customer at noon UTC of the date, all in one batch;
	 * answers how many were created.
	 */
	int purchaseBatch(List<UUID> customers, String amount, String date) {
		List<Map<String, Object>> items = new java.util.ArrayList<>();
		for (UUID customer : customers) {
			Map<String, Object> body = base(customer, "PURCHASE", "store", date);
			body.put("lines", List.of(Map.of("sku", this.sku, "quantity", 1, "unitPrice", amount)));
			body.put("total", new BigDecimal(amount));
			body.put("currency", "EUR");
			items.add(body);
		}
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/interactions/batch")
			.with(as(Role.SALES))
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(Map.of("items", items)))
			.exchange();
		if (result.getResponse().getStatus() != 200) {
			throw new AssertionError("batch failed: " + result.getResponse().getStatus() + " " + text(result));
		}
		return body(result).get("created").asInt();
	}

	void contact(UUID customer, String kind, String channel, String date, String outcome,
			Map<String, Object> attributes) {
		Map<String, Object> body = base(customer, kind, channel, date);
		if (outcome != null) {
			body.put("outcome", outcome);
		}
		if (attributes != null) {
			body.put("attributes", attributes);
		}
		record(body);
	}

	private static Map<String, Object> base(UUID customer, String kind, String channel, String date) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customerId", customer);
		body.put("kind", kind);
		body.put("channel", channel);
		body.put("occurredAt", date + "T12:00:00Z");
		body.put("sourceSystem", "analytics-test");
		body.put("idempotencyKey", UUID.randomUUID().toString());
		return body;
	}

	private void record(Map<String, Object> body) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/interactions")
			.with(as(Role.SALES))
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
		if (result.getResponse().getStatus() != 201) {
			throw new AssertionError("record failed: " + result.getResponse().getStatus() + " " + text(result));
		}
	}

	MvcTestResult get(Role role, String uri) {
		return this.mvc.get().uri(uri).with(as(role)).exchange();
	}

	MvcTestResult post(Role role, String uri) {
		return this.mvc.post().uri(uri).with(as(role)).exchange();
	}

	JsonNode body(MvcTestResult result) {
		return this.json.readTree(text(result));
	}

	static String text(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
