package org.rapport.demo;

import java.io.PrintStream;
import java.util.Locale;

import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.BulkWriteReport;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;

/**
 * Generates the purchase histories of the generated customers and writes them through the
 * interaction module's bulk writer: first the demo catalogue, then the customers of the
 * same generator settings again (same seed, same customers) with their histories. Every
 * interaction has the key {@code gen:<seed>:<customer>:<n>} in source {@code generator},
 * so running it again adds nothing.
 */
final class HistoryLoad {

	private HistoryLoad() {
	}

	static BulkWriteReport load(CustomerBulkLoad customers, Interactions interactions, InteractionBulkWriter writer,
			GeneratorSettings customerSettings, HistorySettings settings, PrintStream out) {
		return load(customers, interactions, writer, customerSettings, settings, 0, out);
	}

	/**
	 * @param chunkSize interactions per transaction (0: the writer's default)
	 * @param out where progress is printed at most every two seconds; null for none
	 */
	static BulkWriteReport load(CustomerBulkLoad customers, Interactions interactions, InteractionBulkWriter writer,
			GeneratorSettings customerSettings, HistorySettings settings, int chunkSize, PrintStream out) {
		DemoCatalogue.items().forEach((item) -> interactions.saveProduct(item.product()));
		CustomerHistories histories = new CustomerHistories(new CustomerGenerator(customerSettings),
				(keys) -> customers.customerIds(GenerateCommand.SOURCE, keys), new PurchaseHistory(settings));
		long[] lastPrint = { System.nanoTime() };
		BulkWriteReport report = writer.write(histories, chunkSize, (progress) -> {
			long now = System.nanoTime();
			if (out != null && now - lastPrint[0] > 2_000_000_000L) {
				lastPrint[0] = now;
				out.printf(Locale.ROOT, "  %,d customers, %,d purchases, %,d interactions written (%.0f/s)%n",
						histories.customers(), histories.purchases(), progress.written(),
						progress.interactionsPerSecond());
			}
		});
		if (out != null) {
			out.printf(Locale.ROOT,
					"Histories of %,d customers: %,d purchases, %,d interactions written, %,d lines, "
							+ "%,d there already, in %.1f s (%.0f interactions/s)%n",
					histories.customers(), histories.purchases(), report.written(), report.lines(), report.skipped(),
					report.duration().toMillis() / 1000.0, report.interactionsPerSecond());
		}
		return report;
	}

}
