package org.rapport.platform.cli;

/**
 * A job that runs from the command line and exits, e.g. {@code generate} or
 * {@code bench}. Modules contribute implementations as beans; {@link CommandLine} picks
 * one by {@link #name()}.
 */
public interface CliCommand {

	String name();

	/**
	 * Runs the job with the arguments after the command name; returns the process exit
	 * status.
	 */
	int run(String[] args);

}
