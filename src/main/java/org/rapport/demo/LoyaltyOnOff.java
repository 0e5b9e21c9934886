package org.rapport.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.loyalty.Combination;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.NewRule;
import org.rapport.loyalty.ProgrammeSettings;
import org.rapport.loyalty.RuleKind;
import org.rapport.loyalty.RuleParams;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench interactions} (f): single purchases over HTTP with the loyalty engine off
 * and on, on the same customers. First the customers are not members (the loyalty
 * listener finds no account and stops), then a programme of their own (1 point per euro,
 * 14 days pending, like the demo's) is created through the {@link Loyalty} front door,
 * every one of them is enrolled in it one by one, and the same timing runs again: every
 * purchase now earns pending points in the ledger. Goal (issue 4): with loyalty on at
 * least 0.8 × the rate with it off.
 */
final class LoyaltyOnOff {

	/** Customers enrolled for the run (one by one through the front door). */
	static final int MEMBERS = 2_000;

	record Result(LatencyRun.Result off, LatencyRun.Result on, int enrolled, double enrolSeconds,
			CommitCount.Cost offCost, CommitCount.Cost onCost) {

		double ratio() {
			return this.on.perSecond() / this.off.perSecond();
		}

	}

	private LoyaltyOnOff() {
	}

	static Result measure(Loyalty loyalty, JdbcClient jdbc, InteractionBenchmark.Options o, List<UUID> sample,
			InteractionHttp http, String run) throws InterruptedException {
		List<UUID> customers = sample.subList(0, Math.min(MEMBERS, sample.size()));
		Duration time = Duration.ofSeconds(o.seconds());
		// the events of the sections before are delivered first, so that the run without
		// loyalty does not share the machine with their listeners
		CommitCount.since(jdbc, CommitCount.take(jdbc), Duration.ofSeconds(60));
		CommitCount.Snapshot beforeOff = CommitCount.take(jdbc);
		LatencyRun.Result off = LatencyRun.run("record one purchase, HTTP, loyalty off", o.clients(), o.warmUp(), time,
				customers, http::recordOne);
		CommitCount.Cost offCost = CommitCount.since(jdbc, beforeOff, Duration.ofSeconds(60));
		String code = "bench-" + run;
		loyalty.createProgramme(new ProgrammeSettings(code, "Bench club " + run, "EUR", "points",
				new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 24, null, NegativeBalancePolicy.CAP_AT_ZERO, null,
				Map.of("base", Combination.STACK), null));
		loyalty.saveRule(code, null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 point per euro",
				RuleParams.spendRatio(1, "1"), null, null, null));
		long started = System.nanoTime();
		for (UUID customer : customers) {
			loyalty.enrol(code, new Enrolment(customer, null, null, null, null), code + ":" + customer);
		}
		double enrolSeconds = (System.nanoTime() - started) / 1e9;
		CommitCount.since(jdbc, CommitCount.take(jdbc), Duration.ofSeconds(60));
		CommitCount.Snapshot beforeOn = CommitCount.take(jdbc);
		LatencyRun.Result on = LatencyRun.run("record one purchase, HTTP, loyalty on", o.clients(), o.warmUp(), time,
				customers, http::recordOne);
		CommitCount.Cost onCost = CommitCount.since(jdbc, beforeOn, Duration.ofSeconds(60));
		return new Result(off, on, customers.size(), enrolSeconds, offCost, onCost);
	}

	private static double cpuPerPurchase(CommitCount.Cost c) {
		return (double) (c.jvmCpu() + c.postgresCpu()) / Math.max(1, c.interactions());
	}

	static void report(BenchmarkReport report, InteractionBenchmark.Options o, Result r) {
		report.text("### (f) Single purchases with the loyalty engine off and on").text("");
		report.text("As (a), on " + String.format(Locale.ROOT, "%,d", r.enrolled()) + " of the generated customers: "
				+ "first while none of them is a member of any programme, then after a programme of their own "
				+ "(1 point per euro, 14 days pending) was created and all of them were enrolled one by one through "
				+ "the `Loyalty` front door (" + String.format(Locale.ROOT, "%.1f", r.enrolSeconds()) + " s), so that "
				+ "every purchase earns pending points. Goal (issue 4): the rate with loyalty on at least 0.8 × the "
				+ "rate with it off.")
			.text("");
		report.latencies(List.of(r.off(), r.on()));
		report
			.text(String.format(Locale.ROOT,
					"Loyalty on / off: **%.2f** (goal ≥ 0.8, %s); p99 %.1f ms against " + "%.1f ms.", r.ratio(),
					r.ratio() >= 0.8 ? "met" : "missed", r.on().p99() / 1000.0, r.off().p99() / 1000.0))
			.text("")
			.text("Loyalty off: " + r.offCost().describe())
			.text("")
			.text("Loyalty on: " + r.onCost().describe())
			.text("")
			.text(String.format(Locale.ROOT,
					"CPU per purchase (JVM + PostgreSQL), off / on: **%.2f** (what the rates' ratio tends to when "
							+ "the machine's CPU is the limit; less sensitive to other work on a shared machine).",
					cpuPerPurchase(r.offCost()) / cpuPerPurchase(r.onCost())))
			.text("");
	}

}
