package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.rapport.customer.IdentityType;
import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.Text;

/**
 * Reads the CSV import layout (docs/import.md): a header row naming the columns, then one
 * row per purchase line. Adjacent rows with the same idempotency key, or else the same
 * order reference, are the lines of one interaction. A row with a problem rejects its
 * whole interaction; the other rows of it are reported as rejected along with it.
 */
final class CsvInteractionReader implements InteractionReader {

	/** The longest value a field may hold. */
	static final int MAX_FIELD = 256;

	enum Column {

		CUSTOMER_ID, IDENTITY_TYPE, IDENTITY_VALUE, IDENTITY_SOURCE, KIND, CHANNEL, OCCURRED_AT, ORDER_REFERENCE, SKU,
		QUANTITY, UNIT_PRICE, DISCOUNT, TOTAL, CURRENCY, STORE, EXTERNAL_ID, IDEMPOTENCY_KEY;

		String header() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final Column[] COLUMNS = Column.values();

	private static final String[] NONE = new String[COLUMNS.length];

	/** A parsed data row: values by column ordinal, or the problem that rejects it. */
	private record Row(long line, String raw, String[] values, Text problem) {

		String get(Column column) {
			String value = this.values[column.ordinal()];
			return (value == null || value.isEmpty()) ? null : value;
		}

		String groupKey() {
			String key = get(Column.IDEMPOTENCY_KEY);
			if (key != null) {
				return "k:" + key;
			}
			String reference = get(Column.ORDER_REFERENCE);
			if (reference == null) {
				return null;
			}
			if (!isReturn()) {
				return "o:" + kindName() + ":" + reference;
			}
			// the lines of one return: same order, same time; a row without a line is a
			// whole return of its own
			return get(Column.SKU) == null ? null : "r:" + reference + ":" + get(Column.OCCURRED_AT);
		}

		String kindName() {
			String kind = get(Column.KIND);
			return kind == null ? "purchase" : kind.strip().toLowerCase(Locale.ROOT);
		}

		boolean isReturn() {
			return "return".equals(kindName());
		}

	}

	private final ImportLines lines;

	private final String sourceSystem;

	private Column[] header;

	private Row pending;

	private long rows;

	/** How often each derived return key was given so far in this file. */
	private final Map<String, Integer> returnKeys = new HashMap<>();

	CsvInteractionReader(InputStream in, String sourceSystem) {
		this.lines = new ImportLines(in, 1 << 20);
		this.sourceSystem = sourceSystem;
	}

	@Override
	public Group next() throws IOException {
		if (this.header == null) {
			readHeader();
		}
		Row first = this.pending != null ? this.pending : readRow();
		this.pending = null;
		if (first == null) {
			return null;
		}
		List<Row> group = new ArrayList<>();
		group.add(first);
		String key = first.problem() == null ? first.groupKey() : null;
		while (key != null) {
			Row row = readRow();
			if (row == null) {
				break;
			}
			if (row.problem() != null || !key.equals(row.groupKey())) {
				this.pending = row;
				break;
			}
			group.add(row);
		}
		return build(group);
	}

	private void readHeader() throws IOException {
		ImportLines.Line line = this.lines.next();
		if (line == null || !line.ok()) {
			throw new ImportFileException(line == null ? "the file is empty" : "header: " + line.problem().english());
		}
		List<String> names = CsvFields.split(line.text());
		if (names == null) {
			throw new ImportFileException("header: unterminated quote");
		}
		this.header = new Column[names.size()];
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).strip().toLowerCase(Locale.ROOT);
			for (Column c : Column.values()) {
				if (c.header().equals(name)) {
					this.header[i] = c;
				}
			}
			if (this.header[i] == null) {
				throw new ImportFileException("header: unknown column '" + names.get(i) + "'");
			}
		}
		List<Column> given = List.of(this.header);
		if (!given.contains(Column.OCCURRED_AT)) {
			throw new ImportFileException("header: the column occurred_at is required");
		}
		if (!given.contains(Column.CUSTOMER_ID) && !given.contains(Column.IDENTITY_VALUE)) {
			throw new ImportFileException("header: give customer_id or identity_type and identity_value");
		}
	}

	private Row readRow() throws IOException {
		ImportLines.Line line = this.lines.next();
		while (line != null && line.ok() && line.text().isBlank()) {
			line = this.lines.next();
		}
		if (line == null) {
			return null;
		}
		this.rows++;
		if (!line.ok()) {
			return new Row(line.number(), line.raw(), NONE, line.problem());
		}
		String record = line.text();
		List<String> fields = CsvFields.split(record);
		while (fields == null) {
			ImportLines.Line more = this.lines.next();
			if (more == null || !more.ok()) {
				return new Row(line.number(), record, NONE,
						Text.of("interaction.import.unterminated-quote", "unterminated quoted field"));
			}
			record = record + "\n" + more.text();
			fields = CsvFields.split(record);
		}
		if (fields.size() != this.header.length) {
			return new Row(line.number(), record, NONE,
					Text.of("interaction.import.columns", "expected {0} columns, found {1}",
							String.valueOf(this.header.length), String.valueOf(fields.size())));
		}
		String[] values = new String[COLUMNS.length];
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).length() > MAX_FIELD) {
				return new Row(line.number(), record, NONE,
						Text.of("interaction.import.field-too-long",
								"over-long field {0} ''{3}'' ({1} characters, at most {2})", this.header[i].header(),
								String.valueOf(fields.get(i).length()), String.valueOf(MAX_FIELD),
								ShownValue.of(fields.get(i))));
			}
			values[this.header[i].ordinal()] = fields.get(i);
		}
		return new Row(line.number(), record, values, null);
	}

	private Group build(List<Row> group) {
		List<ImportRejection> rejections = new ArrayList<>();
		NewInteraction interaction = null;
		Row first = group.get(0);
		try {
			if (first.problem() != null) {
				throw new CsvFields.BadValue(first.problem());
			}
			interaction = interaction(group);
		}
		catch (CsvFields.BadValue ex) {
			long bad = ex.line == 0 ? first.line() : ex.line;
			for (Row row : group) {
				rejections.add(ImportRejection.of(row.line(),
						(row.line() == bad) ? ex.text : ImportProblems.withLine(bad), row.raw()));
			}
			return Group.rejected(rejections);
		}
		long[] numbers = new long[group.size()];
		String[] raws = new String[group.size()];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = group.get(i).line();
			raws[i] = group.get(i).raw();
		}
		return new Group(interaction, numbers, raws, List.of());
	}

	/** The interaction of a group of good rows. */
	private NewInteraction interaction(List<Row> group) {
		Row first = group.get(0);
		List<NewLine> lines = new ArrayList<>();
		BigDecimal total = null;
		BigDecimal sum = BigDecimal.ZERO;
		for (Row row : group) {
			try {
				BigDecimal rowTotal = CsvFields.number("total", row.get(Column.TOTAL));
				total = total != null ? total : rowTotal;
				if (row.get(Column.SKU) != null) {
					NewLine line = new NewLine(row.get(Column.SKU), required(row, Column.QUANTITY),
							required(row, Column.UNIT_PRICE), CsvFields.number("discount", row.get(Column.DISCOUNT)),
							null, null);
					lines.add(line);
					sum = sum.add(InteractionRules.expectedAmount(line));
				}
			}
			catch (CsvFields.BadValue ex) {
				throw new CsvFields.BadValue(row.line(), ex.text);
			}
		}
		if (total == null && !lines.isEmpty()) {
			total = sum;
		}
		Instant occurredAt = CsvFields.instant("occurred_at", requiredText(first, Column.OCCURRED_AT));
		InteractionKind kind = first.get(Column.KIND) == null ? InteractionKind.PURCHASE
				: CsvFields.enumValue(InteractionKind.class, "kind", first.get(Column.KIND));
		String key = first.get(Column.IDEMPOTENCY_KEY);
		if (key == null && first.get(Column.ORDER_REFERENCE) != null) {
			key = first.isReturn() ? returnKey(group) : "order:" + first.get(Column.ORDER_REFERENCE);
		}
		if (key == null && first.get(Column.EXTERNAL_ID) == null) {
			key = InteractionReader.derivedKey("row", first.line(), first.raw());
		}
		String currency = first.get(Column.CURRENCY);
		if (currency == null && total != null) {
			throw new CsvFields.BadValue(Text.of("interaction.import.currency-missing",
					"currency is missing for the total {0}", total.toPlainString()));
		}
		return new NewInteraction(customerId(first), identity(first), kind,
				Objects.requireNonNullElse(first.get(Column.CHANNEL), "store"), occurredAt, this.sourceSystem,
				first.get(Column.EXTERNAL_ID), key, null, null, null, first.get(Column.ORDER_REFERENCE), total,
				currency, first.get(Column.STORE), null, null, null, Map.of(), lines);
	}

	/**
	 * The key of a return the file gives no key for: {@code return:<order reference>:}
	 * and the first 16 hex digits of the SHA-256 of its rows' values (customer, time,
	 * amount, lines...) in column order, whatever the file's column order; the n-th
	 * return of the same order with the same values in the file gets {@code :n} appended
	 * (n from 2). So several returns of one order are each stored, and a re-run, or the
	 * file with rows appended, gives each the same key again.
	 */
	private String returnKey(List<Row> group) {
		StringBuilder content = new StringBuilder();
		for (Row row : group) {
			for (Column column : COLUMNS) {
				String value = row.get(column);
				content.append(value == null ? "" : value.strip()).append('\u001f');
			}
			content.append('\n');
		}
		String base = "return:" + group.get(0).get(Column.ORDER_REFERENCE) + ":"
				+ InteractionReader.hash16(content.toString());
		int n = this.returnKeys.merge(base, 1, Integer::sum);
		return n == 1 ? base : base + ":" + n;
	}

	private static UUID customerId(Row row) {
		String id = row.get(Column.CUSTOMER_ID);
		if (id == null) {
			if (row.get(Column.IDENTITY_VALUE) == null) {
				throw new CsvFields.BadValue(Text.of("interaction.import.customer-missing",
						"customer is missing (give customer_id or identity_value)"));
			}
			return null;
		}
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new CsvFields.BadValue(
					Text.of("interaction.import.customer-id", "malformed customer_id ''{0}''", ShownValue.of(id)));
		}
	}

	private static CustomerIdentityRef identity(Row row) {
		if (row.get(Column.CUSTOMER_ID) != null || row.get(Column.IDENTITY_VALUE) == null) {
			return null;
		}
		String source = row.get(Column.IDENTITY_SOURCE);
		IdentityType type = row.get(Column.IDENTITY_TYPE) != null
				? CsvFields.enumValue(IdentityType.class, "identity_type", row.get(Column.IDENTITY_TYPE))
				: (source != null ? IdentityType.EXTERNAL : null);
		if (type == null) {
			throw new CsvFields.BadValue(Text.of("interaction.import.identity-type-missing",
					"identity_type is missing (EMAIL, PHONE, CARD or EXTERNAL)"));
		}
		return new CustomerIdentityRef(type, row.get(Column.IDENTITY_VALUE), source);
	}

	private static BigDecimal required(Row row, Column column) {
		BigDecimal value = CsvFields.number(column.header(), row.get(column));
		if (value == null) {
			throw new CsvFields.BadValue(Text.of("interaction.import.missing-for-sku", "{0} is missing for sku {1}",
					column.header(), ShownValue.of(row.get(Column.SKU))));
		}
		return value;
	}

	private static String requiredText(Row row, Column column) {
		String value = row.get(column);
		if (value == null) {
			throw new CsvFields.BadValue(Text.of("interaction.import.missing", "{0} is missing", column.header()));
		}
		return value;
	}

	@Override
	public long bytesRead() {
		return this.lines.bytesRead();
	}

	@Override
	public long rowsRead() {
		return this.rows;
	}

	@Override
	public void close() {
		// the caller closes the stream it opened
	}

}
