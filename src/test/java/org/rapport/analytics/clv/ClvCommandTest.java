package org.rapport.analytics.clv;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.ParetoNbd;
import org.rapport.analytics.model.PurchaseSummaries;
import org.rapport.analytics.model.Simulation;
import org.rapport.platform.cli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClvCommandTest {

	@TempDir
	Path dir;

	final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	int run(String... args) {
		return new ClvCommand(new PrintStream(this.stdout, true, StandardCharsets.UTF_8),
				new PrintStream(this.stderr, true, StandardCharsets.UTF_8))
			.run(args);
	}

	static Path cdnow(String name) {
		Path relative = Path.of("../shared/data/cdnow").resolve(name);
		return Files.exists(relative) ? relative : Path.of("/work/shared/data/cdnow").resolve(name);
	}

	Path cdnowSummary() throws Exception {
		List<String> lines = new ArrayList<>(
				Files.readAllLines(cdnow("cdnow_customers_summary_with_transactions.csv")));
		lines.set(0, "customer_id,frequency,recency,T,monetary_value");
		return Files.write(this.dir.resolve("summary.csv"), lines);
	}

	@Test
	void summaryFileGivesOneRowPerCustomerWithPredictionsAndTheFitsAsJson() throws Exception {
		Path out = this.dir.resolve("out/clv.csv");
		int status = run("--summary", cdnowSummary().toString(), "--out", out.toString());

		assertThat(status).as(this.stderr.toString()).isZero();
		List<String> rows = Files.readAllLines(out);
		assertThat(rows).hasSize(2358);
		assertThat(rows.get(0)).isEqualTo("customer_id,expected_purchases,p_alive,expected_avg_spend,clv");
		String[] first = rows.get(1).split(",");
		assertThat(first[0]).isEqualTo("1");
		assertThat(Double.parseDouble(first[1])).isCloseTo(1.226, within(0.001));
		assertThat(Double.parseDouble(first[3])).isCloseTo(24.6586, within(0.001));
		String json = this.stdout.toString(StandardCharsets.UTF_8);
		assertThat(json).contains("\"bg_nbd\"", "\"gamma_gamma\"", "\"standard_errors\"", "\"log_likelihood\": -9582.4",
				"\"converged\": true", "\"time_unit\": \"weeks\"");
	}

	@Test
	void theShippedCdnowSummariesAreReadByTheirOwnColumnNamesAndGiveThePublishedFits() throws Exception {
		// ID,x,t_x,T,zbar
		Path out = this.dir.resolve("with-spend.csv");
		int status = run("--summary", cdnow("cdnow_customers_summary_with_transactions.csv").toString(), "--out",
				out.toString());

		assertThat(status).as(this.stderr.toString()).isZero();
		String json = this.stdout.toString(StandardCharsets.UTF_8);
		// published (../shared/data/cdnow/README.md): r = 0.243, α = 4.414, a = 0.793,
		// b = 2.426, ln L = −9582.4; Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44
		assertThat(value(json, "\"r\": ")).isCloseTo(0.243, within(0.0005));
		assertThat(value(json, "\"alpha\": ")).isCloseTo(4.414, within(0.0005));
		assertThat(value(json, "\"a\": ")).isCloseTo(0.793, within(0.0005));
		assertThat(value(json, "\"b\": ")).isCloseTo(2.426, within(0.0005));
		assertThat(json).contains("\"log_likelihood\": -9582.4");
		assertThat(value(json, "\"p\": ")).isCloseTo(6.25, within(0.005));
		assertThat(value(json, "\"q\": ")).isCloseTo(3.74, within(0.005));
		assertThat(value(json, "\"gamma\": ")).isCloseTo(15.44, within(0.01));
		List<String> rows = Files.readAllLines(out);
		assertThat(rows).hasSize(2358);
		String[] first = rows.get(1).split(",");
		assertThat(first[0]).isEqualTo("1");
		assertThat(Double.parseDouble(first[1])).isCloseTo(1.226, within(0.001));
		assertThat(Double.parseDouble(first[3])).isCloseTo(24.6586, within(0.001));

		// ID,frequency,recency,T: the same purchase model, no spend
		this.stdout.reset();
		Path plain = this.dir.resolve("plain.csv");
		assertThat(run("--summary", cdnow("cdnow_customers_summary.csv").toString(), "--out", plain.toString()))
			.as(this.stderr.toString())
			.isZero();
		String plainJson = this.stdout.toString(StandardCharsets.UTF_8);
		assertThat(value(plainJson, "\"r\": ")).isCloseTo(0.243, within(0.0005));
		assertThat(value(plainJson, "\"b\": ")).isCloseTo(2.426, within(0.0005));
		List<String> plainRows = Files.readAllLines(plain);
		assertThat(plainRows).hasSize(2358);
		assertThat(plainRows.get(1).split(",", -1)[1]).isEqualTo(first[1]);
	}

	@Test
	void clvIsTheDiscountedSumOfMonthlyExpectedPurchasesTimesExpectedSpendInTheDataTimeUnit() throws Exception {
		Path out = this.dir.resolve("clv.csv");
		assertThat(run("--summary", cdnowSummary().toString(), "--out", out.toString(), "--clv-months", "3",
				"--discount", "0.02"))
			.isZero();
		String json = this.stdout.toString(StandardCharsets.UTF_8);
		BgNbd model = new BgNbd(value(json, "\"r\": "), value(json, "\"alpha\": "), value(json, "\"a\": "),
				value(json, "\"b\": "));
		String[] first = Files.readAllLines(out).get(1).split(",");
		double spend = Double.parseDouble(first[3]);
		double expected = 0;
		double previous = 0;
		for (int m = 1; m <= 3; m++) {
			double cumulative = model.expectedPurchases(m * 4.345, 2, 30.43, 38.86);
			expected += spend * (cumulative - previous) / Math.pow(1.02, m);
			previous = cumulative;
		}
		assertThat(Double.parseDouble(first[4])).isCloseTo(expected, within(0.000002));
	}

	@Test
	void paretoNbdModelReproducesThePublishedCdnowFitAndPredictsWithItsOwnParameters() throws Exception {
		Path out = this.dir.resolve("pareto.csv");
		int status = run("--summary", cdnowSummary().toString(), "--out", out.toString(), "--model", "pareto-nbd",
				"--clv-months", "3", "--discount", "0.02");

		assertThat(status).as(this.stderr.toString()).isZero();
		String json = this.stdout.toString(StandardCharsets.UTF_8);
		assertThat(json)
			.contains("\"model\": \"pareto-nbd\"", "\"pareto_nbd\"", "\"gamma_gamma\"", "\"standard_errors\"",
					"\"converged\": true", "\"fit_pareto_nbd\"")
			.doesNotContain("\"bg_nbd\"");
		// published (../shared/data/cdnow/README.md): r = 0.553, α = 10.578, s = 0.606,
		// β = 11.669, ln L = −9595.0
		ParetoNbd model = new ParetoNbd(value(json, "\"r\": "), value(json, "\"alpha\": "), value(json, "\"s\": "),
				value(json, "\"beta\": "));
		assertThat(model.r()).isCloseTo(0.553, within(0.0005));
		assertThat(model.alpha()).isCloseTo(10.58, within(0.005));
		assertThat(model.s()).isCloseTo(0.606, within(0.0005));
		assertThat(model.beta()).isCloseTo(11.67, within(0.005));
		assertThat(value(json, "\"log_likelihood\": ")).isCloseTo(-9595.0, within(0.1));
		int standardErrors = json.indexOf("\"standard_errors\"");
		assertThat(value(json.substring(standardErrors), "\"r\": ")).isPositive().isLessThan(model.r());

		List<String> rows = Files.readAllLines(out);
		assertThat(rows).hasSize(2358);
		assertThat(rows.get(0)).isEqualTo("customer_id,expected_purchases,p_alive,expected_avg_spend,clv");
		String[] first = rows.get(1).split(",");
		// customer 1 of the sample: x = 2, t_x = 30.43, T = 38.86, zbar = 22.355
		assertThat(Double.parseDouble(first[1])).isCloseTo(model.expectedPurchases(39, 2, 30.43, 38.86),
				within(0.000001));
		assertThat(Double.parseDouble(first[2])).isCloseTo(model.probabilityAlive(2, 30.43, 38.86), within(0.000001));
		double spend = Double.parseDouble(first[3]);
		assertThat(spend).isCloseTo(24.6586, within(0.001));
		double expected = 0;
		double previous = 0;
		for (int m = 1; m <= 3; m++) {
			double cumulative = model.expectedPurchases(m * 4.345, 2, 30.43, 38.86);
			expected += spend * (cumulative - previous) / Math.pow(1.02, m);
			previous = cumulative;
		}
		assertThat(Double.parseDouble(first[4])).isCloseTo(expected, within(0.000002));
	}

	@Test
	void paretoNbdParametersAreRecoveredFromASimulatedSummaryFile() throws Exception {
		ParetoNbd truth = new ParetoNbd(0.55, 10.5, 0.6, 11.7);
		PurchaseSummaries drawn = new Simulation(23).draw(20_000, truth, 27, 39);
		List<String> lines = new ArrayList<>();
		lines.add("customer_id,frequency,recency,T");
		for (int i = 0; i < drawn.size(); i++) {
			lines.add("c" + i + "," + drawn.frequency()[i] + "," + drawn.recency()[i] + "," + drawn.age()[i]);
		}
		Path summary = Files.write(this.dir.resolve("simulated.csv"), lines);
		Path out = this.dir.resolve("simulated-out.csv");

		assertThat(run("--summary", summary.toString(), "--out", out.toString(), "--model", "PARETO-NBD"))
			.as(this.stderr.toString())
			.isZero();
		String json = this.stdout.toString(StandardCharsets.UTF_8);
		String errors = json.substring(json.indexOf("\"standard_errors\""));
		String[] names = { "r", "alpha", "s", "beta" };
		double[] expected = { truth.r(), truth.alpha(), truth.s(), truth.beta() };
		for (int i = 0; i < 4; i++) {
			String key = "\"" + names[i] + "\": ";
			double error = value(errors, key);
			assertThat(error).as("standard error of %s", names[i]).isPositive();
			assertThat(value(json, key)).as(names[i]).isCloseTo(expected[i], within(4 * error));
		}
		assertThat(json).contains("\"gamma_gamma\": null");
		assertThat(Files.readAllLines(out)).hasSize(20_001);
	}

	@Test
	void unknownModelIsRefusedWithTheUsage() {
		assertThat(run("--summary", "x.csv", "--out", "o.csv", "--model", "bg-bb")).isEqualTo(2);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("--model must be bg-nbd or pareto-nbd")
			.contains("Usage");
	}

	@Test
	void transactionsFileIsSummarisedPerPurchaseDayLikeThePublishedCdnowSummary() throws Exception {
		List<String> csv = new ArrayList<>();
		csv.add("customer_id,date,amount");
		for (String line : Files.readAllLines(cdnow("CDNOW_sample.txt"))) {
			String[] f = line.strip().split("\\s+");
			if (f.length == 5) {
				csv.add(f[1] + "," + f[2] + "," + f[4]);
			}
		}
		Path transactions = Files.write(this.dir.resolve("transactions.csv"), csv);
		CustomerTable table = TransactionFile.read(transactions, java.time.LocalDate.of(1997, 9, 30), TimeUnit.WEEKS);

		List<String> published = Files.readAllLines(cdnow("cdnow_customers_summary_with_transactions.csv"));
		assertThat(table.size()).isEqualTo(published.size() - 1);
		for (int i = 0; i < table.size(); i++) {
			String[] p = published.get(i + 1).split(",");
			assertThat(Integer.parseInt(table.ids().get(i))).isEqualTo(Integer.parseInt(p[0]));
			assertThat(table.summaries().frequency()[i]).as("x of %s", p[0]).isEqualTo(Integer.parseInt(p[1]));
			assertThat(table.summaries().recency()[i]).as("t_x of %s", p[0])
				.isCloseTo(Double.parseDouble(p[2]), within(0.0051));
			assertThat(table.summaries().age()[i]).as("T of %s", p[0])
				.isCloseTo(Double.parseDouble(p[3]), within(0.0051));
			assertThat(table.monetary()[i]).as("zbar of %s", p[0]).isCloseTo(Double.parseDouble(p[4]), within(0.0051));
		}
	}

	@Test
	void badLineIsReportedWithItsNumberAndANonZeroExit() throws Exception {
		Path in = Files.writeString(this.dir.resolve("bad.csv"),
				"customer_id,frequency,recency,T\nc1,1,2.0,10\nc2,1,12.5,10\n");
		assertThat(run("--summary", in.toString(), "--out", this.dir.resolve("o.csv").toString())).isEqualTo(1);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("line 3")
			.contains("recency is larger than T");
		assertThat(this.dir.resolve("o.csv")).doesNotExist();
	}

	@Test
	void textWhereANumberBelongsIsReportedWithItsLine() throws Exception {
		Path in = Files.writeString(this.dir.resolve("bad.csv"),
				"customer_id,frequency,recency,T\nc1,1,2.0,10\n\nc2,two,1,10\n");
		assertThat(run("--summary", in.toString(), "--out", this.dir.resolve("o.csv").toString())).isEqualTo(1);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("line 4").contains("frequency");
	}

	@Test
	void fileWithoutCustomersOrWithoutTheColumnsIsRefusedClearly() throws Exception {
		Path empty = Files.writeString(this.dir.resolve("empty.csv"), "customer_id,frequency,recency,T\n");
		assertThat(run("--summary", empty.toString(), "--out", this.dir.resolve("o.csv").toString())).isEqualTo(1);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("no customers");
		Path wrong = Files.writeString(this.dir.resolve("wrong.csv"), "customer,x,t_x,T\n1,0,0,5\n");
		assertThat(run("--summary", wrong.toString(), "--out", this.dir.resolve("o.csv").toString())).isEqualTo(1);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("no column 'customer_id' (or id)");
		Path twice = Files.writeString(this.dir.resolve("twice.csv"), "id,x,frequency,t_x,T\n1,0,0,0,5\n");
		assertThat(run("--summary", twice.toString(), "--out", this.dir.resolve("o.csv").toString())).isEqualTo(1);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("names the column 'frequency' twice");
	}

	@Test
	void missingOptionsPrintTheUsageAndExitWithTwo() {
		assertThat(run("--summary", "x.csv")).isEqualTo(2);
		assertThat(this.stderr.toString(StandardCharsets.UTF_8)).contains("--out is required").contains("Usage");
	}

	@Test
	void helpPrintsTheUsageAndSucceeds() {
		assertThat(run("--help")).isZero();
		assertThat(this.stdout.toString(StandardCharsets.UTF_8)).contains("--predict-periods")
			.contains("--time-unit")
			.contains("--model bg-nbd|pareto-nbd");
	}

	@Test
	void commandLineRunsAnalyticsClvWithoutStartingTheApplication() {
		assertThat(CommandLine.run(Object.class, new String[] { "analytics", "clv", "--bogus", "1" })).isEqualTo(2);
	}

	private static double value(String json, String key) {
		int at = json.indexOf(key) + key.length();
		int end = at;
		while ("0123456789.-E".indexOf(json.charAt(end)) >= 0) {
			end++;
		}
		return Double.parseDouble(json.substring(at, end));
	}

}
