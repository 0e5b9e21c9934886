package org.rapport.platform.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

	@Test
	void helpListsEveryCommandWithoutStartingTheApplication() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CommandLine.printHelp(new PrintStream(out, true, StandardCharsets.UTF_8));
		String help = out.toString(StandardCharsets.UTF_8);
		for (CommandLine.Known command : CommandLine.COMMANDS) {
			assertThat(help).contains(command.name()).contains(command.summary());
		}
	}

	@Test
	void helpFlagExitsWithSuccess() {
		assertThat(CommandLine.run(Object.class, new String[] { "--help" })).isZero();
	}

	@Test
	void unknownCommandExitsWithUsageError() {
		assertThat(CommandLine.run(Object.class, new String[] { "frobnicate" })).isEqualTo(2);
	}

	@Test
	void analyticsWithoutOrWithAnUnknownSubCommandAndImportWithoutAFileAreUsageErrorsBeforeStartUp() {
		// Object.class is no application: any start-up would fail instead of exiting with
		// 2
		assertThat(CommandLine.run(Object.class, new String[] { "analytics" })).isEqualTo(2);
		assertThat(CommandLine.run(Object.class, new String[] { "analytics", "frobnicate" })).isEqualTo(2);
		assertThat(CommandLine.run(Object.class, new String[] { "analytics", "--verbose" })).isEqualTo(2);
		assertThat(CommandLine.run(Object.class, new String[] { "import" })).isEqualTo(2);
		assertThat(CommandLine.run(Object.class, new String[] { "import", "--spring.main.banner-mode=off" }))
			.isEqualTo(2);
		assertThat(CommandLine.argumentProblem("analytics", new String[] { "frobnicate" }))
			.contains("Unknown analytics sub-command: frobnicate (use run, clv or clv-bench)");
		assertThat(CommandLine.argumentProblem("analytics", new String[] { "run" })).isEmpty();
		assertThat(CommandLine.argumentProblem("import", new String[] { "file.csv", "--format", "csv" })).isEmpty();
	}

}
