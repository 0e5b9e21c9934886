package org.rapport.platform.cli;

/**
 * A command that runs without the application context (no Spring, no database), such as
 * {@code analytics clv}. Implementations are listed in
 * {@code META-INF/services/org.rapport.platform.cli.StandaloneCommand} and found with
 * {@link java.util.ServiceLoader}; {@link CommandLine} runs one when the first two
 * arguments equal its {@link #name()}.
 */
public interface StandaloneCommand {

	/** Two words, e.g. {@code "analytics clv"}. */
	String name();

	/** Runs with the arguments after the name; returns the process exit status. */
	int run(String[] args);

}
