package org.rapport.interaction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.rapport.platform.cli.CliCommand;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code import FILE [--format csv|jsonl|cdnow] [--source NAME]
 * [--unknown-identity create-prospect|reject] [--errors errors.csv]}: imports a file of
 * interaction history, printing progress, and writes the rejected lines (line, reason,
 * raw) to the errors file. Exit status: 0 when every row was stored (or found stored), 3
 * when some rows were rejected, 1 when the import failed (an unreadable file too), 2 on a
 * usage error (each found before any row is read).
 */
@Component
class ImportCommand implements CliCommand {

	static final int REJECTED_ROWS = 3;

	private final InteractionImports imports;

	private final int chunkSize;

	private PrintStream out = System.out;

	private PrintStream err = System.err;

	/**
	 * @param chunkSize interactions per transaction ({@code rapport.imports.chunk-size};
	 * 0: {@link ImportOptions#DEFAULT_CHUNK})
	 */
	ImportCommand(InteractionImports imports, @Value("${rapport.imports.chunk-size:0}") int chunkSize) {
		this.imports = imports;
		this.chunkSize = chunkSize;
	}

	@Override
	public String name() {
		return "import";
	}

	void output(PrintStream out) {
		this.out = out;
	}

	void output(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public int run(String[] args) {
		Path file = null;
		Path errors = null;
		ImportFormat format = null;
		String source = null;
		ImportOptions.UnknownIdentities unknown = null;
		try {
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (!arg.startsWith("--")) {
					file = Path.of(arg);
					continue;
				}
				if (arg.contains("=")) {
					continue;
				}
				String value = i + 1 < args.length ? args[++i] : "";
				switch (arg) {
					case "--format" -> format = choice(ImportFormat.class, "--format", value, "csv, jsonl or cdnow");
					case "--source" -> source = source(value);
					case "--errors" -> errors = Path.of(value);
					case "--unknown-identity" -> unknown = choice(ImportOptions.UnknownIdentities.class,
							"--unknown-identity", value, "create-prospect or reject");
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return usage(ex.getMessage());
		}
		if (file == null) {
			return usage("give the file to import");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			this.out.println("Failed: cannot read " + file);
			return 1;
		}
		if (format == null) {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			format = name.endsWith(".jsonl") || name.endsWith(".ndjson") ? ImportFormat.JSONL
					: name.startsWith("cdnow") ? ImportFormat.CDNOW : ImportFormat.CSV;
		}
		ImportOptions options = new ImportOptions(format, source, unknown, this.chunkSize);
		return run(file, errors, options);
	}

	private int run(Path file, Path errors, ImportOptions options) {
		long started = System.nanoTime();
		try (BufferedWriter report = errors == null ? null : Files.newBufferedWriter(errors, StandardCharsets.UTF_8)) {
			if (report != null) {
				report.write(ImportReportCsv.HEADER);
			}
			ImportJobView job = this.imports.importFile(file, file.getFileName().toString(), options,
					new ImportListener() {
						@Override
						public void progress(ImportJobView view) {
							ImportCommand.this.out.printf(
									"%3d%%  %,d rows read, %,d stored, %,d rejected  %,.0f rows/s%n", view.percent(),
									view.rowsRead(), view.stored(), view.rejected(), rate(view.rowsRead(), started));
						}

						@Override
						public void rejected(ImportRejection rejection) {
							if (report != null) {
								try {
									report.write(ImportReportCsv.row(rejection));
								}
								catch (IOException ex) {
									throw new UncheckedIOException(ex);
								}
							}
						}
					});
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			this.out.printf(
					"Import %s %s: %,d rows read, %,d interactions stored, %,d already stored, %,d rows "
							+ "rejected in %.1f s (%,.0f rows/s)%n",
					job.id(), job.status(), job.rowsRead(), job.stored(), job.skipped(), job.rejected(),
					took.toMillis() / 1000.0, rate(job.rowsRead(), started));
			if (job.resumes() > 0) {
				this.out.println("This run resumed an earlier run of the same file that had stopped before the end.");
			}
			if (job.status() == ImportJobView.Status.FAILED) {
				this.out.println("Failed: " + job.error());
				return 1;
			}
			if (job.rejected() > 0 && errors != null) {
				this.out.println("Rejected rows are listed in " + errors);
			}
			return job.rejected() > 0 ? REJECTED_ROWS : 0;
		}
		catch (IOException ex) {
			this.out.println("Cannot write the error report: " + ex.getMessage());
			return 1;
		}
	}

	/** A value of {@code --format} or {@code --unknown-identity}, else a usage error. */
	private static <E extends Enum<E>> E choice(Class<E> type, String option, String value, String allowed) {
		String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name) && !constant.name().equals("CONFIGURED")) {
				return constant;
			}
		}
		throw new IllegalArgumentException(
				option + " must be " + allowed + (value.isEmpty() ? "" : ", not '" + value + "'"));
	}

	/**
	 * The value of {@code --source} if it is a source system name, else a usage error.
	 */
	private static String source(String value) {
		String name = value.strip().toLowerCase(Locale.ROOT);
		if (!ImportOptions.isSourceSystem(name)) {
			throw new IllegalArgumentException("--source '" + value + "' is not a source system name: use lower "
					+ "case letters, digits, '.', '_' or '-', at most 64");
		}
		return name;
	}

	private static double rate(long rows, long startedNanos) {
		double seconds = (System.nanoTime() - startedNanos) / 1e9;
		return seconds <= 0 ? 0 : rows / seconds;
	}

	private int usage(String problem) {
		this.err.println(problem);
		this.err.println("Usage: import FILE [--format csv|jsonl|cdnow] [--source NAME] "
				+ "[--unknown-identity create-prospect|reject] [--errors errors.csv]");
		return 2;
	}

}
