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

}
