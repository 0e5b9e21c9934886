package org.rapport.loyalty;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
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
 * Programmes, members, products and API calls for the loyalty tests; every name is unique
 * because all tests share one database.
 */
final class LoyaltyFixture {

	static final String PASSWORD = "loyalty-test-password";

	final MockMvcTester mvc;

	final JsonMapper json;

	final Loyalty loyalty;

	private final StaffDirectory staff;

	final Customers customers;

	private final Interactions interactions;

	private final Map<Role, String> logins = new EnumMap<>(Role.class);

	LoyaltyFixture(MockMvcTester mvc, JsonMapper json, StaffDirectory staff, Customers customers,
			Interactions interactions, Loyalty loyalty) {
		this.mvc = mvc;
		this.json = json;
		this.staff = staff;
		this.customers = customers;
		this.interactions = interactions;
		this.loyalty = loyalty;
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
			String name = "lo-" + r.name().toLowerCase().replace('_', '-') + "-" + unique();
			this.staff.create(name, r.name(), PASSWORD, EnumSet.of(r));
			return name;
		});
		return httpBasic(username, PASSWORD);
	}

	UUID customer() {
		return this.customers.create(NewCustomer.person("Marta", "Loyal " + unique())).id();
	}

	/**
	 * A programme in EUR, 1 point per 6 EUR (floor), with the given window, policy and
	 * consent.
	 */
	LoyaltyProgramme programme(int returnWindowDays, NegativeBalancePolicy policy, ConsentPurpose consent) {
		LoyaltyProgramme p = this.loyalty.createProgramme(new ProgrammeSettings("p-" + unique(), "Club", "EUR",
				"points", new BigDecimal("0.01"), returnWindowDays, ExpiryPolicy.ROLLING, 12, null, policy, consent,
				Map.of("base", Combination.STACK, "bonus", Combination.BEST_OF), null));
		this.loyalty.saveRule(p.code(), null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 per 6 EUR",
				RuleParams.spendRatio(1, "6"), null, null, null));
		return p;
	}

	String product(String category) {
		String sku = "SKU-" + unique().toUpperCase();
		this.interactions.saveProduct(new Product(sku, "Product " + sku, category, true));
		return sku;
	}

	Map<String, Object> purchase(UUID customer, String occurredAt, String sku, String amount) {
		return purchase(customer, occurredAt, sku, 1, amount);
	}

	/** A purchase of {@code quantity} units of one product at {@code unitPrice}. */
	Map<String, Object> purchase(UUID customer, String occurredAt, String sku, int quantity, String unitPrice) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customerId", customer);
		body.put("kind", "PURCHASE");
		body.put("channel", "store");
		body.put("occurredAt", occurredAt);
		body.put("sourceSystem", "pos");
		body.put("idempotencyKey", "key-" + unique());
		body.put("lines", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice)));
		body.put("total", new BigDecimal(unitPrice).multiply(new BigDecimal(quantity)));
		body.put("currency", "EUR");
		return body;
	}

	Map<String, Object> returnOf(UUID customer, String purchaseId, String occurredAt, String sku, String amount) {
		Map<String, Object> body = purchase(customer, occurredAt, sku, amount);
		body.put("kind", "RETURN");
		body.put("relatedPurchaseId", purchaseId);
		return body;
	}

	/** Records through the interactions API and answers the stored interaction's id. */
	String record(Map<String, Object> body) {
		MvcTestResult result = post(as(Role.SALES), "/api/v1/interactions", body, null);
		if (result.getResponse().getStatus() != 201) {
			throw new AssertionError("record failed: " + result.getResponse().getStatus() + " " + body(result));
		}
		return body(result).get("id").asString();
	}

	MvcTestResult post(RequestPostProcessor who, String uri, Object body, String key) {
		var request = this.mvc.post().uri(uri).with(who).contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			request = request.header("Idempotency-Key", key);
		}
		return request.content(this.json.writeValueAsString(body)).exchange();
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

	/**
	 * Enrols through the API as a service agent, with a virtual card; answers the member.
	 */
	JsonNode enrol(LoyaltyProgramme programme, UUID customer) {
		MvcTestResult r = post(as(Role.SERVICE_AGENT), "/api/v1/loyalty/programmes/" + programme.code() + "/members",
				Map.of("customerId", customer, "card", "VIRTUAL"), "enrol-" + unique());
		if (r.getResponse().getStatus() != 201) {
			throw new AssertionError("enrol failed: " + r.getResponse().getStatus() + " " + body(r));
		}
		return body(r);
	}

}
