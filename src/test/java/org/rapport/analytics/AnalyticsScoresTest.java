package org.rapport.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scores of a known population: ten buyers and two prospects created by this test and
 * scored in a run scoped to them as of 2026-01-01, so every expected value below is
 * worked out by hand from the purchases (docs/adr/0010-analytics-pipeline.md has the
 * rules).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsScoresTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

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
	Analytics analytics;

	AnalyticsFixture fx;

	final Map<String, UUID> ids = new LinkedHashMap<>();

	AnalyticsRun run;

	@BeforeAll
	void aKnownPopulationIsScored() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L")) {
			this.ids.put(name, this.fx.customer(name));
		}
		this.fx.purchases(id("A"), "100.00", "2025-07-20", "2025-08-20", "2025-09-20", "2025-10-20", "2025-11-20",
				"2025-12-20");
		this.fx.purchases(id("B"), "90.00", "2025-08-15", "2025-09-15", "2025-10-15", "2025-11-15", "2025-12-15");
		this.fx.purchases(id("C"), "140.00", "2025-06-01", "2025-09-01", "2025-11-25");
		this.fx.purchases(id("D"), "20.00", "2025-10-01", "2025-12-27");
		this.fx.purchases(id("E"), "25.00", "2025-12-29");
		this.fx.purchases(id("F"), "120.00", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01");
		this.fx.purchases(id("G"), "300.00", "2025-02-10");
		this.fx.purchases(id("H"), "60.00", "2024-06-01", "2024-07-01");
		this.fx.purchases(id("I"), "10.00", "2024-01-15");
		this.fx.purchases(id("J"), "35.00", "2025-10-20", "2025-11-15");
		this.fx.contact(id("A"), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 10));
		this.fx.contact(id("B"), "SURVEY_ANSWER", "web", "2025-12-01", null, Map.of("nps", 3));
		this.fx.contact(id("B"), "SERVICE_REQUEST", "phone", "2025-11-20", "PENDING", null);
		this.fx.contact(id("C"), "CALL", "phone", "2025-12-10", "REFUSED", null);
		this.fx.contact(id("K"), "VISIT", "store", "2025-12-05", null, null);
		// A purchase after the as-of instant is not part of the snapshot.
		this.fx.purchases(id("E"), "999.00", "2026-02-01");
		this.run = this.analytics.runFor(this.ids.values(), AS_OF);
	}

	private UUID id(String name) {
		return this.ids.get(name);
	}

	private CustomerScores scores(String name) {
		return this.analytics.customer(this.run.id(), id(name)).orElseThrow();
	}

	@Test
	void theScopedRunCompletesWithItsCustomersAndAModelVersion() {
		assertThat(this.run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(this.run.scope()).isEqualTo(AnalyticsRun.Scope.CUSTOMERS);
		assertThat(this.run.customersTotal()).isEqualTo(12);
		assertThat(this.run.buyers()).isEqualTo(10);
		assertThat(this.run.modelVersion()).startsWith("rapport-analytics-1+rfm5");
		assertThat(scores("A").modelVersion()).isEqualTo(this.run.modelVersion());
		assertThat(scores("A").computedAt()).isEqualTo(AS_OF);
	}

	@Test
	void historicalValueCountsPurchasesUpToTheAsOfInstant() {
		CustomerScores e = scores("E");
		assertThat(e.purchases()).isEqualTo(1);
		assertThat(e.revenue()).isEqualByComparingTo("25.00");
		CustomerScores a = scores("A");
		assertThat(a.purchases()).isEqualTo(6);
		assertThat(a.revenue()).isEqualByComparingTo("600.00");
		assertThat(a.averageBasket()).isEqualByComparingTo("100.00");
		assertThat(a.tenureDays()).isEqualByComparingTo("164.50");
		assertThat(a.recencyDays()).isEqualByComparingTo("11.50");
		assertThat(a.meanGapDays()).isEqualByComparingTo("30.60");
	}

	@Test
	void rfmScoresAreQuintilesOfTheScopedBuyersWithTiesSharingAScore() {
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("A", "4 5 5");
		expected.put("B", "4 5 4");
		expected.put("C", "3 4 4");
		expected.put("D", "5 2 2");
		expected.put("E", "5 1 1");
		expected.put("F", "2 4 5");
		expected.put("G", "2 1 3");
		expected.put("H", "1 2 3");
		expected.put("I", "1 1 1");
		expected.put("J", "3 2 2");
		Map<String, String> actual = new LinkedHashMap<>();
		for (String name : expected.keySet()) {
			CustomerScores s = scores(name);
			actual.put(name, s.rScore() + " " + s.fScore() + " " + s.mScore());
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(scores("K").rScore()).isNull();
	}

	@Test
	void segmentsFollowTheMappingTable() {
		assertThat(segments()).containsExactly(RfmSegment.CHAMPIONS, RfmSegment.CHAMPIONS, RfmSegment.LOYAL,
				RfmSegment.POTENTIAL_LOYALIST, RfmSegment.NEW, RfmSegment.CANT_LOSE, RfmSegment.HIBERNATING,
				RfmSegment.AT_RISK, RfmSegment.LOST, RfmSegment.ABOUT_TO_SLEEP);
	}

	private List<RfmSegment> segments() {
		List<RfmSegment> out = new ArrayList<>();
		for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J")) {
			out.add(scores(name).segment());
		}
		return out;
	}

	@Test
	void lifecycleStagesComeFromBehaviour() {
		assertThat(scores("A").stage().name()).isEqualTo("PROMOTER");
		assertThat(scores("B").stage().name()).isEqualTo("LOYAL");
		assertThat(scores("C").stage().name()).isEqualTo("REPEAT_BUYER");
		assertThat(scores("E").stage().name()).isEqualTo("FIRST_TIME_BUYER");
		assertThat(scores("H").stage().name()).isEqualTo("LOST");
		assertThat(scores("K").stage().name()).isEqualTo("POTENTIAL");
		assertThat(scores("L").stage().name()).isEqualTo("PROSPECT");
	}

	@Test
	void riskCombinesTheEarlyWarningSignalsAndNamesThem() {
		assertThat(scores("A").riskCategory()).isEqualTo(RiskCategory.LOW);
		assertThat(scores("A").riskReasons()).isEmpty();
		assertThat(scores("B").riskCategory()).isEqualTo(RiskCategory.HIGH);
		assertThat(scores("B").riskReasons()).containsExactly(RiskReason.NEGATIVE_SURVEY,
				RiskReason.UNRESOLVED_REQUEST);
		assertThat(scores("C").riskCategory()).isEqualTo(RiskCategory.MEDIUM);
		assertThat(scores("C").riskReasons()).containsExactly(RiskReason.REFUSED_SERVICE);
		assertThat(scores("F").riskCategory()).isEqualTo(RiskCategory.MEDIUM);
		assertThat(scores("F").riskReasons()).containsExactly(RiskReason.RHYTHM_SLOWER);
		assertThat(scores("J").riskReasons()).containsExactly(RiskReason.RHYTHM_SLOWER);
		assertThat(scores("H").riskCategory()).isEqualTo(RiskCategory.CHURNED);
		assertThat(scores("H").riskReasons()).containsExactly(RiskReason.RHYTHM_SLOWER, RiskReason.LAPSED);
		assertThat(scores("D").riskCategory()).isEqualTo(RiskCategory.LOW);
		assertThat(scores("K").riskCategory()).isNull();
		assertThat(scores("A").pAlive()).isNull();
	}

	@Test
	void theMatrixSplitsAtTheMediansOfPurchaseRateAndRevenue() {
		Charts.Matrix matrix = this.analytics.matrix(this.run.id());
		assertThat(matrix.profitabilityThreshold()).isEqualByComparingTo("210");
		assertThat(matrix.loyaltyThreshold().doubleValue()).isCloseTo((0.421546 + 0.655738) / 2, within(1e-6));
		assertThat(matrix.classes()).extracting(Charts.Count::key, Charts.Count::customers)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("TRUE_FRIEND", 2L),
					org.assertj.core.groups.Tuple.tuple("BUTTERFLY", 3L),
					org.assertj.core.groups.Tuple.tuple("BARNACLE", 3L),
					org.assertj.core.groups.Tuple.tuple("STRANGER", 2L));
		assertThat(scores("A").loyaltyClass()).isEqualTo(LoyaltyClass.TRUE_FRIEND);
		assertThat(scores("G").loyaltyClass()).isEqualTo(LoyaltyClass.BUTTERFLY);
		assertThat(scores("E").loyaltyClass()).isEqualTo(LoyaltyClass.BARNACLE);
		assertThat(scores("I").loyaltyClass()).isEqualTo(LoyaltyClass.STRANGER);
	}

	@Test
	void paretoShareAndGiniMatchTheReferenceDefinitions() {
		double[] revenue = { 600, 450, 420, 40, 25, 480, 300, 120, 10, 70 };
		Charts.Pareto pareto = this.analytics.pareto(this.run.id());
		assertThat(pareto.buyers()).isEqualTo(10);
		assertThat(pareto.revenue()).isEqualByComparingTo("2515.00");
		assertThat(pareto.top20Share().doubleValue()).isCloseTo(1080.0 / 2515, within(1e-6));
		assertThat(pareto.gini().doubleValue()).isCloseTo(Concentration.gini(revenue), within(1e-6));
		assertThat(pareto.lorenz()).hasSize(21);
		assertThat(pareto.lorenz().get(0).revenueShare()).isEqualByComparingTo("0");
		assertThat(pareto.lorenz().get(16).revenueShare().doubleValue()).isCloseTo(Concentration.lorenz(revenue, 0.8),
				within(1e-6));
		assertThat(pareto.lorenz().get(20).revenueShare()).isEqualByComparingTo("1");
		assertThat(pareto.lorenz().get(3).revenueShare().doubleValue()).isCloseTo(Concentration.lorenz(revenue, 0.15),
				within(1e-6));
		assertThat(pareto.lorenz())
			.allSatisfy((point) -> assertThat(point.revenueShare()).isLessThanOrEqualTo(point.populationShare()));
	}

	@Test
	void cohortsCountBuyersByMonthOfFirstPurchase() {
		Map<String, String> october = new LinkedHashMap<>();
		for (Charts.CohortCell cell : this.analytics.cohorts(this.run.id()).cells()) {
			if (cell.cohortMonth().toString().equals("2025-10-01")) {
				october.put("+" + cell.monthsSince(), cell.customers() + "/" + cell.cohortSize());
			}
		}
		assertThat(october).containsExactly(Map.entry("+0", "2/2"), Map.entry("+1", "1/2"), Map.entry("+2", "1/2"));
	}

	@Test
	void stageFlowsCountMonthByMonthTransitions() {
		Map<String, Long> december = new LinkedHashMap<>();
		for (Charts.Flow flow : this.analytics.lifecycle(this.run.id()).flows()) {
			if (flow.month().toString().equals("2025-12-01")) {
				december.put(flow.from() + ">" + flow.to(), flow.customers());
			}
		}
		assertThat(december).containsEntry("PROSPECT>FIRST_TIME_BUYER", 1L)
			.containsEntry("REPEAT_BUYER>LOYAL", 1L)
			.containsEntry("FIRST_TIME_BUYER>REPEAT_BUYER", 1L)
			.containsEntry("LOST>LOST", 2L)
			.containsEntry("LOYAL>LOYAL", 1L);
	}

	@Test
	void theRfmGridCountsEveryBuyerOnce() {
		Charts.RfmGrid grid = this.analytics.rfm(this.run.id());
		assertThat(grid.cells().stream().mapToLong(Charts.RfmCell::customers).sum()).isEqualTo(10);
		assertThat(grid.segments()).extracting(Charts.Count::key, Charts.Count::customers)
			.contains(org.assertj.core.groups.Tuple.tuple("CHAMPIONS", 2L));
	}

	@Test
	void theApiServesACustomersScoresToMarketersAndSalesStaff() {
		String uri = "/api/v1/analytics/customers/" + id("B") + "?run=" + this.run.id();
		JsonNode b = this.fx.body(this.fx.get(Role.MARKETER, uri));
		assertThat(b.get("segment").asString()).isEqualTo("CHAMPIONS");
		assertThat(b.get("stage").asString()).isEqualTo("LOYAL");
		assertThat(b.get("riskCategory").asString()).isEqualTo("HIGH");
		assertThat(b.get("riskReasons").toString()).isEqualTo("[\"NEGATIVE_SURVEY\",\"UNRESOLVED_REQUEST\"]");
		assertThat(b.get("modelVersion").asString()).isEqualTo(this.run.modelVersion());
		assertThat(b.get("computedAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(this.fx.get(Role.SALES, uri)).hasStatusOk();
		assertThat(this.fx.get(Role.SERVICE_AGENT, uri)).hasStatusOk();
	}

	@Test
	void populationViewsAreForAnalyticsReadersOnly() {
		assertThat(this.fx.get(Role.MARKETER, "/api/v1/analytics/pareto?run=" + this.run.id())).hasStatusOk();
		assertThat(this.fx.get(Role.SALES, "/api/v1/analytics/pareto?run=" + this.run.id())).hasStatus(403);
		assertThat(this.fx.get(Role.SERVICE_AGENT, "/api/v1/analytics/rfm?run=" + this.run.id())).hasStatus(403);
	}

	@Test
	void theCustomersBehindAChartCellArePagedAndFiltered() {
		String base = "/api/v1/analytics/";
		JsonNode top = this.fx.body(this.fx.get(Role.MARKETER, base + "pareto/customers?top=20&run=" + this.run.id()));
		assertThat(top.get("totalItems").asLong()).isEqualTo(2);
		assertThat(ids(top)).containsExactly(id("A"), id("F"));
		JsonNode champions = this.fx
			.body(this.fx.get(Role.MARKETER, base + "rfm/customers?segment=CHAMPIONS&run=" + this.run.id()));
		assertThat(ids(champions)).containsExactly(id("A"), id("B"));
		JsonNode cell = this.fx.body(this.fx.get(Role.MARKETER, base + "rfm/customers?r=5&f=2&run=" + this.run.id()));
		assertThat(ids(cell)).containsExactly(id("D"));
		JsonNode medium = this.fx.body(this.fx.get(Role.MARKETER,
				base + "priority/customers?risk=MEDIUM&valueTier=HIGH&run=" + this.run.id()));
		assertThat(ids(medium)).containsExactly(id("F"), id("C"));
		JsonNode priority = this.fx
			.body(this.fx.get(Role.MARKETER, base + "priority/customers?size=4&run=" + this.run.id()));
		assertThat(ids(priority)).containsExactly(id("B"), id("F"), id("C"), id("J"));
		JsonNode cohort = this.fx
			.body(this.fx.get(Role.MARKETER, base + "cohorts/customers?cohort=2025-10&run=" + this.run.id()));
		assertThat(ids(cohort)).containsExactly(id("J"), id("D"));
		JsonNode friends = this.fx
			.body(this.fx.get(Role.MARKETER, base + "matrix/customers?loyaltyClass=TRUE_FRIEND&run=" + this.run.id()));
		assertThat(ids(friends)).containsExactly(id("A"), id("B"));
		JsonNode lost = this.fx
			.body(this.fx.get(Role.MARKETER, base + "lifecycle/customers?stage=LOST&run=" + this.run.id()));
		assertThat(ids(lost)).containsExactly(id("H"), id("I"));
	}

	@Test
	void aChartCellExportsAsCsv() {
		var result = this.fx.get(Role.MARKETER,
				"/api/v1/analytics/rfm/customers?segment=CHAMPIONS&format=csv&run=" + this.run.id());
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		List<String> lines = AnalyticsFixture.text(result).lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("customer_id,display_name,revenue");
		assertThat(lines.get(1)).startsWith(id("A") + ",").contains(",600.00,EUR,6,");
		assertThat(lines.get(2)).startsWith(id("B") + ",").contains("NEGATIVE_SURVEY UNRESOLVED_REQUEST");
	}

	@Test
	void anUnknownViewOrRunIsNotFound() {
		assertThat(this.fx.get(Role.MARKETER, "/api/v1/analytics/nothing/customers")).hasStatus(404);
		assertThat(this.fx.get(Role.MARKETER, "/api/v1/analytics/pareto?run=" + UUID.randomUUID())).hasStatus(404);
	}

	private static List<UUID> ids(JsonNode page) {
		List<UUID> out = new ArrayList<>();
		page.get("items").forEach((item) -> out.add(UUID.fromString(item.get("customerId").asString())));
		return out;
	}

}
