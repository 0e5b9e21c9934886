package org.rapport.interaction;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.NewIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Customers, products and interaction bodies for the interaction tests, each with unique
 * names because all tests share one database, and calls of the API as a role.
 */
final class InteractionFixture {

	static final String PASSWORD = "interaction-test-password";

	final MockMvcTester mvc;

	final JsonMapper json;

	private final StaffDirectory staff;

	private final Customers customers;

	private final Interactions interactions;

	private final Map<Role, String> logins = new java.util.EnumMap<>(Role.class);

	InteractionFixture(MockMvcTester mvc, JsonMapper json, StaffDirectory staff, Customers customers,
			Interactions interactions) {
		this.mvc = mvc;
		this.json = json;
		this.staff = staff;
		this.customers = customers;
		this.interactions = interactions;
	}

	static String unique() {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return sb.toString();
	}

	RequestPostProcessor as(Role role) {
		String username = this.logins.computeIfAbsent(role, (r) -> {
			String name = "ix-" + r.name().toLowerCase().replace('_', '-') + "-" + unique();
			this.staff.create(name, r.name(), PASSWORD, EnumSet.of(r));
			return name;
		});
		return httpBasic(username, PASSWORD);
	}

	UUID customer() {
		return this.customers.create(NewCustomer.person("Ana", "Test " + unique())).id();
	}

	UUID customerWithEmail(String email) {
		return this.customers
			.create(NewCustomer.person("Ana", "Test " + unique())
				.withIdentities(List.of(NewIdentity.of(IdentityType.EMAIL, email))))
			.id();
	}

	/** A new product in a category; returns its SKU. */
	String product(String category) {
		String sku = "SKU-" + unique().toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Product " + sku, category, true));
		return sku;
	}

	/** A purchase body: lines of (sku, quantity, unit price), the total their sum. */
	Map<String, Object> purchase(UUID customer, String occurredAt, Object... skuQtyPrice) {
		Map<String, Object> body = base(customer, "PURCHASE", "store", occurredAt);
		List<Map<String, Object>> lines = new ArrayList<>();
		java.math.BigDecimal total = java.math.BigDecimal.ZERO;
		for (int i = 0; i < skuQtyPrice.length; i += 3) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("sku", skuQtyPrice[i]);
			line.put("quantity", skuQtyPrice[i + 1]);
			line.put("unitPrice", skuQtyPrice[i + 2]);
			lines.add(line);
			total = total.add(new java.math.BigDecimal(skuQtyPrice[i + 1].toString())
				.multiply(new java.math.BigDecimal(skuQtyPrice[i + 2].toString())));
		}
		body.put("lines", lines);
		body.put("total", total);
		body.put("currency", "EUR");
		return body;
	}

	Map<String, Object> contact(UUID customer, String kind, String channel, String occurredAt) {
		return base(customer, kind, channel, occurredAt);
	}

	private static Map<String, Object> base(UUID customer, String kind, String channel, String occurredAt) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (customer != null) {
			body.put("customerId", customer);
		}
		body.put("kind", kind);
		body.put("channel", channel);
		body.put("occurredAt", occurredAt);
		body.put("sourceSystem", "pos");
		body.put("idempotencyKey", "key-" + unique());
		return body;
	}

	MvcTestResult post(RequestPostProcessor who, String uri, Object body) {
		return this.mvc.post()
			.uri(uri)
			.with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
	}

	MvcTestResult get(RequestPostProcessor who, String uri) {
		return this.mvc.get().uri(uri).with(who).exchange();
	}

	JsonNode body(MvcTestResult result) {
		try {
			return this.json.readTree(result.getResponse().getContentAsString());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records through the API as a salesperson and answers the stored interaction. */
	JsonNode record(Map<String, Object> body) {
		MvcTestResult result = post(as(Role.SALES), "/api/v1/interactions", body);
		if (result.getResponse().getStatus() != 201) {
			throw new AssertionError("record failed: " + result.getResponse().getStatus() + " " + body(result));
		}
		return body(result);
	}

}
