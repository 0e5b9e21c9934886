package org.rapport.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.rapport.interaction.ImportFormat;
import org.rapport.interaction.ImportJobView;
import org.rapport.interaction.ImportListener;
import org.rapport.interaction.ImportOptions;
import org.rapport.interaction.InteractionImports;

/**
 * The CSV import against its yardstick: a CSV file of purchases in the import layout
 * (docs/import.md, one row per purchase line, one to three lines per purchase, for the
 * sampled customers) is written once, then copied as it is with
 * {@code COPY ... (FORMAT csv, HEADER)} into a plain table without keys or indexes, and
 * imported through {@link InteractionImports} — the path of {@code rapport import}:
 * parse, check every row with the API's rules, binary COPY into the real tables, figures,
 * events.
 */
final class ImportVersusCopy {

	static final String HEADER = "customer_id,kind,channel,occurred_at,order_reference,sku,quantity,unit_price,"
			+ "currency,store";

	private static final String BARE = """
			CREATE TABLE bench_bare_import (customer_id uuid, kind text, channel text, occurred_at timestamptz,
			  order_reference text, sku text, quantity numeric, unit_price numeric, currency text, store text)
			""";

	/**
	 * One load of the file: purchases, CSV rows, seconds, and the CPU it took in the
	 * database server (the postmaster and its backends) and in this JVM, in nanoseconds.
	 */
	record Load(String what, long purchases, long rows, double seconds, long databaseCpu, long jvmCpu) {

		Load(String what, long purchases, long rows, double seconds) {
			this(what, purchases, rows, seconds, 0, 0);
		}

		Load withCpu(long databaseCpu, long jvmCpu) {
			return new Load(this.what, this.purchases, this.rows, this.seconds, databaseCpu, jvmCpu);
		}

		double purchasesPerSecond() {
			return this.purchases / this.seconds;
		}

	}

	/** The file written: its path, purchases and rows. */
	record File(Path path, long purchases, long rows) {
	}

	private ImportVersusCopy() {
	}

	/**
	 * Writes {@code purchases} purchases of the given customers, the n-th with order
	 * reference {@code <run>-<n>}, in the three years before {@code asOf}.
	 */
	static File write(Path path, long purchases, List<UUID> customers, String run, Instant asOf, long seed)
			throws IOException {
		Files.createDirectories(path.toAbsolutePath().getParent());
		List<DemoCatalogue.Item> items = DemoCatalogue.items();
		SplittableRandom random = new SplittableRandom(seed);
		long start = asOf.minus(3 * 365, ChronoUnit.DAYS).getEpochSecond();
		long span = asOf.getEpochSecond() - start - 3600;
		long rows = 0;
		try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.write('\n');
			for (long n = 1; n <= purchases; n++) {
				UUID customer = customers.get(random.nextInt(customers.size()));
				String at = Instant.ofEpochSecond(start + (long) (random.nextDouble() * span)).toString();
				boolean web = random.nextDouble() < 0.3;
				int lines = 1 + random.nextInt(3);
				int first = random.nextInt(items.size());
				for (int l = 0; l < lines; l++) {
					DemoCatalogue.Item item = items.get((first + l * 7) % items.size());
					BigDecimal price = item.price();
					out.write(customer + ",PURCHASE," + (web ? "web" : "store") + "," + at + "," + run + "-" + n + ","
							+ item.sku() + "," + (1 + random.nextInt(3)) + "," + price.toPlainString() + ",EUR,"
							+ (web ? "" : "Bench store") + "\n");
					rows++;
				}
			}
		}
		return new File(path, purchases, rows);
	}

	/** COPY of the file into a bare table, dropped afterwards. */
	static Load rawCopy(DataSource dataSource, File file) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS bench_bare_import");
			statement.execute(BARE);
			long started = System.nanoTime();
			long copied;
			try (InputStream in = Files.newInputStream(file.path())) {
				copied = connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY bench_bare_import FROM STDIN (FORMAT csv, HEADER true)", in, 1 << 16);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			statement.execute("DROP TABLE bench_bare_import");
			return new Load("raw `COPY` into a bare table", file.purchases(), copied, seconds);
		}
	}

	/** The file through the import front door, in this thread. */
	static Load importFile(InteractionImports imports, File file) {
		long started = System.nanoTime();
		ImportJobView job = imports.importFile(file.path(), file.path().getFileName().toString(),
				ImportOptions.of(ImportFormat.CSV, InteractionHttp.SOURCE), ImportListener.NONE);
		double seconds = (System.nanoTime() - started) / 1e9;
		if (job.status() != ImportJobView.Status.DONE || job.rejected() > 0) {
			throw new IllegalStateException("The benchmark import did not store every row: " + job.status() + ", "
					+ job.rejected() + " rejected" + (job.error() == null ? "" : ", " + job.error()));
		}
		return new Load("`rapport import` (checks, keys and indexes, figures)", job.stored(), job.rowsRead(), seconds);
	}

}
