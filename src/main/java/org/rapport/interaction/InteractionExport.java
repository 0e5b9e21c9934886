package org.rapport.interaction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.StorableValues;
import org.rapport.platform.web.CsvCell;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The interaction history taken out of Rapport (ADR 0084), streamed from PostgreSQL with
 * bounded memory: one read-only, repeatable-read transaction (one consistent snapshot
 * however long the export runs) reads the interactions joined to their lines in the order
 * of their ids (the order they were recorded in, so a return comes after its purchase)
 * through a cursor, and writes each interaction as soon as its last line is read. JSON
 * lines are the body of {@code POST /api/v1/interactions}, so a file exported imports
 * back ({@code import FILE.jsonl}) and changes nothing: every stored interaction has a
 * key within its source (V6_15). CSV is one row per line for spreadsheets. Who exported
 * what is in the audit trail.
 */
@Component
class InteractionExport {

	/** A file format of the export. */
	enum Format {

		/** One interaction per line, as the API's body: imports back. */
		JSONL("application/x-ndjson", "jsonl"),

		/** One row per purchase line (one row for a contact), for spreadsheets. */
		CSV("text/csv", "csv");

		private final String mediaType;

		private final String extension;

		Format(String mediaType, String extension) {
			this.mediaType = mediaType;
			this.extension = extension;
		}

		String mediaType() {
			return this.mediaType;
		}

		String extension() {
			return this.extension;
		}

	}

	/**
	 * Which interactions: recorded as occurred in [from, to), of the kinds given (empty:
	 * all), from one source system, of one customer; null: no bound. {@code settled}: a
	 * pull that goes on where the last one ended (ADR 0084): only interactions whose id
	 * is after {@code after} (null: from the first), and only those whose id was drawn
	 * before every transaction still writing began, less {@link #SETTLE}, so that none
	 * committed later can have an id before the last one this pull gives.
	 */
	record Filter(Instant from, Instant to, Set<InteractionKind> kinds, String source, UUID customer, UUID after,
			boolean settled) {

		Filter {
			kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
			source = (source == null || source.isBlank()) ? null : source.strip();
		}

		static Filter all() {
			return new Filter(null, null, Set.of(), null, null, null, false);
		}

		/** What the audit trail keeps of the filter. */
		Map<String, Object> describe() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("from", this.from == null ? null : this.from.toString());
			map.put("to", this.to == null ? null : this.to.toString());
			map.put("kinds", this.kinds.stream().map(Enum::name).sorted().toList());
			map.put("source", this.source);
			map.put("customer", this.customer == null ? null : this.customer.toString());
			if (this.settled) {
				map.put("after", this.after == null ? "start" : this.after.toString());
			}
			return map;
		}

	}

	/**
	 * The filter and format of a request as written (a query string, a form, the command
	 * line), every problem named by its field.
	 * @throws ApiException a 400 problem listing each field at fault
	 */
	static Request request(String from, String to, List<String> kinds, String source, String customer, String format) {
		return request(from, to, kinds, source, customer, format, null);
	}

	/**
	 * As {@link #request(String, String, List, String, String, String)}, with
	 * {@code after}: {@code start} or the id of the last interaction of the previous pull
	 * for a pull that goes on where that one ended; null for a plain export.
	 */
	static Request request(String from, String to, List<String> kinds, String source, String customer, String format,
			String after) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID afterId = null;
		boolean settled = after != null && !after.isBlank();
		if (settled && !after.strip().equalsIgnoreCase("start")) {
			try {
				afterId = UUID.fromString(after.strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(FieldProblem.of("after",
						Text.of("interaction.export.after", "give start or the id of the last interaction received")));
			}
		}
		Instant start = date("from", from, problems);
		Instant end = date("to", to, problems);
		if (start != null && end != null && !start.isBefore(end)) {
			problems.add(FieldProblem.of("to", Text.of("interaction.period.to-after-from", "must be after from")));
		}
		Set<InteractionKind> chosen = EnumSet.noneOf(InteractionKind.class);
		for (String name : (kinds == null) ? List.<String>of() : kinds) {
			for (String part : name.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					chosen.add(InteractionKind.valueOf(part.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
				}
				catch (IllegalArgumentException ex) {
					problems.add(FieldProblem.of("kind",
							Text.of("interaction.export.kind", "''{0}'' is not one of {1}", part.strip(),
									Arrays.stream(InteractionKind.values()).map(Enum::name).toList().toString())));
				}
			}
		}
		UUID who = null;
		if (customer != null && !customer.isBlank()) {
			try {
				who = UUID.fromString(customer.strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(FieldProblem.of("customer", Text.of("interaction.export.customer", "is not a UUID")));
			}
		}
		if (source != null && source.strip().length() > 100) {
			problems
				.add(FieldProblem.of("source", Text.of("interaction.export.source", "is longer than 100 characters")));
		}
		Format chosenFormat = Format.JSONL;
		if (format != null && !format.isBlank()) {
			try {
				chosenFormat = Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(FieldProblem.of("format", Text.of("interaction.export.format", "must be jsonl or csv")));
			}
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		return new Request(new Filter(start, end, chosen, source, who, afterId, settled), chosenFormat);
	}

	/** A filter and the format to write it in. */
	record Request(Filter filter, Format format) {

		/** A file name for the download: {@code interactions-<from>-<to>.<ext>}. */
		String fileName() {
			String from = this.filter.from() == null ? "start" : DAY.format(this.filter.from());
			String to = this.filter.to() == null ? "now" : DAY.format(this.filter.to());
			return "interactions-" + from + "-" + to + "." + this.format.extension();
		}

	}

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.BASIC_ISO_DATE
		.withZone(ZoneOffset.UTC);

	private static Instant date(String field, String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant at = CsvFields.instant(field, value.strip());
			if (!StorableValues.storable(at)) {
				problems.add(FieldProblem.of(field, StorableValues.YEAR));
				return null;
			}
			return at;
		}
		catch (CsvFields.BadValue ex) {
			problems.add(FieldProblem.of(field,
					Text.of("interaction.export.date", "is not a date such as 2024-05-01 or 2024-05-01T10:15:30Z")));
			return null;
		}
	}

	/** Told every {@link #PROGRESS_EVERY} interactions and at the end. */
	interface Progress {

		void exported(long interactions);

	}

	static final int PROGRESS_EVERY = 50_000;

	/**
	 * How long before the oldest transaction still writing a settled pull stops: ids are
	 * drawn by the application's clock, some before the transaction that writes them
	 * begins (an import renders its next chunk while the one before is stored).
	 */
	static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(30);

	/** When the oldest other transaction began, or now. */
	private static final String OLDEST_WRITER = "SELECT LEAST(now(), COALESCE((SELECT min(xact_start) FROM pg_stat_activity "
			+ "WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'), now()))";

	/** The columns of the CSV export, one row per line. */
	static final List<String> CSV_COLUMNS = List.of("interaction_id", "customer_id", "kind", "channel", "occurred_at",
			"recorded_at", "source_system", "external_id", "idempotency_key", "outcome", "outcome_reason", "direction",
			"order_reference", "total", "currency", "store", "staff_id", "related_purchase_id", "reference_id",
			"line_no", "sku", "category", "quantity", "unit_price", "discount", "amount", "purchase_line_no");

	private static final int FETCH = 2_000;

	private static final String SELECT = """
			SELECT i.id, i.customer_id, i.kind, i.channel, i.occurred_at, i.recorded_at, i.source_system, i.external_id,
			  i.idempotency_key, i.outcome, i.outcome_reason, i.direction, i.order_reference, i.total, i.currency,
			  i.store, i.staff_id, i.related_purchase_id, i.reference_id, i.attributes::text,
			  l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.discount, l.amount, l.purchase_line_no
			FROM interaction i LEFT JOIN interaction_line l ON l.interaction_id = i.id
			""";

	private final JdbcTemplate cursor;

	private final TransactionTemplate snapshot;

	private final TransactionTemplate writes;

	private final AuditTrail audit;

	private final JsonMapper json;

	private final java.time.Duration settle;

	@org.springframework.beans.factory.annotation.Autowired
	InteractionExport(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit,
			JsonMapper json) {
		this(dataSource, transactions, audit, json, SETTLE);
	}

	InteractionExport(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit, JsonMapper json,
			java.time.Duration settle) {
		this.settle = settle;
		this.cursor = new JdbcTemplate(dataSource);
		this.cursor.setFetchSize(FETCH);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.writes = new TransactionTemplate(transactions);
		this.audit = audit;
		this.json = json;
	}

	/**
	 * Records in the audit trail that the actor exports these interactions. Called before
	 * the first byte is written, so an export that fails half way is in the trail too.
	 */
	void audit(Actor actor, Filter filter, Format format) {
		this.writes.executeWithoutResult((status) -> this.audit.record(actor,
				AuditTrail.Change.of("interaction.exported", "interactions", format.extension(),
						Text.of("interaction.audit.exported", "Exported interactions as {0}", format.extension()), null,
						filter.describe())));
	}

	/**
	 * Writes the interactions of the filter to {@code out} (left open) in the format.
	 * @return the number of interactions written
	 */
	long export(Filter filter, Format format, OutputStream out, Progress progress) {
		StringBuilder sql = new StringBuilder(SELECT).append(" WHERE TRUE");
		List<Object> params = new ArrayList<>();
		if (filter.from() != null) {
			sql.append(" AND i.occurred_at >= ?");
			params.add(utc(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" AND i.occurred_at < ?");
			params.add(utc(filter.to()));
		}
		if (!filter.kinds().isEmpty()) {
			sql.append(" AND i.kind = ANY(?)");
			params.add(filter.kinds().stream().map(Enum::name).sorted().toArray(String[]::new));
		}
		if (filter.source() != null) {
			sql.append(" AND i.source_system = ?");
			params.add(filter.source());
		}
		if (filter.customer() != null) {
			sql.append(" AND i.customer_id = ?");
			params.add(filter.customer());
		}
		if (filter.after() != null) {
			sql.append(" AND i.id > ?");
			params.add(filter.after());
		}
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		Sink sink = (format == Format.JSONL) ? new JsonLines(writer, this.json) : new CsvRows(writer);
		Long written = this.snapshot.execute((status) -> {
			if (filter.settled()) {
				OffsetDateTime oldest = this.cursor.queryForObject(OLDEST_WRITER, OffsetDateTime.class);
				sql.append(" AND i.id < ?");
				params.add(Ids.next(oldest.toInstant().minus(this.settle).toEpochMilli(), 0));
			}
			sql.append(" ORDER BY i.id, l.line_no");
			Reader reader = new Reader(sink, progress);
			this.cursor.query(sql.toString(), reader::row, params.toArray());
			reader.finish();
			return reader.count;
		});
		try {
			sink.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return written == null ? 0 : written;
	}

	/** One interaction read from its rows: the head and the lines so far. */
	private record Head(UUID id, UUID customerId, String kind, String channel, Instant occurredAt, Instant recordedAt,
			String sourceSystem, String externalId, String key, String outcome, String outcomeReason, String direction,
			String orderReference, BigDecimal total, String currency, String store, UUID staffId,
			UUID relatedPurchaseId, UUID referenceId, String attributes, List<Line> lines) {
	}

	private record Line(int lineNo, String sku, String category, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal discount, BigDecimal amount, Integer purchaseLineNo) {
	}

	/**
	 * Gathers consecutive rows of one interaction and hands it on when the next begins.
	 */
	private static final class Reader {

		private final Sink sink;

		private final Progress progress;

		private Head current;

		private long count;

		Reader(Sink sink, Progress progress) {
			this.sink = sink;
			this.progress = progress;
		}

		void row(ResultSet rs) throws SQLException {
			UUID id = rs.getObject(1, UUID.class);
			if (this.current == null || !this.current.id().equals(id)) {
				flush();
				this.current = new Head(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
						instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getBigDecimal(14),
						rs.getString(15), rs.getString(16), rs.getObject(17, UUID.class), rs.getObject(18, UUID.class),
						rs.getObject(19, UUID.class), rs.getString(20), new ArrayList<>(2));
			}
			int lineNo = rs.getInt(21);
			if (!rs.wasNull()) {
				this.current.lines()
					.add(new Line(lineNo, rs.getString(22), rs.getString(23), rs.getBigDecimal(24),
							rs.getBigDecimal(25), rs.getBigDecimal(26), rs.getBigDecimal(27),
							(Integer) rs.getObject(28)));
			}
		}

		void finish() {
			flush();
			if (this.progress != null) {
				this.progress.exported(this.count);
			}
		}

		private void flush() {
			if (this.current == null) {
				return;
			}
			try {
				this.sink.write(this.current);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.current = null;
			this.count++;
			if (this.progress != null && this.count % PROGRESS_EVERY == 0) {
				this.progress.exported(this.count);
			}
		}

	}

	private interface Sink {

		void write(Head head) throws IOException;

		void close() throws IOException;

	}

	/** One JSON object per line, the fields of the API's body (nulls left out). */
	private static final class JsonLines implements Sink {

		private final Writer writer;

		private final JsonGenerator out;

		private boolean any;

		JsonLines(Writer writer, JsonMapper json) {
			this.writer = writer;
			// the generator writes the separator before every object but the first
			this.out = json.writer().withRootValueSeparator("\n").createGenerator(writer);
		}

		@Override
		public void write(Head h) throws IOException {
			JsonGenerator g = this.out;
			g.writeStartObject();
			g.writeStringProperty("id", h.id().toString());
			g.writeStringProperty("customerId", h.customerId().toString());
			g.writeStringProperty("kind", h.kind());
			g.writeStringProperty("channel", h.channel());
			g.writeStringProperty("occurredAt", h.occurredAt().toString());
			g.writeStringProperty("recordedAt", h.recordedAt().toString());
			g.writeStringProperty("sourceSystem", h.sourceSystem());
			text(g, "externalId", h.externalId());
			text(g, "idempotencyKey", h.key());
			text(g, "outcome", h.outcome());
			text(g, "outcomeReason", h.outcomeReason());
			text(g, "direction", h.direction());
			text(g, "orderReference", h.orderReference());
			if (h.total() != null) {
				g.writeNumberProperty("total", h.total());
			}
			text(g, "currency", h.currency());
			text(g, "store", h.store());
			text(g, "staffId", h.staffId());
			text(g, "relatedPurchaseId", h.relatedPurchaseId());
			text(g, "referenceId", h.referenceId());
			if (h.attributes() != null && !h.attributes().equals("{}")) {
				g.writeName("attributes");
				g.writeRawValue(h.attributes());
			}
			if (!h.lines().isEmpty()) {
				g.writeName("lines");
				g.writeStartArray();
				for (Line l : h.lines()) {
					g.writeStartObject();
					g.writeNumberProperty("lineNo", BigDecimal.valueOf(l.lineNo()));
					g.writeStringProperty("sku", l.sku());
					text(g, "category", l.category());
					g.writeNumberProperty("quantity", l.quantity());
					g.writeNumberProperty("unitPrice", l.unitPrice());
					g.writeNumberProperty("discount", l.discount());
					g.writeNumberProperty("amount", l.amount());
					if (l.purchaseLineNo() != null) {
						g.writeNumberProperty("purchaseLineNo", BigDecimal.valueOf(l.purchaseLineNo()));
					}
					g.writeEndObject();
				}
				g.writeEndArray();
			}
			g.writeEndObject();
			this.any = true;
		}

		private static void text(JsonGenerator g, String name, Object value) {
			if (value != null) {
				g.writeStringProperty(name, value.toString());
			}
		}

		@Override
		public void close() throws IOException {
			this.out.flush();
			if (this.any) {
				this.writer.write('\n');
			}
			this.writer.flush();
		}

	}

	/** A header row, then one row per line; a contact is one row without line columns. */
	private static final class CsvRows implements Sink {

		private final Writer writer;

		private final Object[] row = new Object[CSV_COLUMNS.size()];

		CsvRows(Writer writer) throws UncheckedIOException {
			this.writer = writer;
			try {
				writer.write(CsvCell.line(CSV_COLUMNS.toArray()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void write(Head h) throws IOException {
			Object[] r = this.row;
			r[0] = h.id();
			r[1] = h.customerId();
			r[2] = h.kind().toLowerCase(Locale.ROOT);
			r[3] = h.channel();
			r[4] = h.occurredAt();
			r[5] = h.recordedAt();
			r[6] = h.sourceSystem();
			r[7] = h.externalId();
			r[8] = h.key();
			r[9] = h.outcome();
			r[10] = h.outcomeReason();
			r[11] = h.direction();
			r[12] = h.orderReference();
			r[13] = plain(h.total());
			r[14] = h.currency();
			r[15] = h.store();
			r[16] = h.staffId();
			r[17] = h.relatedPurchaseId();
			r[18] = h.referenceId();
			if (h.lines().isEmpty()) {
				java.util.Arrays.fill(r, 19, r.length, null);
				this.writer.write(CsvCell.line(r));
				return;
			}
			for (Line l : h.lines()) {
				r[19] = l.lineNo();
				r[20] = l.sku();
				r[21] = l.category();
				r[22] = plain(l.quantity());
				r[23] = plain(l.unitPrice());
				r[24] = plain(l.discount());
				r[25] = plain(l.amount());
				r[26] = l.purchaseLineNo();
				this.writer.write(CsvCell.line(r));
			}
		}

		private static String plain(BigDecimal value) {
			return value == null ? null : value.toPlainString();
		}

		@Override
		public void close() throws IOException {
			this.writer.flush();
		}

	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
