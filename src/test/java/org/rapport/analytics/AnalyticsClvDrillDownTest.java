package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The CLV histogram of the dashboard and its drill-down, on thirty buyers with
 * predictions scored in a run scoped to them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsClvDrillDownTest {

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

	String marketer;

	AnalyticsFixture fx;

	PredictedBuyers.Population population;

	List<CustomerScores> scored;

	@BeforeAll
	void thirtyBuyersArePredicted() {
		this.fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		this.population = PredictedBuyers.score(this.fx, this.analytics, "CLV");
		this.scored = this.analytics.customers(ScoreFilter.all().inRun(run()), new Paging(0, 100)).items();
		assertThat(this.scored).hasSize(30).allSatisfy((s) -> assertThat(s.predictedClv()).isNotNull());
		this.marketer = "clv-marketer-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(this.marketer, "Test Marketer", "clv-test-password", EnumSet.of(Role.MARKETER));
	}

	/** A console page as a signed-in marketer. */
	MvcTestResult page(String uri) {
		return this.mvc.get().uri(uri).with(user(this.users.loadUserByUsername(this.marketer))).exchange();
	}

	UUID run() {
		return this.population.run().id();
	}

	List<UUID> withClvIn(BigDecimal from, BigDecimal to) {
		return this.scored.stream()
			.filter((s) -> s.predictedClv().compareTo(from) >= 0 && (to == null || s.predictedClv().compareTo(to) < 0))
			.map(CustomerScores::customerId)
			.toList();
	}

	static List<UUID> listed(MvcTestResult result) {
		List<UUID> found = new ArrayList<>();
		Matcher matcher = ROW.matcher(AnalyticsFixture.text(result));
		while (matcher.find()) {
			found.add(UUID.fromString(matcher.group(1)));
		}
		return found;
	}

	@Test
	void theHistogramCountsEveryPredictedBuyerOnceInContiguousBins() {
		List<Charts.ClvBin> bins = this.analytics.clvHistogram(run()).bins();
		assertThat(bins).isNotEmpty();
		assertThat(bins.stream().mapToLong(Charts.ClvBin::customers).sum()).isEqualTo(30);
		for (int i = 1; i < bins.size(); i++) {
			assertThat(bins.get(i).from()).isEqualByComparingTo(bins.get(i - 1).to());
		}
		for (Charts.ClvBin bin : bins) {
			assertThat(withClvIn(bin.from(), bin.to())).as("%s", bin).hasSize((int) bin.customers());
		}
	}

	@Test
	void aClvRangeListsExactlyTheBuyersPredictedInsideIt() {
		List<BigDecimal> sorted = this.scored.stream().map(CustomerScores::predictedClv).sorted().toList();
		BigDecimal from = sorted.get(10);
		BigDecimal to = sorted.get(20);
		List<UUID> expected = withClvIn(from, to);
		assertThat(expected).isNotEmpty().hasSizeLessThan(30);
		MvcTestResult page = page("/analytics/customers?run=" + run() + "&clvFrom=" + from.toPlainString() + "&clvTo="
				+ to.toPlainString());
		assertThat(page).hasStatusOk();
		assertThat(listed(page)).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(AnalyticsFixture.text(page)).contains("Predicted CLV from: " + from.toPlainString());
		assertThat(listed(page("/analytics/customers?run=" + run() + "&clvFrom=" + to.toPlainString())))
			.containsExactlyInAnyOrderElementsOf(withClvIn(to, null));
	}

	@Test
	void theCsvExportOfAClvRangeHasTheSameBuyers() {
		Charts.ClvBin bin = this.analytics.clvHistogram(run()).bins().get(0);
		String query = "run=" + run() + "&clvFrom=" + bin.from().toPlainString()
				+ ((bin.to() == null) ? "" : "&clvTo=" + bin.to().toPlainString());
		MvcTestResult csv = page("/analytics/customers/export?" + query);
		assertThat(csv).hasStatusOk();
		String[] lines = AnalyticsFixture.text(csv).split("\r\n");
		assertThat(lines[0] + "\r\n").isEqualTo(ScoresCsv.HEADER);
		assertThat(List.of(lines).subList(1, lines.length).stream().map((l) -> UUID.fromString(l.substring(0, 36))))
			.containsExactlyInAnyOrderElementsOf(withClvIn(bin.from(), bin.to()));
		assertThat(AnalyticsFixture.text(page("/analytics/customers?" + query)))
			.contains("href=\"/analytics/customers/export?" + query.replace("&", "&amp;") + "\"");
	}

	@Test
	void theDashboardDrawsTheHistogramAndLinksEveryBinToItsBuyers() {
		String page = AnalyticsFixture.text(page("/analytics?run=" + run()));
		assertThat(page).contains("id=\"chart-clv\"", "id=\"clv-bins\"", "over the next 12 months")
			.doesNotContain("id=\"clv-empty\"");
		List<Charts.ClvBin> bins = this.analytics.clvHistogram(run()).bins();
		for (int i = 0; i < bins.size(); i++) {
			Charts.ClvBin bin = bins.get(i);
			String link = "/analytics/customers?run=" + run() + "&amp;clvFrom=" + bin.from().toPlainString()
					+ ((bin.to() == null) ? "" : "&amp;clvTo=" + bin.to().toPlainString());
			assertThat(page).contains("href=\"" + link + "\" id=\"clv-bin-" + i + "\"");
		}
	}

	@Test
	void aClvRangeThatEndsBelowItsStartIsAFriendlyBadRequest() {
		assertThat(page("/analytics/customers?run=" + run() + "&clvFrom=100&clvTo=50")).hasStatus(400);
	}

}
