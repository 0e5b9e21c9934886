package org.rapport.loyalty;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.rapport.customer.Customers;
import org.rapport.platform.web.CsvCell;

/**
 * The rows of a list exported as CSV, each with its customer's name: rows are taken one
 * at a time as the list streams and written {@value #NAMED_AT_ONCE} at a time, after one
 * look-up of their customers' names. {@link #finish()} writes the rest.
 */
final class NamedCsvRows<T> implements Consumer<T> {

	static final int NAMED_AT_ONCE = 500;

	private final Customers customers;

	private final PrintWriter writer;

	private final Function<T, UUID> customer;

	private final BiFunction<T, String, Object[]> cells;

	private final List<T> batch = new ArrayList<>();

	/**
	 * @param cells a row's cells, given the row and its customer's name (null when the
	 * customer has none)
	 */
	NamedCsvRows(Customers customers, PrintWriter writer, Function<T, UUID> customer,
			BiFunction<T, String, Object[]> cells) {
		this.customers = customers;
		this.writer = writer;
		this.customer = customer;
		this.cells = cells;
	}

	@Override
	public void accept(T row) {
		this.batch.add(row);
		if (this.batch.size() == NAMED_AT_ONCE) {
			write();
		}
	}

	void finish() {
		write();
		this.writer.flush();
	}

	private void write() {
		Map<UUID, String> named = this.customers
			.displayNames(this.batch.stream().map(this.customer).filter(Objects::nonNull).distinct().toList());
		for (T row : this.batch) {
			this.writer.write(CsvCell.line(this.cells.apply(row, named.get(this.customer.apply(row)))));
		}
		this.batch.clear();
	}

}
