package org.rapport.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The machine's commit rate as the yardstick for the single-interaction API:
 * {@code pgbench -N} (the TPC-B-like script without the contended branch and teller
 * updates) against the same PostgreSQL server, in a database of its own that is created
 * for the run and dropped after it, so Rapport's tables are never touched.
 */
final class PgBench {

	static final String DATABASE = "rapport_pgbench";

	private static final Path[] LOCATIONS = { Path.of("/usr/bin/pgbench"), Path.of("/usr/local/bin/pgbench"),
			Path.of("/usr/lib/postgresql/17/bin/pgbench"), Path.of("/usr/lib/postgresql/16/bin/pgbench"),
			Path.of("/usr/lib/postgresql/15/bin/pgbench") };

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	/** What pgbench measured, or why it did not run ({@code problem} set). */
	record Result(String version, int clients, int threads, int seconds, long transactions, double tps,
			double latencyMs, String problem, MachineCpu.Usage machine) {

		static Result skipped(String problem) {
			return new Result(null, 0, 0, 0, 0, 0, 0, problem, MachineCpu.Usage.NONE);
		}

		boolean ran() {
			return this.problem == null;
		}

	}

	private PgBench() {
	}

	/** The pgbench program, or null when there is none. */
	static Path find() {
		for (Path path : LOCATIONS) {
			if (Files.isExecutable(path)) {
				return path;
			}
		}
		return null;
	}

	static Result run(DataSource dataSource, int clients, int seconds) throws SQLException, InterruptedException {
		Path pgbench = find();
		if (pgbench == null) {
			return Result.skipped("pgbench was not found on this machine (looked in /usr/bin, /usr/local/bin and "
					+ "/usr/lib/postgresql/*/bin)");
		}
		URI server;
		String user;
		try (Connection connection = dataSource.getConnection()) {
			server = URI.create(connection.getMetaData().getURL().substring("jdbc:".length()));
			user = connection.getMetaData().getUserName();
		}
		List<String> target = List.of("-h", server.getHost(), "-p", String.valueOf(server.getPort()), "-U", user);
		execute(dataSource, "DROP DATABASE IF EXISTS " + DATABASE);
		execute(dataSource, "CREATE DATABASE " + DATABASE);
		try {
			Output init = pgbench(pgbench, target, List.of("-i", "-q", "-s", "1"));
			if (init.exit() != 0) {
				return Result.skipped("pgbench -i failed: " + init.lastLine());
			}
			int threads = Math.max(1, Math.min(2, clients));
			MachineCpu.Sampler machine = MachineCpu.start();
			Output run = pgbench(pgbench, target, List.of("-N", "-c", String.valueOf(clients), "-j",
					String.valueOf(threads), "-T", String.valueOf(seconds)));
			MachineCpu.Usage usage = machine.stop();
			if (run.exit() != 0) {
				return Result.skipped("pgbench failed: " + run.lastLine());
			}
			Matcher tps = TPS.matcher(run.text());
			Matcher latency = LATENCY.matcher(run.text());
			Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)")
				.matcher(run.text());
			if (!tps.find()) {
				return Result.skipped("pgbench printed no tps: " + run.lastLine());
			}
			Output version = pgbench(pgbench, List.of(), List.of("--version"));
			return new Result(version.lastLine(), clients, threads, seconds,
					processed.find() ? Long.parseLong(processed.group(1)) : 0, Double.parseDouble(tps.group(1)),
					latency.find() ? Double.parseDouble(latency.group(1)) : 0, null, usage);
		}
		finally {
			execute(dataSource, "DROP DATABASE IF EXISTS " + DATABASE);
		}
	}

	private record Output(int exit, String text) {

		String lastLine() {
			List<String> lines = this.text.strip().lines().toList();
			return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
		}

	}

	private static Output pgbench(Path pgbench, List<String> target, List<String> options) throws InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(pgbench.toString());
		command.addAll(target);
		command.addAll(options);
		if (!target.isEmpty()) {
			command.add(DATABASE);
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] out = process.getInputStream().readAllBytes();
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return new Output(-1, "pgbench did not finish");
			}
			return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Output(-1, ex.getMessage());
		}
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static String describe(Result r) {
		return String.format(Locale.ROOT, "%s, scale 1, `-N -c %d -j %d -T %d`", r.version(), r.clients(), r.threads(),
				r.seconds());
	}

}
