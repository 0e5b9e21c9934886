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

	/**
	 * Adds to each row what analytics predicts of its customer ({@link MemberOutlook}:
	 * predicted value, churn risk), looked up with the names, when the person exporting
	 * may read it; {@link #header} says whether the two columns are there.
	 */
	NamedCsvRows<T> withOutlook(MemberOutlooks outlooks) {
		this.outlooks = outlooks.shown() ? outlooks : null;
		return this;
	}

	/** The header line: the list's columns, then the outlook's when rows carry it. */
	String header(String columns) {
		return columns + ((this.outlooks == null) ? "" : ",predicted_value,churn_risk") + "\r\n";
	}

	private MemberOutlooks outlooks;

	private void write() {
		List<UUID> ids = this.batch.stream().map(this.customer).filter(Objects::nonNull).distinct().toList();
		Map<UUID, String> named = this.customers.displayNames(ids);
		Map<UUID, MemberOutlook.Outlook> outlook = (this.outlooks == null) ? Map.of() : this.outlooks.of(ids);
		for (T row : this.batch) {
			UUID customerId = this.customer.apply(row);
			Object[] cells = this.cells.apply(row, named.get(customerId));
			if (this.outlooks != null) {
				MemberOutlook.Outlook o = (customerId == null) ? null : outlook.get(customerId);
				cells = java.util.Arrays.copyOf(cells, cells.length + 2);
				cells[cells.length - 2] = (o == null) ? null : o.predictedValue();
				cells[cells.length - 1] = (o == null) ? null : o.risk();
			}
			this.writer.write(CsvCell.line(cells));
		}
		this.batch.clear();
	}

}
