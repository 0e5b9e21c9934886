package org.rapport.interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ConcurrentRecordingTest {

	static final int CLIENTS = 8;

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
	JdbcClient jdbc;

	@Test
	void theSameKeySentByEightClientsAtOnceIsRecordedExactlyOnce() throws Exception {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		UUID customer = fx.customer();
		String sku = fx.product("tyres");
		Map<String, Object> body = fx.purchase(customer, "2024-05-01T10:00:00Z", sku, 1, "80.00");
		var sales = fx.as(org.rapport.access.Role.SALES);
		fx.get(sales, "/api/v1/customers/" + customer + "/figures"); // creates the login
																		// before the race
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<String>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					var result = fx.post(sales, "/api/v1/interactions", body);
					return result.getResponse().getStatus() + " " + fx.body(result).get("id").asString();
				}));
			}
			start.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> answer : answers) {
				results.add(answer.get());
			}
			String id = results.get(0).substring(4);
			assertThat(results).allSatisfy((r) -> assertThat(r).endsWith(id));
			assertThat(results).filteredOn((r) -> r.startsWith("201")).hasSize(1);
			assertThat(results).filteredOn((r) -> r.startsWith("200")).hasSize(CLIENTS - 1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM interaction WHERE customer_id = ?")
			.param(customer)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.interactions.figures(customer).purchases()).isEqualTo(1);
		assertThat(this.interactions.figures(customer).revenue()).isEqualByComparingTo("80.00");
	}

	@Test
	void purchasesSentByEightClientsAtOnceAreEachRecordedOnceWithTheirOwnAnswer() throws Exception {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		String sku = fx.product("tyres");
		List<UUID> buyers = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			buyers.add(fx.customer());
		}
		var sales = fx.as(org.rapport.access.Role.SALES);
		fx.get(sales, "/api/v1/customers/" + buyers.get(0) + "/figures");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<List<String>>> answers = new ArrayList<>();
		try {
			for (int c = 0; c < CLIENTS; c++) {
				UUID buyer = buyers.get(c);
				answers.add(pool.submit(() -> {
					start.await();
					List<String> ids = new ArrayList<>();
					for (int n = 0; n < 5; n++) {
						var result = fx.post(sales, "/api/v1/interactions",
								fx.purchase(buyer, "2024-05-0" + (n + 1) + "T10:00:00Z", sku, 1, "10.00"));
						assertThat(result.getResponse().getStatus()).isEqualTo(201);
						String id = fx.body(result).get("id").asString();
						assertThat(fx.body(result).get("customerId").asString()).isEqualTo(buyer.toString());
						ids.add(id);
					}
					return ids;
				}));
			}
			start.countDown();
			java.util.Set<String> all = new java.util.HashSet<>();
			for (Future<List<String>> answer : answers) {
				all.addAll(answer.get());
			}
			assertThat(all).hasSize(CLIENTS * 5);
		}
		finally {
			pool.shutdownNow();
		}
		for (UUID buyer : buyers) {
			assertThat(this.interactions.figures(buyer).purchases()).isEqualTo(5);
			assertThat(this.interactions.figures(buyer).revenue()).isEqualByComparingTo("50.00");
		}
	}

	@Test
	void retriesRacingTheirOriginalsAcrossConcurrentWritesAreAnsweredWithTheOriginalAndCountedOnce() throws Exception {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		String sku = fx.product("tyres");
		UUID buyer = fx.customer();
		var sales = fx.as(org.rapport.access.Role.SALES);
		fx.get(sales, "/api/v1/customers/" + buyer + "/figures");
		// every purchase is sent by four clients at about the same time, so that
		// originals and retries
		// land in different groups written side by side (ADR 0039)
		List<Map<String, Object>> bodies = new ArrayList<>();
		for (int n = 0; n < 20; n++) {
			bodies.add(fx.purchase(buyer, "2024-06-" + (10 + n) + "T10:00:00Z", sku, 1, "3.00"));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<List<String>>> answers = new ArrayList<>();
		try {
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				answers.add(pool.submit(() -> {
					start.await();
					List<String> seen = new ArrayList<>();
					for (int n = client % 2; n < bodies.size(); n += 2) {
						int which = (n + client / 2) % bodies.size();
						var result = fx.post(sales, "/api/v1/interactions", bodies.get(which));
						seen.add(which + " " + result.getResponse().getStatus() + " "
								+ fx.body(result).get("id").asString());
					}
					return seen;
				}));
			}
			start.countDown();
			Map<Integer, java.util.Set<String>> idsByPurchase = new java.util.HashMap<>();
			Map<Integer, Integer> createdByPurchase = new java.util.HashMap<>();
			for (Future<List<String>> answer : answers) {
				for (String seen : answer.get()) {
					String[] parts = seen.split(" ");
					int which = Integer.parseInt(parts[0]);
					assertThat(parts[1]).isIn("200", "201");
					idsByPurchase.computeIfAbsent(which, (k) -> new java.util.HashSet<>()).add(parts[2]);
					if (parts[1].equals("201")) {
						createdByPurchase.merge(which, 1, Integer::sum);
					}
				}
			}
			assertThat(idsByPurchase).hasSize(bodies.size());
			assertThat(idsByPurchase.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
			assertThat(createdByPurchase).hasSize(bodies.size());
			assertThat(createdByPurchase.values()).allSatisfy((created) -> assertThat(created).isEqualTo(1));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM interaction WHERE customer_id = ?")
			.param(buyer)
			.query(Integer.class)
			.single()).isEqualTo(bodies.size());
		assertThat(this.interactions.figures(buyer).purchases()).isEqualTo(bodies.size());
		assertThat(this.interactions.figures(buyer).revenue()).isEqualByComparingTo("60.00");
	}

}
