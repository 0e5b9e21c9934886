package org.rapport.analytics;

import java.io.PrintStream;

import org.rapport.platform.cli.CliCommand;
import org.rapport.platform.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@code analytics run}: a full recompute over the database, printing progress. Exit
 * status: 0 when the run completed, 1 when it failed or another full run is running, 2 on
 * a usage error (any other sub-command).
 */
@Component
class AnalyticsCommand implements CliCommand {

	private final Analytics analytics;

	private PrintStream out = System.out;

	private PrintStream err = System.err;

	AnalyticsCommand(Analytics analytics) {
		this.analytics = analytics;
	}

	@Override
	public String name() {
		return "analytics";
	}

	void output(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public int run(String[] args) {
		if (args.length != 1 || !"run".equals(args[0])) {
			this.err.println(args.length == 0 ? "Give a sub-command."
					: "Unknown analytics sub-command: " + String.join(" ", args));
			this.err.println("Usage: analytics run");
			return 2;
		}
		long started = System.nanoTime();
		AnalyticsRun run;
		try {
			run = this.analytics.runAll(new RunListener() {
				@Override
				public void progress(AnalyticsRun run) {
					AnalyticsCommand.this.out.printf("%3d%%  %,d of %,d customers%n", run.percent(),
							run.customersDone(), run.customersTotal());
				}

				@Override
				public void phase(String name) {
					AnalyticsCommand.this.out.println("... " + name);
				}
			});
		}
		catch (ApiException ex) {
			this.err.println(ex.getMessage());
			return 1;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		if (run.status() != AnalyticsRun.Status.COMPLETED) {
			this.out.printf("Analytics run %s FAILED after %.1f s: %s%n", run.id(), seconds, run.error());
			return 1;
		}
		this.out.printf(
				"Analytics run %s COMPLETED in %.1f s: %,d customers, %,d buyers, top 20%% hold %s of revenue, "
						+ "Gini %s, model %s%n",
				run.id(), seconds, run.customersTotal(), run.buyers(), run.top20Share(), run.gini(),
				run.modelVersion());
		return 0;
	}

}
