package org.rapport.loyalty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.StorableValues;
import org.rapport.platform.web.CsvCell;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A programme's ledger as CSV for an auditor or the finance system (ADR 0085): every
 * movement of its accounts that occurred in [from, to), in the order it was recorded,
 * with the member, kind, both deltas, reason, source and key. Streamed through a cursor
 * from one read-only, repeatable-read snapshot, so memory stays bounded and the file is
 * the ledger as it was at one moment. Each export is in the audit trail.
 */
@Component
class LedgerExport {

	static final List<String> COLUMNS = List.of("movement_id", "account_id", "customer_id", "kind", "available_delta",
			"pending_delta", "reason", "source_type", "source_id", "idempotency_key", "occurred_at", "recorded_at",
			"lot_id");

	private static final String SELECT = """
			SELECT m.id, m.account_id, a.customer_id, m.kind, m.available_delta, m.pending_delta, m.reason,
			  m.source_type, m.source_id, m.idempotency_key, m.occurred_at, m.recorded_at, m.lot_id
			FROM loyalty_account a JOIN loyalty_movement m ON m.account_id = a.id
			WHERE a.programme_id = ?""";

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC);

	/** A period [from, to); null: no bound. */
	record Period(Instant from, Instant to) {

		/** The period of a request as written, each refused bound named. */
		static Period of(String from, String to) {
			List<FieldProblem> problems = new ArrayList<>();
			Instant start = instant("from", from, problems);
			Instant end = instant("to", to, problems);
			if (start != null && end != null && !start.isBefore(end)) {
				problems.add(FieldProblem.of("to", Text.of("loyalty.period.to-after-from", "must be after from")));
			}
			if (!problems.isEmpty()) {
				throw ApiException.invalid(problems);
			}
			return new Period(start, end);
		}

		String fileName(String programme) {
			return "ledger-" + programme + "-" + (this.from == null ? "start" : DAY.format(this.from)) + "-"
					+ (this.to == null ? "now" : DAY.format(this.to)) + ".csv";
		}

		Map<String, Object> describe() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("from", this.from == null ? null : this.from.toString());
			map.put("to", this.to == null ? null : this.to.toString());
			return map;
		}

		private static Instant instant(String field, String value, List<FieldProblem> problems) {
			if (value == null || value.isBlank()) {
				return null;
			}
			String text = value.strip();
			try {
				Instant at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
						: OffsetDateTime.parse(text).toInstant();
				if (!StorableValues.storable(at)) {
					problems.add(FieldProblem.of(field, StorableValues.YEAR));
					return null;
				}
				return at;
			}
			catch (DateTimeParseException ex) {
				problems.add(FieldProblem.of(field, Text.of("loyalty.period.date-format",
						"is not a date such as 2024-05-01 or 2024-05-01T10:15:30Z")));
				return null;
			}
		}

	}

	private final JdbcTemplate cursor;

	private final TransactionTemplate snapshot;

	private final TransactionTemplate writes;

	private final AuditTrail audit;

	LedgerExport(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit) {
		this.cursor = new JdbcTemplate(dataSource);
		this.cursor.setFetchSize(2_000);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.writes = new TransactionTemplate(transactions);
		this.audit = audit;
	}

	/** Records in the audit trail, before anything is written, who takes which ledger. */
	void audit(Actor actor, LoyaltyProgramme programme, Period period) {
		this.writes.executeWithoutResult((status) -> this.audit.record(actor,
				AuditTrail.Change.of("loyalty.ledger-exported", "loyalty-programme", programme.code(),
						Text.of("loyalty.audit.ledger-exported", "Exported the ledger"), null, period.describe())));
	}

	/**
	 * Writes the movements of the programme in the period to {@code out} (left open).
	 * @return the number of movements written
	 */
	long export(LoyaltyProgramme programme, Period period, OutputStream out) {
		StringBuilder sql = new StringBuilder(SELECT);
		List<Object> params = new ArrayList<>();
		params.add(programme.id());
		if (period.from() != null) {
			sql.append(" AND m.occurred_at >= ?");
			params.add(period.from().atOffset(ZoneOffset.UTC));
		}
		if (period.to() != null) {
			sql.append(" AND m.occurred_at < ?");
			params.add(period.to().atOffset(ZoneOffset.UTC));
		}
		sql.append(" ORDER BY m.id");
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		Object[] row = new Object[COLUMNS.size()];
		long[] count = { 0 };
		this.snapshot.executeWithoutResult((status) -> {
			try {
				writer.write(CsvCell.line(COLUMNS.toArray()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.cursor.query(sql.toString(), (ResultSet rs) -> {
				write(rs, row, writer);
				count[0]++;
			}, params.toArray());
		});
		try {
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return count[0];
	}

	private static void write(ResultSet rs, Object[] row, Writer writer) throws SQLException {
		for (int i = 0; i < row.length; i++) {
			row[i] = rs.getString(i + 1);
		}
		row[10] = rs.getObject(11, OffsetDateTime.class).toInstant();
		row[11] = rs.getObject(12, OffsetDateTime.class).toInstant();
		try {
			writer.write(CsvCell.line(row));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
