package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.Paging;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The analytics API's customer lists filter by predicted CLV range and by a move between
 * lifecycle stages with the parameters of the console's drill-down, page and export them
 * as CSV, answer invalid filters with one problem per field, and are for analytics
 * readers only. Thirty buyers with predictions, scored in a run scoped to them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiFiltersTest {

	static final Pattern ROW = Pattern.compile("data-customer=\"([0-9a-f-]{36})\"");

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

	@Autowired
	UserDetailsService users;

	AnalyticsFixture fx;

	UUID run;

	/**
	 * The run's buyers, by revenue (highest first), as the analytics front door lists
	 * them.
	 */
	List<CustomerScores> buyers;

	@BeforeAll
	void thirtyBuyersArePredicted() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		this.run = PredictedBuyers.score(this.fx, this.analytics, "APIF").run().id();
		this.buyers = this.analytics.customers(ScoreFilter.all().inRun(this.run), new Paging(0, 100)).items();
		assertThat(this.buyers).hasSize(30).allSatisfy((s) -> assertThat(s.predictedClv()).isNotNull());
	}

	String uri(String view, String query) {
		return AnalyticsApi.BASE + "/" + view + "/customers?run=" + this.run + "&" + query;
	}

	JsonNode list(String view, String query) {
		MvcTestResult result = this.fx.get(Role.MARKETER, uri(view, query));
		assertThat(result).as(AnalyticsFixture.text(result)).hasStatusOk();
		return this.fx.body(result);
	}

	static List<UUID> ids(JsonNode page) {
		List<UUID> out = new ArrayList<>();
		page.get("items").forEach((item) -> out.add(UUID.fromString(item.get("customerId").asString())));
		return out;
	}

	/** The CLV of the buyer at this rank when sorted by CLV, lowest first. */
	BigDecimal clvAtRank(int rank) {
		return this.buyers.stream().map(CustomerScores::predictedClv).sorted().skip(rank).findFirst().orElseThrow();
	}

	List<UUID> buyersWhere(java.util.function.Predicate<CustomerScores> rule) {
		return this.buyers.stream().filter(rule).map(CustomerScores::customerId).toList();
	}

	@Test
	void aClvRangeListsTheBuyersPredictedFromItsStartUpToItsEnd() {
		BigDecimal from = clvAtRank(10);
		BigDecimal to = clvAtRank(20);
		assertThat(from).isLessThan(to);
		JsonNode page = list("clv", "clvFrom=" + from + "&clvTo=" + to + "&size=100");
		List<UUID> expected = buyersWhere(
				(s) -> s.predictedClv().compareTo(from) >= 0 && s.predictedClv().compareTo(to) < 0);
		assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
		assertThat(ids(page)).containsExactlyElementsOf(expected);
		assertThat(page.get("totalItems").asLong()).isEqualTo(expected.size());
	}

	@Test
	void eitherEndOfAClvRangeMayBeOpen() {
		BigDecimal cut = clvAtRank(15);
		assertThat(ids(list("clv", "clvFrom=" + cut + "&size=100")))
			.containsExactlyElementsOf(buyersWhere((s) -> s.predictedClv().compareTo(cut) >= 0));
		assertThat(ids(list("clv", "clvTo=" + cut + "&size=100")))
			.containsExactlyElementsOf(buyersWhere((s) -> s.predictedClv().compareTo(cut) < 0));
	}

	@Test
	void aClvRangeCombinesWithTheOtherDimensionsOfTheDashboard() {
		CustomerScores sample = this.buyers.stream()
			.filter((s) -> s.riskCategory() != null)
			.max(Comparator.comparing(CustomerScores::predictedClv))
			.orElseThrow();
		BigDecimal from = clvAtRank(5);
		JsonNode page = list("priority", "clvFrom=" + from + "&risk=" + sample.riskCategory() + "&stage="
				+ sample.stage() + "&segment=" + sample.segment() + "&size=100");
		List<UUID> expected = buyersWhere(
				(s) -> s.predictedClv().compareTo(from) >= 0 && s.riskCategory() == sample.riskCategory()
						&& s.stage() == sample.stage() && s.segment() == sample.segment());
		assertThat(ids(page)).contains(sample.customerId()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void aClvRangeIsPagedInTheOrderOfTheFullList() {
		BigDecimal from = clvAtRank(3);
		List<UUID> all = ids(list("clv", "clvFrom=" + from + "&size=100"));
		assertThat(all).containsExactlyElementsOf(buyersWhere((s) -> s.predictedClv().compareTo(from) >= 0))
			.hasSizeBetween(21, 27);
		JsonNode second = list("clv", "clvFrom=" + from + "&size=10&page=1");
		assertThat(second.get("totalItems").asLong()).isEqualTo(all.size());
		assertThat(second.get("totalPages").asInt()).isEqualTo(3);
		assertThat(ids(second)).containsExactlyElementsOf(all.subList(10, 20));
	}

	@Test
	void everyStageMoveOfTheFlowsListsAsManyBuyersAsItCounts() {
		List<Charts.Flow> flows = this.analytics.lifecycle(this.run).flows();
		assertThat(flows).isNotEmpty();
		for (Charts.Flow flow : flows) {
			JsonNode page = list("lifecycle", "flowMonth=" + java.time.YearMonth.from(flow.month()) + "&flowFrom="
					+ flow.from() + "&flowTo=" + flow.to() + "&size=100");
			assertThat(page.get("totalItems").asLong()).as("%s", flow).isEqualTo(flow.customers());
		}
	}

	@Test
	void aStageMoveListsTheSameBuyersAsTheDashboardDrillDownAndExportsThemAsCsv() {
		Charts.Flow flow = this.analytics.lifecycle(this.run)
			.flows()
			.stream()
			.max(Comparator.comparingLong(Charts.Flow::customers))
			.orElseThrow();
		String query = "flowMonth=" + java.time.YearMonth.from(flow.month()) + "&flowFrom=" + flow.from() + "&flowTo="
				+ flow.to();
		List<UUID> api = ids(list("lifecycle", query + "&size=100"));
		assertThat(api).hasSize((int) flow.customers());
		assertThat(console("/analytics/customers?run=" + this.run + "&" + query)).containsExactlyElementsOf(api);

		MvcTestResult csv = this.fx.get(Role.MARKETER, uri("lifecycle", query + "&format=csv"));
		assertThat(csv).hasStatusOk();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		String[] lines = AnalyticsFixture.text(csv).split("\r\n");
		assertThat(lines[0] + "\r\n").isEqualTo(ScoresCsv.HEADER);
		assertThat(List.of(lines).subList(1, lines.length).stream().map((l) -> UUID.fromString(l.substring(0, 36))))
			.containsExactlyElementsOf(api);
	}

	@Test
	void aClvRangeExportsTheSameBuyersAsItsList() {
		BigDecimal to = clvAtRank(12);
		List<UUID> listed = ids(list("clv", "clvTo=" + to + "&size=100"));
		String[] lines = AnalyticsFixture.text(this.fx.get(Role.MARKETER, uri("clv", "clvTo=" + to + "&format=csv")))
			.split("\r\n");
		assertThat(List.of(lines).subList(1, lines.length).stream().map((l) -> UUID.fromString(l.substring(0, 36))))
			.containsExactlyElementsOf(listed)
			.containsExactlyElementsOf(buyersWhere((s) -> s.predictedClv().compareTo(to) < 0))
			.isNotEmpty();
	}

	@Test
	void aClvRangeThatDoesNotEndAboveItsStartIsAProblemOnClvTo() {
		JsonNode problem = problem(uri("clv", "clvFrom=50&clvTo=10"));
		assertThat(problem.get("type").asString()).endsWith("/invalid-input");
		assertThat(fields(problem)).containsExactly("clvTo");
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("above clvFrom");
		assertThat(fields(problem(uri("clv", "clvFrom=10&clvTo=10&format=csv")))).containsExactly("clvTo");
	}

	@Test
	void anUnknownStageOrAnIncompleteMoveIsAProblemOnEachField() {
		JsonNode unknown = problem(uri("lifecycle", "flowMonth=2025-12&flowFrom=SLEEPING&flowTo=LOYAL"));
		assertThat(fields(unknown)).containsExactly("flowFrom");
		assertThat(unknown.get("errors").get(0).get("message").asString()).contains("SLEEPING")
			.contains("REPEAT_BUYER");
		assertThat(fields(problem(uri("lifecycle", "flowMonth=2025-12")))).containsExactly("flowFrom", "flowTo");
		assertThat(fields(problem(uri("lifecycle", "flowFrom=LOYAL&flowTo=LOST")))).containsExactly("flowMonth");
		JsonNode month = problem(uri("lifecycle", "flowMonth=December&flowFrom=LOYAL&flowTo=LOST"));
		assertThat(fields(month)).containsExactly("flowMonth");
		assertThat(month.get("errors").get(0).get("message").asString())
			.isEqualTo("'December' is not a valid month (yyyy-MM)");
	}

	@Test
	void everyInvalidParameterIsReportedAtOnce() {
		assertThat(fields(problem(uri("rfm", "top=0&customerClass=-1&r=0&size=0&page=-1"))))
			.containsExactlyInAnyOrder("top", "customerClass", "r", "size", "page");
		JsonNode notANumber = problem(uri("clv", "clvFrom=lots"));
		assertThat(fields(notANumber)).containsExactly("clvFrom");
		assertThat(notANumber.get("errors").get(0).get("message").asString()).isEqualTo("'lots' is not a valid number");
		assertThat(fields(problem(uri("matrix", "loyaltyClass=FRIEND")))).containsExactly("loyaltyClass");
	}

	@Test
	void theListsAndTheirExportNeedAnAnalyticsReader() {
		String list = uri("clv", "clvFrom=1");
		String csv = uri("lifecycle", "flowMonth=2025-12&flowFrom=REPEAT_BUYER&flowTo=LOYAL&format=csv");
		assertThat(this.mvc.get().uri(list)).hasStatus(401);
		assertThat(this.mvc.get().uri(csv)).hasStatus(401);
		for (Role role : List.of(Role.SALES, Role.SERVICE_AGENT)) {
			assertThat(this.fx.get(role, list)).hasStatus(403);
			assertThat(this.fx.get(role, csv)).hasStatus(403);
		}
		assertThat(this.fx.get(Role.MANAGER, list)).hasStatusOk();
		assertThat(this.fx.get(Role.MANAGER, csv)).hasStatusOk();
	}

	@Test
	void theCustomerPanelAndTheApiShowValueCLVProbabilityAliveRiskSegmentClassAndStage() {
		CustomerClasses classes = this.analytics.classes(this.run);
		CustomerScores scores = this.buyers.stream()
			.filter((s) -> s.customerClass() != null && s.riskCategory() != null)
			.findFirst()
			.orElseThrow();
		CustomerClasses.ClassProfile profile = classes.classes()
			.stream()
			.filter((c) -> c.index() == scores.customerClass())
			.findFirst()
			.orElseThrow();

		String panel = (consolePage("/customers/" + scores.customerId() + "/analytics?run=" + this.run));
		assertThat(panel).contains("id=\"panel-customer-class\">#" + profile.index() + " · " + profile.label() + "<")
			.contains("id=\"panel-clv\"", "id=\"panel-p-alive\"", "id=\"panel-risk\"", "id=\"panel-segment\"",
					"id=\"panel-class\"", "id=\"panel-stage\"", "id=\"panel-revenue\"");

		JsonNode api = this.fx.body(
				this.fx.get(Role.SALES, AnalyticsApi.BASE + "/customers/" + scores.customerId() + "?run=" + this.run));
		assertThat(api.get("customerClass").asInt()).isEqualTo(profile.index());
		assertThat(new BigDecimal(api.get("predictedClv").asString())).isEqualByComparingTo(scores.predictedClv());
		assertThat(new BigDecimal(api.get("pAlive").asString())).isEqualByComparingTo(scores.pAlive());
		assertThat(api.get("riskCategory").asString()).isEqualTo(scores.riskCategory().name());
		assertThat(api.has("riskReasons")).isTrue();
		assertThat(api.get("segment").asString()).isEqualTo(scores.segment().name());
		assertThat(api.get("stage").asString()).isEqualTo(scores.stage().name());
		assertThat(new BigDecimal(api.get("revenue").asString())).isEqualByComparingTo(scores.revenue());
	}

	@Test
	void thePanelGivesMoneyInTheCurrencyAndSaysWhenOnePurchaseIsTooFewToJudge() {
		CustomerScores once = this.buyers.stream()
			.filter((s) -> s.purchases() == 1 && s.pAlive() != null && s.predictedClv() != null
					&& s.riskCategory() != RiskCategory.CHURNED && s.boughtOnce())
			.findFirst()
			.orElseThrow();
		CustomerScores repeat = this.buyers.stream()
			.filter((s) -> s.purchaseDays() > 1 && s.pAlive() != null && s.averageBasket() != null)
			.findFirst()
			.orElseThrow();

		String first = consolePage("/customers/" + once.customerId() + "/analytics?run=" + this.run);
		String second = consolePage("/customers/" + repeat.customerId() + "/analytics?run=" + this.run);

		assertThat(first).containsPattern("id=\"panel-clv\">[0-9.,]+ " + once.currency() + "<")
			.contains("id=\"panel-one-purchase\"");
		assertThat(second).containsPattern("id=\"panel-basket\">[0-9.,]+ " + repeat.currency() + "<")
			.doesNotContain("id=\"panel-one-purchase\"");
	}

	@Test
	void aOneTimeBuyersChanceToBuyAgainFallsWithTheSilenceWhereTheModelFixesTheProbabilityAlive() {
		List<CustomerScores> once = this.buyers.stream()
			.filter((s) -> s.purchaseDays() == 1 && s.chanceToBuyAgain() != null)
			.sorted(Comparator.comparing(CustomerScores::tenureDays))
			.toList();
		assertThat(once).hasSizeGreaterThan(1).allSatisfy((s) -> {
			assertThat(s.pAlive()).as("what the model fixes").isEqualByComparingTo(BigDecimal.ONE);
			assertThat(s.boughtOnce()).isTrue();
			assertThat(s.chanceToBuyAgain()).isGreaterThan(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
		});
		CustomerScores recent = once.get(0);
		CustomerScores silent = once.get(once.size() - 1);
		assertThat(silent.tenureDays()).isGreaterThan(recent.tenureDays());
		assertThat(silent.chanceToBuyAgain()).as("the longer silent, the less likely to buy again")
			.isLessThan(recent.chanceToBuyAgain());
		assertThat(this.buyers).filteredOn((s) -> s.purchaseDays() > 1 && s.chanceToBuyAgain() != null)
			.isNotEmpty()
			.allSatisfy((s) -> assertThat(s.chanceToBuyAgain()).as("buying again needs being active")
				.isLessThanOrEqualTo(s.pAlive().add(new BigDecimal("0.000001"))));

		String panel = consolePage("/customers/" + silent.customerId() + "/analytics?run=" + this.run);
		assertThat(panel)
			.contains("id=\"panel-p-alive\">not estimated after one purchase<", "id=\"panel-one-purchase\"")
			.containsPattern("id=\"panel-buy-again\">[0-9]+%<")
			.contains("Chance of buying within 12 months");
		JsonNode api = this.fx.body(
				this.fx.get(Role.SALES, AnalyticsApi.BASE + "/customers/" + silent.customerId() + "?run=" + this.run));
		assertThat(new BigDecimal(api.get("chanceToBuyAgain").asString()))
			.isEqualByComparingTo(silent.chanceToBuyAgain());
		assertThat(api.get("purchaseDays").asInt()).isEqualTo(1);
	}

	@Test
	void theHeadOfThe360PageSaysWhoIsOfHighValueAndWhoIsAtHighRisk() {
		List<CustomerScores> now = this.buyers;
		assertThat(now).anySatisfy((s) -> assertThat(s.valueTier()).isEqualTo(ValueTier.HIGH))
			.anySatisfy((s) -> assertThat(s.valueTier()).isNotEqualTo(ValueTier.HIGH));
		String login = "apif-agent-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(login, "Test Agent", "apif-test-password", EnumSet.of(Role.SERVICE_AGENT));
		var agent = user(this.users.loadUserByUsername(login));

		for (CustomerScores s : now) {
			MvcTestResult badges = this.mvc.get()
				.uri("/customers/" + s.customerId() + "/badges/analytics?run=" + this.run)
				.with(agent)
				.exchange();
			assertThat(badges).hasStatusOk();
			String body = AnalyticsFixture.text(badges);
			assertThat(body.contains(">High value<")).as("high value badge of " + s.valueTier())
				.isEqualTo(s.valueTier() == ValueTier.HIGH);
			assertThat(body.contains(">High churn risk<")).as("risk badge of " + s.riskCategory())
				.isEqualTo(s.riskCategory() == RiskCategory.HIGH);
		}
		assertThat(this.mvc.get()
			.uri("/customers/" + now.get(0).customerId() + "/badges/analytics")
			.with(user("reader-only").authorities(new SimpleGrantedAuthority("customer:read")))).hasStatus(403);
	}

	JsonNode problem(String uri) {
		MvcTestResult result = this.fx.get(Role.MARKETER, uri);
		assertThat(result).as(AnalyticsFixture.text(result)).hasStatus(400);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		return this.fx.body(result);
	}

	static List<String> fields(JsonNode problem) {
		List<String> names = new ArrayList<>();
		problem.get("errors").forEach((e) -> names.add(e.get("field").asString()));
		return names;
	}

	String consolePage(String uri) {
		String login = "apif-marketer-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(login, "Test Marketer", "apif-test-password", EnumSet.of(Role.MARKETER));
		MvcTestResult result = this.mvc.get().uri(uri).with(user(this.users.loadUserByUsername(login))).exchange();
		assertThat(result).hasStatusOk();
		return AnalyticsFixture.text(result);
	}

	List<UUID> console(String uri) {
		List<UUID> found = new ArrayList<>();
		Matcher matcher = ROW.matcher(consolePage(uri));
		while (matcher.find()) {
			found.add(UUID.fromString(matcher.group(1)));
		}
		return found;
	}

}
