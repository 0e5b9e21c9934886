package org.rapport.interaction;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rapport.platform.Actor;
import org.rapport.platform.cli.CliCommand;
import org.rapport.platform.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@code export interactions --out FILE [--format jsonl|csv] [--from DATE] [--to DATE]
 * [--kind K[,K]] [--source NAME] [--customer ID]}: writes the interaction history to a
 * file, printing progress to standard error (ADR 0084). The file is written under a
 * temporary name and renamed when complete, so a file of that name is never a truncated
 * export. Exit status: 0 written, 1 failed, 2 usage error.
 */
@Component
class ExportCommand implements CliCommand {

	static final String USAGE = "Usage: export interactions --out FILE [--format jsonl|csv] [--from DATE] "
			+ "[--to DATE] [--kind purchase,return,...] [--source NAME] [--customer ID] [--after start|ID]";

	private final InteractionExport export;

	private PrintStream err = System.err;

	ExportCommand(InteractionExport export) {
		this.export = export;
	}

	@Override
	public String name() {
		return "export";
	}

	void output(PrintStream err) {
		this.err = err;
	}

	@Override
	public int run(String[] args) {
		String what = null;
		Path out = null;
		String format = null;
		String from = null;
		String to = null;
		String source = null;
		String customer = null;
		String after = null;
		List<String> kinds = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				if (what != null) {
					return usage("unexpected argument " + arg);
				}
				what = arg;
				continue;
			}
			if (arg.contains("=")) {
				continue;
			}
			if (i + 1 >= args.length) {
				return usage("give a value after " + arg);
			}
			String value = args[++i];
			switch (arg) {
				case "--out" -> out = Path.of(value);
				case "--format" -> format = value;
				case "--from" -> from = value;
				case "--to" -> to = value;
				case "--kind" -> kinds.add(value);
				case "--source" -> source = value;
				case "--customer" -> customer = value;
				case "--after" -> after = value;
				default -> {
					return usage("unknown option " + arg);
				}
			}
		}
		if (!"interactions".equals(what)) {
			return usage("say what to export: interactions");
		}
		if (out == null) {
			// not standard output: the application's log is written there
			return usage("give the file to write: --out FILE");
		}
		if (format == null) {
			format = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "jsonl";
		}
		InteractionExport.Request request;
		try {
			request = InteractionExport.request(from, to, kinds, source, customer, format, after);
		}
		catch (ApiException ex) {
			ex.fieldProblems().forEach((p) -> this.err.println(p.field() + ": " + p.message()));
			return usage(null);
		}
		return run(request, out);
	}

	private int run(InteractionExport.Request request, Path out) {
		long started = System.nanoTime();
		InteractionExport.Progress progress = (n) -> this.err.printf("%,d interactions exported  %,.0f/s%n", n,
				n / Math.max(1e-9, (System.nanoTime() - started) / 1e9));
		this.export.audit(
				new Actor("cli:" + System.getProperty("user.name", "?"),
						"Command line (" + System.getProperty("user.name", "?") + ")", Actor.Kind.SYSTEM),
				request.filter(), request.format());
		Path partial = null;
		try {
			long written;
			Path dir = out.toAbsolutePath().getParent();
			partial = Files.createTempFile(dir, "." + out.getFileName() + ".", ".partial");
			try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
				written = this.export.export(request.filter(), request.format(), file, progress);
			}
			Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			partial = null;
			this.err.printf("Exported %,d interactions to %s in %.1f s%n", written, out,
					(System.nanoTime() - started) / 1e9);
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			this.err.println("Export failed: " + ex.getMessage());
			return 1;
		}
		finally {
			if (partial != null) {
				try {
					Files.deleteIfExists(partial);
				}
				catch (IOException ex) {
					this.err.println("Cannot remove " + partial + ": " + ex.getMessage());
				}
			}
		}
	}

	private int usage(String problem) {
		if (problem != null) {
			this.err.println(problem);
		}
		this.err.println(USAGE);
		return 2;
	}

}
