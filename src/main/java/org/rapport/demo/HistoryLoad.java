package org.rapport.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.BulkWriteReport;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;

/**
 * Generates the purchase histories of the generated customers and writes them through the
 * interaction module's bulk writer: first the demo catalogue, then the customers of the
 * same generator settings again (same seed, same customers) with their histories. Several
 * writers (each on a connection of its own, so the database uses more than one core) take
 * the next block of customers from one shared generator, so the customers are generated
 * once, not once per writer; customers never share a block, so the writers never touch
 * the same figures. Every interaction has the key {@code gen:<seed>:<customer>:<n>} in
 * source {@code generator}, so running it again adds nothing.
 */
final class HistoryLoad {

	/** Writers used unless told otherwise. */
	static final int WRITERS = 2;

	private HistoryLoad() {
	}

	static BulkWriteReport load(CustomerBulkLoad customers, Interactions interactions, InteractionBulkWriter writer,
			GeneratorSettings customerSettings, HistorySettings settings, PrintStream out) {
		return load(customers, interactions, writer, customerSettings, settings, WRITERS, 0, out);
	}

	/** What a load did: customers with a history, purchases generated, the writes. */
	record Loaded(long customers, long purchases, BulkWriteReport report) {
	}

	/**
	 * @param writers writers in parallel
	 * @param chunkSize interactions per transaction (0: the writer's default)
	 * @param out where progress is printed at most every two seconds; null for none
	 */
	static BulkWriteReport load(CustomerBulkLoad customers, Interactions interactions, InteractionBulkWriter writer,
			GeneratorSettings customerSettings, HistorySettings settings, int writers, int chunkSize, PrintStream out) {
		return loadCounted(customers, interactions, writer, customerSettings, settings, writers, chunkSize, out)
			.report();
	}

	static Loaded loadCounted(CustomerBulkLoad customers, Interactions interactions, InteractionBulkWriter writer,
			GeneratorSettings customerSettings, HistorySettings settings, int writers, int chunkSize, PrintStream out) {
		DemoCatalogue.items().forEach((item) -> interactions.saveProduct(item.product()));
		AtomicLong customerCount = new AtomicLong();
		AtomicLong purchaseCount = new AtomicLong();
		AtomicLong written = new AtomicLong();
		long started = System.nanoTime();
		long[] lastPrint = { started };
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<BulkWriteReport>> parts = new ArrayList<>();
			CustomerHistories.Blocks blocks = new CustomerHistories.Blocks(new CustomerGenerator(customerSettings));
			for (int part = 0; part < writers; part++) {
				CustomerHistories histories = new CustomerHistories(blocks,
						(keys) -> customers.customerIds(GenerateCommand.SOURCE, keys), new PurchaseHistory(settings),
						customerCount, purchaseCount);
				long[] mine = { 0 };
				parts.add(pool.submit(() -> writer.write(histories, chunkSize, (progress) -> {
					long total = written.addAndGet(progress.written() - mine[0]);
					mine[0] = progress.written();
					print(out, lastPrint, started, customerCount, purchaseCount, total);
				})));
			}
			long read = 0;
			long lines = 0;
			long total = 0;
			for (Future<BulkWriteReport> part : parts) {
				BulkWriteReport report = part.get();
				read += report.read();
				lines += report.lines();
				total += report.written();
			}
			BulkWriteReport report = new BulkWriteReport(read, total, read - total, lines,
					Duration.ofNanos(System.nanoTime() - started));
			if (out != null) {
				out.printf(Locale.ROOT,
						"Histories of %,d customers: %,d purchases, %,d interactions written, %,d lines, "
								+ "%,d there already, in %.1f s (%.0f interactions/s)%n",
						customerCount.get(), purchaseCount.get(), report.written(), report.lines(), report.skipped(),
						report.duration().toMillis() / 1000.0, report.interactionsPerSecond());
			}
			return new Loaded(customerCount.get(), purchaseCount.get(), report);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing histories", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Writing histories failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Generates the histories in this thread without writing them (customers get made-up
	 * ids): what generation alone costs.
	 * @return customers, purchases and interactions generated
	 */
	static long[] generateOnly(GeneratorSettings customerSettings, HistorySettings settings) {
		PurchaseHistory generator = new PurchaseHistory(settings);
		long[] counts = new long[3];
		for (CustomerGenerator customers = new CustomerGenerator(customerSettings); customers.hasNext();) {
			org.rapport.customer.BulkCustomer c = customers.next();
			counts[0]++;
			for (org.rapport.interaction.BulkInteraction i : generator.history(new PurchaseHistory.Customer(
					new java.util.UUID(0x0190000000007000L, counts[0]), c.externalKey(), c.region()))) {
				counts[2]++;
				if (i.kind() == org.rapport.interaction.InteractionKind.PURCHASE) {
					counts[1]++;
				}
			}
		}
		return counts;
	}

	private static synchronized void print(PrintStream out, long[] lastPrint, long started, AtomicLong customers,
			AtomicLong purchases, long written) {
		long now = System.nanoTime();
		if (out != null && now - lastPrint[0] > 2_000_000_000L) {
			lastPrint[0] = now;
			out.printf(Locale.ROOT, "  %,d customers, %,d purchases, %,d interactions written (%.0f/s)%n",
					customers.get(), purchases.get(), written, written / ((now - started) / 1e9));
		}
	}

}
