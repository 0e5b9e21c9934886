package org.rapport.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class TimelineAndFiguresTest {

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
	FiguresStore figures;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void theTimelineIsNewestFirstPagedAndFilteredByKindChannelAndDate() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("books");
		for (int day = 1; day <= 5; day++) {
			this.fx.record(this.fx.purchase(customer, "2024-02-0" + day + "T10:00:00Z", sku, 1, "5.00"));
		}
		this.fx.record(this.fx.contact(customer, "CALL", "phone", "2024-02-03T11:00:00Z"));
		this.fx.record(this.fx.contact(customer, "EMAIL", "email", "2024-02-06T11:00:00Z"));
		String base = "/api/v1/customers/" + customer + "/timeline";

		JsonNode first = timeline(base + "?size=3");
		JsonNode second = timeline(base + "?size=3&page=1");
		JsonNode third = timeline(base + "?size=3&page=2");
		JsonNode byCursor = timeline(base + "?size=3&cursor=" + first.get("next").asString());

		assertThat(occurred(first)).containsExactly("2024-02-06T11:00:00Z", "2024-02-05T10:00:00Z",
				"2024-02-04T10:00:00Z");
		assertThat(occurred(second)).containsExactly("2024-02-03T11:00:00Z", "2024-02-03T10:00:00Z",
				"2024-02-02T10:00:00Z");
		assertThat(occurred(third)).containsExactly("2024-02-01T10:00:00Z");
		assertThat(third.get("hasMore").asBoolean()).isFalse();
		assertThat(occurred(byCursor)).isEqualTo(occurred(second));
		assertThat(occurred(timeline(base + "?kind=CALL"))).containsExactly("2024-02-03T11:00:00Z");
		assertThat(occurred(timeline(base + "?channel=email"))).containsExactly("2024-02-06T11:00:00Z");
		assertThat(occurred(timeline(base + "?kind=PURCHASE&from=2024-02-02T00:00:00Z&to=2024-02-04T00:00:00Z")))
			.containsExactly("2024-02-03T10:00:00Z", "2024-02-02T10:00:00Z");
		assertThat(this.fx.get(this.fx.as(Role.SALES), base + "?kind=NONSENSE")).hasStatus(400);
	}

	@Test
	void theTopBuyersAreThoseWithTheHighestRevenueWhoBoughtSinceTheDateHighestFirst() {
		String sku = this.fx.product("jewellery");
		UUID high = this.fx.customer();
		UUID lower = this.fx.customer();
		UUID boughtLongAgo = this.fx.customer();
		Instant now = Instant.now();
		this.fx.record(this.fx.purchase(high, now.minus(Duration.ofDays(20)).toString(), sku, 1, "48000000.00"));
		this.fx.record(this.fx.purchase(lower, now.minus(Duration.ofDays(30)).toString(), sku, 1, "47000000.00"));
		this.fx
			.record(this.fx.purchase(boughtLongAgo, now.minus(Duration.ofDays(800)).toString(), sku, 1, "49000000.00"));

		List<UUID> top = this.interactions.topBuyers(now.minus(Duration.ofDays(365)), 1_000)
			.stream()
			.map(CustomerFigures::customerId)
			.toList();

		assertThat(top).contains(high, lower).doesNotContain(boughtLongAgo);
		assertThat(top.indexOf(high)).isLessThan(top.indexOf(lower));
		assertThat(this.interactions.topBuyers(now.minus(Duration.ofDays(365)), 1)).hasSize(1);
	}

	@Test
	void figuresFollowPurchasesAndAReturnReversesItsAmount() {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		String oil = this.fx.product("oil");
		JsonNode first = this.fx.record(this.fx.purchase(customer, "2024-01-10T10:00:00Z", tyre, 4, "50.00"));
		this.fx.record(this.fx.purchase(customer, "2024-03-10T10:00:00Z", oil, 2, "15.00"));
		this.fx.record(this.fx.contact(customer, "CALL", "phone", "2024-03-12T08:00:00Z"));

		Map<String, Object> ret = returnOf(customer, first, tyre, 1, "50.00");
		this.fx.record(ret);

		JsonNode figures = this.fx
			.body(this.fx.get(this.fx.as(Role.SALES), "/api/v1/customers/" + customer + "/figures"));
		assertThat(figures.get("purchases").asInt()).isEqualTo(2);
		assertThat(figures.get("revenue").decimalValue()).isEqualByComparingTo("180.00");
		assertThat(figures.get("returns").asInt()).isEqualTo(1);
		assertThat(figures.get("returnedAmount").decimalValue()).isEqualByComparingTo("50.00");
		assertThat(figures.get("averageBasket").decimalValue()).isEqualByComparingTo("90.00");
		assertThat(figures.get("firstPurchaseAt").asString()).isEqualTo("2024-01-10T10:00:00Z");
		assertThat(figures.get("lastPurchaseAt").asString()).isEqualTo("2024-03-10T10:00:00Z");
		assertThat(figures.get("lastContact").get("phone").asString()).isEqualTo("2024-03-12T08:00:00Z");
		assertThat(figures.get("lastContact").get("store").asString()).isEqualTo("2024-04-01T10:00:00Z");
	}

	@Test
	void aContactRecordedLateNeverMovesTheLastContactBackAndTheKeptFiguresEqualARecount() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("books");
		this.fx.record(this.fx.contact(customer, "CALL", "phone", "2024-03-12T08:00:00Z"));
		this.fx.record(this.fx.purchase(customer, "2024-03-10T10:00:00Z", sku, 3, "12.50"));
		this.fx.record(this.fx.contact(customer, "CALL", "phone", "2024-03-01T08:00:00Z"));
		this.fx.record(this.fx.purchase(customer, "2024-02-20T10:00:00Z", sku, 1, "7.25"));
		this.fx.record(this.fx.contact(customer, "EMAIL", "email", "2024-02-01T08:00:00Z"));

		CustomerFigures kept = this.interactions.figures(customer);
		this.figures.recompute(customer, Instant.now());
		CustomerFigures recounted = this.interactions.figures(customer);

		assertThat(kept.lastContact())
			.containsExactlyInAnyOrderEntriesOf(Map.of("phone", Instant.parse("2024-03-12T08:00:00Z"), "store",
					Instant.parse("2024-03-10T10:00:00Z"), "email", Instant.parse("2024-02-01T08:00:00Z")));
		assertThat(kept.revenue()).isEqualByComparingTo("44.75");
		assertThat(kept.firstPurchaseAt()).isEqualTo(Instant.parse("2024-02-20T10:00:00Z"));
		assertThat(kept).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(recounted);
	}

	@Test
	void aPurchaseInAnotherCurrencyIsOnTheTimelineButDoesNotChangeRevenue() {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("books");
		this.fx.record(this.fx.purchase(customer, "2024-05-01T10:00:00Z", sku, 2, "10.00"));
		CustomerFigures before = this.interactions.figures(customer);
		Map<String, Object> inDollars = this.fx.purchase(customer, "2024-05-02T10:00:00Z", sku, 1, "99.00");
		inDollars.put("currency", "USD");

		JsonNode recorded = this.fx.record(inDollars);

		JsonNode newest = timeline("/api/v1/customers/" + customer + "/timeline?size=1").get("items").get(0);
		assertThat(newest.get("id").asString()).isEqualTo(recorded.get("id").asString());
		assertThat(newest.get("currency").asString()).isEqualTo("USD");
		assertThat(newest.get("total").decimalValue()).isEqualByComparingTo("99.00");
		CustomerFigures after = this.interactions.figures(customer);
		assertThat(before.currency()).isEqualTo("EUR");
		assertThat(before.revenue()).isEqualByComparingTo("20.00");
		assertThat(after.revenue()).isEqualByComparingTo(before.revenue());
		assertThat(after.lastPurchaseAt()).isEqualTo(java.time.Instant.parse("2024-05-02T10:00:00Z"));
	}

	@Test
	void aReturnCannotTakeBackMoreThanWasBought() {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		JsonNode purchase = this.fx.record(this.fx.purchase(customer, "2024-01-10T10:00:00Z", tyre, 2, "50.00"));
		this.fx.record(returnOf(customer, purchase, tyre, 1, "50.00"));

		MvcTestResult tooMany = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions",
				returnOf(customer, purchase, tyre, 2, "50.00"));
		MvcTestResult lastOne = this.fx.post(this.fx.as(Role.SALES), "/api/v1/interactions",
				returnOf(customer, purchase, tyre, 1, "50.00"));

		assertThat(tooMany).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.contains("lines[0].quantity");
		assertThat(lastOne).hasStatus(201);
		assertThat(this.interactions.figures(customer).revenue()).isEqualByComparingTo("0.00");
	}

	@Test
	void theConsoleTimelineShowsLinesAndMarksRefusedContacts() {
		UUID customer = this.fx.customer();
		String tyre = this.fx.product("tyres");
		this.fx.record(this.fx.purchase(customer, "2024-01-10T10:00:00Z", tyre, 2, "50.00"));
		Map<String, Object> call = this.fx.contact(customer, "CALL", "phone", "2024-01-11T10:00:00Z");
		call.put("outcome", "REFUSED");
		call.put("outcomeReason", "no car available");
		call.put("direction", "INBOUND");
		this.fx.record(call);

		MvcTestResult page = this.mvc.get()
			.uri("/customers/" + customer + "/timeline?kind=")
			.with(user("console-reader").authorities(new SimpleGrantedAuthority("interaction:read")))
			.exchange();

		assertThat(page).hasStatus(200);
		assertThat(page).bodyText()
			.contains(tyre)
			.contains("no car available")
			.containsPattern("class=\"error\"[^>]*>Refused")
			.contains("class=\"negative\"");
		assertThat(this.mvc.get()
			.uri("/customers/" + customer + "/timeline")
			.with(user("nobody").authorities(new SimpleGrantedAuthority("staff:read")))
			.exchange()).hasStatus(403);
	}

	private Map<String, Object> returnOf(UUID customer, JsonNode purchase, String sku, int quantity, String price) {
		Map<String, Object> ret = this.fx.purchase(customer, "2024-04-01T10:00:00Z", sku, quantity, price);
		ret.put("kind", "RETURN");
		ret.put("relatedPurchaseId", purchase.get("id").asString());
		return ret;
	}

	private JsonNode timeline(String uri) {
		MvcTestResult result = this.fx.get(this.fx.as(Role.SALES), uri);
		assertThat(result).hasStatus(200);
		return this.fx.body(result);
	}

	private static List<String> occurred(JsonNode page) {
		return page.get("items").valueStream().map((i) -> i.get("occurredAt").asString()).toList();
	}

}
