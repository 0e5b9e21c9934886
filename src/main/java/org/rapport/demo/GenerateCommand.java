package org.rapport.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.rapport.access.StaffDirectory;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;
import org.rapport.platform.cli.CliCommand;

import org.springframework.stereotype.Component;

/**
 * {@code generate --customers N [--seed S] [--no-purchases] [--as-of YYYY-MM-DD]}: loads
 * N synthetic customers through the bulk load and then their purchase histories (see
 * {@link HistorySettings} for the options that tune them), printing progress. Running it
 * again with the same seed and as-of date adds nothing; the first rows are the documented
 * demo customers.
 */
@Component
class GenerateCommand implements CliCommand {

	static final String SOURCE = "demo";

	private final CustomerBulkLoad bulk;

	private final StaffDirectory staff;

	private final Interactions interactions;

	private final InteractionBulkWriter writer;

	private final Clock clock;

	private final PrintStream out;

	GenerateCommand(CustomerBulkLoad bulk, StaffDirectory staff, Interactions interactions,
			InteractionBulkWriter writer, Clock clock) {
		this.bulk = bulk;
		this.staff = staff;
		this.interactions = interactions;
		this.writer = writer;
		this.clock = clock;
		this.out = System.out;
	}

	@Override
	public String name() {
		return "generate";
	}

	@Override
	public int run(String[] args) {
		long customers;
		long seed;
		HistorySettings history;
		int writers;
		try {
			writers = (int) Math.max(1, Arguments.longOption(args, "writers", HistoryLoad.WRITERS));
			customers = Arguments.longOption(args, "customers", -1);
			seed = Arguments.longOption(args, "seed", 42);
			history = HistorySettings.of(seed, LocalDate.now(this.clock)).with(args);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			this.out.println(ex.getMessage());
			return 2;
		}
		if (customers < 0) {
			this.out.println("Usage: generate --customers N [--seed S] [--no-purchases] [--as-of YYYY-MM-DD]");
			return 2;
		}
		GeneratorSettings settings = GeneratorSettings.of(seed, customers)
			.withStaff(DemoStaff.sales(this.staff))
			.withShowcase();
		BulkLoadReport report = load(this.bulk, settings, this.out);
		if (!Arguments.flag(args, "no-purchases")) {
			this.out.printf(Locale.ROOT, "Generating purchase histories as of %s (seed %d)%n", history.asOf(), seed);
			HistoryLoad.load(this.bulk, this.interactions, this.writer, settings, history, writers, 0, this.out);
		}
		return report.rejected() == 0 ? 0 : 1;
	}

	/** Loads the generated customers, printing progress at most every two seconds. */
	static BulkLoadReport load(CustomerBulkLoad bulk, GeneratorSettings settings, PrintStream out) {
		long started = System.nanoTime();
		long[] lastPrint = { started };
		BulkLoadReport report = bulk.load(new CustomerGenerator(settings), CustomerBulkLoad.Options.of(SOURCE),
				(progress) -> {
					long now = System.nanoTime();
					if (now - lastPrint[0] > 2_000_000_000L || progress.read() == settings.customers()) {
						lastPrint[0] = now;
						out.printf(Locale.ROOT, "  %,d / %,d read, %,d loaded, %,d skipped, %,d rejected (%.0f/s)%n",
								progress.read(), settings.customers(), progress.loaded(), progress.skipped(),
								progress.rejected(), progress.loaded() / ((now - started) / 1e9));
					}
				});
		out.printf(Locale.ROOT, "Loaded %,d customers in %.1f s (%.0f/s); %,d were there already, %,d rejected%n",
				report.loaded(), report.duration().toMillis() / 1000.0, report.rowsPerSecond(), report.skipped(),
				report.rejected());
		report.rejections()
			.stream()
			.limit(20)
			.forEach((r) -> out.printf("  row %d (%s): %s%n", r.row(), r.externalKey(), r.reason()));
		return report;
	}

}
