package org.rapport.platform.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dispatches the first argument to a sub-command. {@code serve} (the default) and
 * {@code demo} start the server; every other command starts the application without a web
 * server, runs one {@link CliCommand} bean and exits with its status. A
 * {@link StandaloneCommand} named by the first two arguments runs before (and without)
 * any application start-up.
 */
public final class CommandLine {

	public static final int KEEP_RUNNING = Integer.MIN_VALUE;

	private CommandLine() {
	}

	/**
	 * Commands known before the application starts, so {@code --help} needs no database.
	 */
	public record Known(String name, String summary, boolean server) {
	}

	public static final List<Known> COMMANDS = List.of(
			new Known("serve", "start the server and staff console (the default)", true),
			new Known("demo", "start the server in demo mode: demo users, and demo data when the database is empty",
					true),
			new Known("generate",
					"load synthetic customers and their purchase histories: generate --customers N [--seed S] "
							+ "[--no-purchases] [--as-of YYYY-MM-DD]",
					false),
			new Known("bench", "run the benchmarks and append the results to docs/benchmarks.md: bench customers",
					false),
			new Known("import",
					"import interaction history: import FILE [--format csv|jsonl|cdnow] [--source NAME] "
							+ "[--unknown-identity create-prospect|reject] [--errors errors.csv]",
					false),
			new Known("export",
					"export interaction history: export interactions --out FILE [--format jsonl|csv] [--from DATE] "
							+ "[--to DATE] [--kind K,...] [--source NAME] [--customer ID] (JSON lines import back)",
					false),
			new Known("analytics",
					"analytics run: recompute every customer's analytics over the database; analytics clv --summary "
							+ "IN.csv|--transactions IN.csv --out OUT.csv [--predict-periods 39] [--clv-months 12] "
							+ "[--discount 0.01] [--time-unit weeks|days] [--calibration-end YYYY-MM-DD]: fit BG/NBD and "
							+ "Gamma-Gamma on a file and write expected purchases, p alive and CLV (no database)",
					false),
			new Known("bench-loyalty",
					"time the loyalty nightly jobs on generated members: bench-loyalty [--members 1000000]", false),
			new Known("create-admin", "create or reset an administrator: create-admin USERNAME (password from stdin)",
					false));

	public static int run(Class<?> application, String[] args) {
		String name = args.length == 0 || args[0].startsWith("--") && !isHelp(args[0]) ? "serve" : args[0];
		if (isHelp(name)) {
			printHelp(System.out);
			return 0;
		}
		Optional<StandaloneCommand> standalone = standalone(args);
		if (standalone.isPresent()) {
			return standalone.get().run(Arrays.copyOfRange(args, 2, args.length));
		}
		Optional<Known> known = COMMANDS.stream().filter((c) -> c.name().equals(name)).findFirst();
		if (known.isEmpty()) {
			System.err.println("Unknown command: " + name);
			printHelp(System.err);
			return 2;
		}
		String[] rest = args.length > 0 && args[0].equals(name) ? Arrays.copyOfRange(args, 1, args.length) : args;
		Optional<String> problem = argumentProblem(name, rest);
		if (problem.isPresent()) {
			System.err.println(problem.get());
			System.err.println("Usage: " + known.get().name() + " — " + known.get().summary());
			return 2;
		}
		if (known.get().server()) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(application);
			if (name.equals("demo")) {
				builder.profiles("demo");
			}
			builder.run(rest);
			return KEEP_RUNNING;
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.properties("rapport.cli.command=" + name)
			.run(rest)) {
			CliCommand command = context.getBeansOfType(CliCommand.class)
				.values()
				.stream()
				.filter((c) -> c.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No implementation for command " + name));
			return command.run(rest);
		}
	}

	/**
	 * What is wrong with a command's arguments that can be told before start-up (a
	 * missing or unknown sub-command, a missing file), so such a mistake starts no
	 * database.
	 */
	static Optional<String> argumentProblem(String name, String[] rest) {
		if (name.equals("analytics")) {
			List<String> subCommands = List.of("run", "clv", "clv-bench");
			if (rest.length == 0 || rest[0].startsWith("--")) {
				return Optional.of("analytics needs a sub-command: run, clv or clv-bench");
			}
			if (!subCommands.contains(rest[0])) {
				return Optional.of("Unknown analytics sub-command: " + rest[0] + " (use run, clv or clv-bench)");
			}
		}
		if (name.equals("import") && Arrays.stream(rest).allMatch((a) -> a.startsWith("--"))) {
			return Optional.of("give the file to import");
		}
		return Optional.empty();
	}

	static Optional<StandaloneCommand> standalone(String[] args) {
		if (args.length < 2) {
			return Optional.empty();
		}
		String name = args[0] + " " + args[1];
		return ServiceLoader.load(StandaloneCommand.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.filter((c) -> c.name().equals(name))
			.findFirst();
	}

	private static boolean isHelp(String arg) {
		return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
	}

	static void printHelp(PrintStream out) {
		out.println("Rapport — customer memory, loyalty and analytics");
		out.println();
		out.println("Usage: java -jar rapport.jar [command] [options]");
		out.println();
		out.println("Commands:");
		COMMANDS.stream()
			.sorted(Comparator.comparing(Known::name))
			.forEach((c) -> out.printf("  %-14s %s%n", c.name(), c.summary()));
		out.println();
		out.println("Spring settings can be given as --name=value, e.g. --spring.datasource.url=jdbc:postgresql://...");
	}

}
