package org.rapport.analytics.clv;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import org.rapport.platform.cli.StandaloneCommand;

/**
 * {@code analytics clv}: fits BG/NBD (or Pareto/NBD with {@code --model pareto-nbd}) and
 * Gamma-Gamma on a summary or transactions file and writes per-customer predictions; the
 * fits go to standard output as JSON. Exit status 0 on success, 1 for bad input, 2 for
 * bad options, 3 when a fit did not converge.
 */
public final class ClvCommand implements StandaloneCommand {

	private final PrintStream out;

	private final PrintStream err;

	public ClvCommand() {
		this(System.out, System.err);
	}

	ClvCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public String name() {
		return "analytics clv";
	}

	@Override
	public int run(String[] args) {
		if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
			this.out.println(ClvArguments.USAGE);
			return 0;
		}
		ClvArguments arguments;
		try {
			arguments = ClvArguments.parse(args);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("analytics clv: " + ex.getMessage());
			this.err.println(ClvArguments.USAGE);
			return 2;
		}
		ClvRun run = new ClvRun();
		try {
			boolean converged = run.run(arguments);
			this.out.println(FitJson.of(arguments, run));
			if (!converged) {
				this.err.println("analytics clv: the model fit did not converge (see \"converged\" and \"message\" "
						+ "above); no predictions were written");
				return 3;
			}
			return 0;
		}
		catch (InputException | IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
			this.err.println("analytics clv: " + ex.getMessage());
			return 1;
		}
		catch (IOException | UncheckedIOException ex) {
			this.err.println("analytics clv: cannot read or write a file: " + ex.getMessage());
			return 1;
		}
	}

}
