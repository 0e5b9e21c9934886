package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.CustomerValue;
import org.rapport.analytics.model.GammaGamma;
import org.rapport.analytics.model.ModelFit;
import org.rapport.analytics.model.PurchaseSummaries;
import org.rapport.analytics.model.Simulation;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.assertj.core.api.Assertions.within;

/**
 * The value model of a run: BG/NBD and Gamma-Gamma fitted on the run's buyers, the
 * predictions stored equal to what the model library gives for the same inputs, the
 * parameters stored with the run, an unavailable reason instead of a failed run, and
 * customers rescored later predicted from the stored parameters; the one-to-class classes
 * of the same buyers.
 */
@IntegrationTest
class AnalyticsPredictionsTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

	static final int BUYERS = 30;

	/** The buyer the rescoring test gives one more purchase (one purchase before). */
	static final int RESCORED = 3;

	@Autowired
	ModelWording wording;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Analytics analytics;

	@Autowired
	ScoreWriter scores;

	@Autowired
	PredictionWriter predictions;

	@Autowired
	ValuePredictor predictor;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Buyers drawn from BG/NBD and Gamma-Gamma with known parameters (seeded), turned
	 * into purchase days: the first purchase T days before 2026-01-01, x repeat purchases
	 * spread evenly up to t_x days after it, each of the buyer's mean spend.
	 */
	private static final Simulation.Population DRAWN = new Simulation(4).draw(BUYERS, new BgNbd(0.5, 20, 0.8, 2.4),
			new GammaGamma(6, 4, 15), 150, 360);

	private static List<String> dates(int i) {
		int x = DRAWN.summaries().frequency()[i];
		long tx = Math.max(x, Math.round(DRAWN.summaries().recency()[i]));
		long age = Math.max((long) Math.ceil(DRAWN.summaries().age()[i]), tx + 1);
		LocalDate first = LocalDate.parse("2026-01-01").minusDays(age);
		List<String> dates = new ArrayList<>();
		dates.add(first.toString());
		for (int k = 1; k <= x; k++) {
			dates.add(first.plusDays(Math.round((double) k * tx / x)).toString());
		}
		return dates;
	}

	private static String amount(int i) {
		return new BigDecimal(DRAWN.meanSpend()[i]).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
	}

	private record Population(AnalyticsFixture fx, List<UUID> ids, AnalyticsRun run) {
	}

	private static Population shared;

	/**
	 * One population of BUYERS buyers and a prospect, shared by the tests that only read.
	 */
	private Population shared() {
		if (shared == null) {
			shared = population(BUYERS);
		}
		return shared;
	}

	private Population population(int buyers) {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			UUID id = fx.customer("V" + i);
			fx.purchases(id, amount(i), dates(i).toArray(String[]::new));
			ids.add(id);
		}
		ids.add(fx.customer("V-prospect"));
		AnalyticsRun run = this.analytics.runFor(ids, AS_OF);
		return new Population(fx, ids, run);
	}

	/** x, t_x, T (days) and mean spend of buyer i as of AS_OF, in customer id order. */
	private static double[][] inputs(List<UUID> ids, List<UUID> sorted) {
		double[][] columns = new double[4][sorted.size()];
		for (int j = 0; j < sorted.size(); j++) {
			int i = ids.indexOf(sorted.get(j));
			List<String> dates = dates(i);
			LocalDate first = LocalDate.parse(dates.get(0));
			LocalDate last = LocalDate.parse(dates.get(dates.size() - 1));
			columns[0][j] = dates.size() - 1;
			columns[1][j] = last.toEpochDay() - first.toEpochDay();
			columns[2][j] = LocalDate.parse("2026-01-01").toEpochDay() - first.toEpochDay() - 0.5;
			columns[3][j] = Double.parseDouble(amount(i));
		}
		return columns;
	}

	@Test
	void predictionsAndParametersAreThoseOfTheModelLibraryOnTheRunsBuyers() {
		Population p = shared();
		assertThat(p.run().status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		List<UUID> buyers = new ArrayList<>(p.ids().subList(0, BUYERS));
		buyers.sort(null);
		double[][] in = inputs(p.ids(), buyers);
		int[] x = new int[BUYERS];
		for (int j = 0; j < BUYERS; j++) {
			x[j] = (int) in[0][j];
		}
		ModelFit bgFit = BgNbd.fit(PurchaseSummaries.of(x, in[1], in[2]));
		ModelFit ggFit = GammaGamma.fit(x, in[3], null);
		CustomerValue.Predictions expected = CustomerValue.predict(BgNbd.of(bgFit), GammaGamma.of(ggFit),
				PurchaseSummaries.of(x, in[1], in[2]), in[3], new CustomerValue.Horizon(360, 12, 30, 0.01));

		AnalyticsRun run = this.analytics.run(p.run().id()).orElseThrow();
		assertThat(run.predictionsUnavailable()).isNull();
		assertThat(run.modelVersion()).contains("bgnbd+gg/clv12m/d0.01/fit");
		ValueModel.Fit bg = run.valueModel().fit("BG/NBD");
		assertThat(bg.parameter("r")).isCloseTo(bgFit.estimate("r"), within(1e-9));
		assertThat(bg.parameter("b")).isCloseTo(bgFit.estimate("b"), within(1e-9));
		assertThat(bg.logLikelihood()).isCloseTo(bgFit.logLikelihood(), within(1e-9));
		assertThat(bg.customers()).isEqualTo(BUYERS);
		assertThat(run.valueModel().fit("Gamma-Gamma").parameter("q")).isCloseTo(ggFit.estimate("q"), within(1e-9));
		for (int j = 0; j < BUYERS; j++) {
			if (buyers.get(j).equals(p.ids().get(RESCORED))) {
				continue;
			}
			CustomerScores s = this.analytics.customer(run.id(), buyers.get(j)).orElseThrow();
			assertThat(s.pAlive().doubleValue()).isCloseTo(expected.probabilityAlive()[j], within(5e-7));
			assertThat(s.expectedPurchases().doubleValue()).isCloseTo(expected.expectedPurchases()[j], within(5e-7));
			assertThat(s.predictedClv().doubleValue()).isCloseTo(expected.clv()[j], within(0.005));
		}
		CustomerScores prospect = this.analytics.customer(run.id(), p.ids().get(BUYERS)).orElseThrow();
		assertThat(prospect.pAlive()).isNull();

		JsonNode body = p.fx().body(p.fx().get(Role.MANAGER, AnalyticsApi.BASE + "/runs/" + run.id()));
		assertThat(body.at("/valueModel/models/0/model").asString()).isEqualTo("BG/NBD");
		assertThat(body.at("/valueModel/models/0/parameters/alpha").asDouble()).isCloseTo(bgFit.estimate("alpha"),
				within(1e-9));
		assertThat(body.at("/valueModel/models/1/standardErrors").isObject()).isTrue();
	}

	@Test
	void rescoredCustomersArePredictedFromTheStoredParametersWithoutARefit() {
		Population p = shared();
		UUID run = p.run().id();
		ValueModel model = this.analytics.run(run).orElseThrow().valueModel();
		UUID customer = p.ids().get(RESCORED);
		p.fx().purchases(customer, "10.00", "2025-12-20");
		Instant later = Instant.parse("2026-01-11T00:00:00Z");
		this.scores.base(run, p.run().modelVersion(), later, new UUID[] { customer });
		this.predictions.predictStored(run, new UUID[] { customer }, this.predictor);

		BgNbd bg = new BgNbd(model.fit("BG/NBD").parameter("r"), model.fit("BG/NBD").parameter("alpha"),
				model.fit("BG/NBD").parameter("a"), model.fit("BG/NBD").parameter("b"));
		// the buyer bought once; now also on 2025-12-20, as of 2026-01-11
		LocalDate first = LocalDate.parse(dates(RESCORED).get(0));
		assertThat(dates(RESCORED)).hasSize(1);
		double tx = LocalDate.parse("2025-12-20").toEpochDay() - first.toEpochDay();
		double t = LocalDate.parse("2026-01-11").toEpochDay() - first.toEpochDay() - 0.5;
		CustomerScores s = this.analytics.customer(run, customer).orElseThrow();
		assertThat(s.pAlive().doubleValue()).isCloseTo(bg.probabilityAlive(1, tx, t), within(5e-7));
		assertThat(this.analytics.run(run).orElseThrow().valueModel()).isEqualTo(model);
	}

	@Test
	void tooFewBuyersLeavePredictionsUnavailableWithTheReasonNotAFailedRun() {
		Population p = population(3);
		AnalyticsRun run = this.analytics.run(p.run().id()).orElseThrow();
		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(run.valueModel()).isNull();
		assertThat(run.predictionsUnavailable()).contains("too few buyers");
		assertThat(this.analytics.customer(run.id(), p.ids().get(0)).orElseThrow().pAlive()).isNull();
	}

	@Test
	void everyBuyerGetsAClassAndTheProfilesAddUpToTheBuyers() {
		Population p = shared();
		UUID run = p.run().id();
		CustomerClasses classes = this.analytics.classes(run);
		assertThat(classes.customers()).isEqualTo(BUYERS);
		assertThat(classes.classes().stream().mapToLong(CustomerClasses.ClassProfile::size).sum()).isEqualTo(BUYERS);
		assertThat(classes.classes()).hasSize(classes.chosenK());
		assertThat(classes.curve()).isNotEmpty();
		assertThat(classes.features()).contains("recency", "buy again").doesNotContain("p alive");
		// the chance to buy again, unlike the probability alive the model fixes at 1 for
		// one-time buyers, sets the most lapsed class below the most recent one
		java.util.function.BiFunction<CustomerClasses.ClassProfile, String, Double> mean = (c,
				f) -> c.means().stream().filter((m) -> m.feature().equals(f)).findFirst().orElseThrow().mean();
		CustomerClasses.ClassProfile lapsed = classes.classes()
			.stream()
			.max(java.util.Comparator.comparing((c) -> mean.apply(c, "recency")))
			.orElseThrow();
		CustomerClasses.ClassProfile recent = classes.classes()
			.stream()
			.min(java.util.Comparator.comparing((c) -> mean.apply(c, "recency")))
			.orElseThrow();
		assertThat(mean.apply(lapsed, "buy again")).isLessThan(mean.apply(recent, "buy again"));
		assertThat(classes.classes()).allSatisfy((c) -> assertThat(mean.apply(c, "buy again")).isBetween(0.0, 1.0));
		Long classified = this.jdbc
			.sql("SELECT count(*) FROM analytics_customer_score WHERE run_id = ? AND class_index IS NOT NULL")
			.param(run)
			.query(Long.class)
			.single();
		assertThat(classified).isEqualTo(BUYERS);
		assertThat(this.analytics.customer(run, p.ids().get(BUYERS)).orElseThrow().customerClass()).isNull();

		CustomerClasses.ClassProfile first = classes.classes().get(0);
		JsonNode body = p.fx().body(p.fx().get(Role.MANAGER, AnalyticsApi.BASE + "/classes?run=" + run));
		assertThat(body.at("/chosenK").asInt()).isEqualTo(classes.chosenK());
		assertThat(body.at("/classes/0/label").asString()).isEqualTo(first.label());
		JsonNode list = p.fx()
			.body(p.fx()
				.get(Role.MANAGER,
						AnalyticsApi.BASE + "/classes/customers?run=" + run + "&customerClass=" + first.index()));
		assertThat(list.at("/totalItems").asLong()).isEqualTo(first.size());
		String csv = AnalyticsFixture.text(p.fx()
			.get(Role.MANAGER, AnalyticsApi.BASE + "/classes/customers?format=csv&run=" + run + "&customerClass="
					+ first.index()));
		assertThat(csv.lines().count()).isEqualTo(first.size() + 1);
		assertThat(new BigDecimal(first.share()).doubleValue()).isCloseTo((double) first.size() / BUYERS, within(1e-9));
	}

	@Test
	void theDashboardShowsEveryClassWithALinkToItsCustomers() {
		Population p = shared();
		UUID run = p.run().id();
		CustomerClasses classes = this.analytics.classes(run);
		String marketer = "classes-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(marketer, "Class Reader", "console-test-password", java.util.EnumSet.of(Role.MARKETER));

		String page = AnalyticsFixture.text(this.mvc.get()
			.uri("/analytics?run={run}", run)
			.with(user(this.users.loadUserByUsername(marketer)))
			.exchange());

		assertThat(page).contains("id=\"class-profiles\"").contains("id=\"class-choice\"");
		for (CustomerClasses.ClassProfile c : classes.classes()) {
			assertThat(page).contains(c.label())
				.contains("/analytics/customers?run=" + run + "&amp;customerClass=" + c.index());
		}
		String list = AnalyticsFixture.text(this.mvc.get()
			.uri("/analytics/customers?run={run}&customerClass={c}", run, classes.classes().get(0).index())
			.with(user(this.users.loadUserByUsername(marketer)))
			.exchange());
		assertThat(list).contains(p.ids()
			.stream()
			.filter((id) -> this.analytics.customer(run, id)
				.map((s) -> Integer.valueOf(classes.classes().get(0).index()).equals(s.customerClass()))
				.orElse(false))
			.findFirst()
			.orElseThrow()
			.toString());
	}

	@Test
	void theDashboardNamesTheClassesTheirFeaturesAndTheChurnRulesInTheReadersLanguage() {
		Population p = shared();
		UUID run = p.run().id();
		CustomerClasses classes = this.analytics.classes(run);
		String marketer = "klassy-" + UUID.randomUUID().toString().substring(0, 8);
		this.staff.create(marketer, "Class Reader", "console-test-password", java.util.EnumSet.of(Role.MARKETER));

		String page = AnalyticsFixture.text(this.mvc.get()
			.uri("/analytics?run={run}", run)
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(user(this.users.loadUserByUsername(marketer)))
			.exchange());

		assertThat(classes.classes()).isNotEmpty();
		for (CustomerClasses.ClassProfile c : classes.classes()) {
			String russian = this.wording.classLabel(c.label(), Locale.forLanguageTag("ru"));
			assertThat(russian).as("label of class %d (%s)", c.index(), c.label()).doesNotContainPattern("[A-Za-z]");
			assertThat(page).contains(">" + russian + "</a>");
		}
		assertThat(page).contains("<th>давность</th>", "<th>средний чек</th>", "<th>вероятность новой покупки</th>")
			.doesNotContain("<th>recency</th>")
			.doesNotContain("then churn risk");
	}

}
