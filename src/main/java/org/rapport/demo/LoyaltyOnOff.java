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
 * purchase now earns pending points in the ledger. Each of the two is measured as (a) is
 * (ADR 0039, ADR 0059): a cold window right after the short warm-up, then a steady window
 * once the clients have called for {@code --single-warm-up} seconds. The earning path
 * runs for the first time in the run with loyalty on, so its cold window pays for
 * compiling it while the path with loyalty off was compiled by (a). Goal (issue 4): with
 * loyalty on at least 0.8 × the rate with it off, at steady state.
 */
final class LoyaltyOnOff {

	/** Customers enrolled for the run (one by one through the front door). */
	static final int MEMBERS = 2_000;

	/**
	 * One mode (loyalty off or on): its cold and steady windows, and the commits and CPU
	 * per purchase of the steady window and the delivery of its events.
	 */
	record Mode(SingleWindow cold, SingleWindow steady, CommitCount.Cost cost) {
	}

	record Result(Mode off, Mode on, int enrolled, double enrolSeconds) {

		/** The goal's ratio: the rates at steady state, on / off. */
		double ratio() {
			return this.on.steady().result().perSecond() / this.off.steady().result().perSecond();
		}

		double coldRatio() {
			return this.on.cold().result().perSecond() / this.off.cold().result().perSecond();
		}

	}

	private LoyaltyOnOff() {
	}

	static Result measure(Loyalty loyalty, JdbcClient jdbc, InteractionBenchmark.Options o, List<UUID> sample,
			InteractionHttp http, String run) throws InterruptedException {
		List<UUID> customers = sample.subList(0, Math.min(MEMBERS, sample.size()));
		// the events of the sections before are delivered first, so that the run without
		// loyalty does not share the machine with their listeners
		CommitCount.since(jdbc, CommitCount.take(jdbc), Duration.ofSeconds(60));
		Mode off = mode("loyalty off", jdbc, o, customers, http);
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
		Mode on = mode("loyalty on", jdbc, o, customers, http);
		return new Result(off, on, customers.size(), enrolSeconds);
	}

	/**
	 * One run of calls measured twice, as (a): cold, then at steady state; the cost is
	 * counted from the steady window's start until its events are delivered.
	 */
	private static Mode mode(String name, JdbcClient jdbc, InteractionBenchmark.Options o, List<UUID> customers,
			InteractionHttp http) throws InterruptedException {
		Duration time = Duration.ofSeconds(o.seconds());
		SingleWindow cold = SingleWindow.measure("record one purchase, HTTP, " + name + ", cold", o.clients(),
				o.warmUp(), time, customers, http::recordOne);
		CommitCount.Snapshot[] before = new CommitCount.Snapshot[1];
		SingleWindow steady = SingleWindow.measure("record one purchase, HTTP, " + name, o.clients(), o.steadyWarmUp(),
				time, customers, http::recordOne, () -> before[0] = CommitCount.take(jdbc));
		return new Mode(cold, steady, CommitCount.since(jdbc, before[0], Duration.ofSeconds(60)));
	}

	/**
	 * The steady window's events delivered within this once the calls end: the earning
	 * kept up with them (ADR 0064).
	 */
	static final Duration KEEPING_UP = Duration.ofSeconds(2);

	private static double cpuPerPurchase(CommitCount.Cost c) {
		return (double) (c.jvmCpu() + c.postgresCpu()) / Math.max(1, c.interactions());
	}

	static void report(BenchmarkReport report, InteractionBenchmark.Options o, Result r) {
		report.text("### (f) Single purchases with the loyalty engine off and on").text("");
		report.text("As (a), on " + String.format(Locale.ROOT, "%,d", r.enrolled()) + " of the generated customers: "
				+ "first while none of them is a member of any programme, then after a programme of their own "
				+ "(1 point per euro, 14 days pending) was created and all of them were enrolled one by one through "
				+ "the `Loyalty` front door (" + String.format(Locale.ROOT, "%.1f", r.enrolSeconds()) + " s), so that "
				+ "every purchase earns pending points. Each is measured as (a): *cold*, for " + o.seconds()
				+ " s after a " + o.warmUp().toSeconds() + " s warm-up, and at *steady state*, for " + o.seconds()
				+ " s once the clients have called for " + o.singleWarmUp().toSeconds() + " s (ADR 0059: the "
				+ "earning path first runs in the cold window with loyalty on, while the path with it off was "
				+ "compiled in (a)). Goal (issue 4): the rate with loyalty on at least 0.8 × the rate with it off, "
				+ "at steady state.")
			.text("");
		report.latencies(List.of(r.off().cold().result(), r.off().steady().result(), r.on().cold().result(),
				r.on().steady().result()));
		LatencyRun.Result off = r.off().steady().result();
		LatencyRun.Result on = r.on().steady().result();
		boolean keptUp = r.on().cost().keptUp(KEEPING_UP);
		report
			.text(String.format(Locale.ROOT,
					"Loyalty on / off, steady state: **%.2f** (goal ≥ 0.8, %s); p99 %.1f ms against %.1f ms. "
							+ "Cold (after %d s): %.2f.",
					r.ratio(),
					!keptUp ? "not counted: the earning fell behind the calls" : r.ratio() >= 0.8 ? "met" : "missed",
					on.p99() / 1000.0, off.p99() / 1000.0, o.warmUp().toSeconds(), r.coldRatio()))
			.text("")
			.text("Listeners at the steady window's end: loyalty off " + r.off().cost().describeLag() + "; loyalty on "
					+ r.on().cost().describeLag() + " (the ratio counts only when earning kept up with the calls, "
					+ "its last events delivered within " + KEEPING_UP.toSeconds() + " s).")
			.text("")
			.text("Machine over the steady windows: off " + r.off().steady().machine().describe() + "; on "
					+ r.on().steady().machine().describe() + ".")
			.text("")
			.text("Loyalty off: " + r.off().cost().describe("the steady window and its events' delivery"))
			.text("")
			.text("Loyalty on: " + r.on().cost().describe("the steady window and its events' delivery"))
			.text("")
			.text(String.format(Locale.ROOT,
					"CPU per purchase (JVM + PostgreSQL), off / on, steady: **%.2f** (what the rates' ratio tends to "
							+ "when the machine's CPU is the limit; less sensitive to other work on a shared machine).",
					cpuPerPurchase(r.off().cost()) / cpuPerPurchase(r.on().cost())))
			.text("");
		for (Mode mode : List.of(r.off(), r.on())) {
			String name = (mode == r.off()) ? "off" : "on";
			report
				.text("Loyalty " + name + ", cold window: "
						+ ThreadCpu.describe(mode.cold().cpuBefore(), mode.cold().cpuAfter(),
								mode.cold().result().calls()))
				.text("")
				.text("Loyalty " + name + ", steady window: "
						+ ThreadCpu.describe(mode.steady().cpuBefore(), mode.steady().cpuAfter(),
								mode.steady().result().calls()))
				.text("");
		}
	}

}
