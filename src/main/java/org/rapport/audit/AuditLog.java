package org.rapport.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail: filtered, newest first, one page at a time. Filters are combined
 * with AND; each is optional. Each entry's summary is shown in the reader's language
 * ({@link AuditSummary}); what is stored stays English.
 */
@Component
class AuditLog {

	static final int MAX_PAGE_SIZE = 200;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final MessageSource messages;

	AuditLog(JdbcClient jdbc, JsonMapper json, MessageSource messages) {
		this.jdbc = jdbc;
		this.json = json;
		this.messages = messages;
	}

	/** The filters; {@code actor} matches the actor's id or, ignoring case, name. */
	record Query(String entityType, String entityId, String actor, String action, Instant from, Instant to, int page,
			int size) {

		Query {
			page = Math.max(page, 0);
			size = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
			if (from != null && to != null && !from.isBefore(to)) {
				throw org.rapport.platform.web.ApiException.invalid("to",
						Text.of("audit.period.to-after-from", "must be after from"));
			}
		}

	}

	/** One change as its reader sees it: the summary in the reader's language. */
	record Entry(long id, Instant occurredAt, Actor actor, String action, String entityType, String entityId,
			String summary, JsonNode before, JsonNode after, boolean redacted) {
	}

	/**
	 * The key and values a summary was written from, as the summary_text column keeps
	 * them.
	 */
	private record Wording(String key, List<String> values) {
	}

	record Actor(String id, String name, String kind) {
	}

	@Schema(name = "AuditPage")
	record Page(List<Entry> items, int page, int size, long totalItems, int totalPages) {
	}

	/** The page of changes the query finds, their summaries in the reader's language. */
	Page find(Query q, Locale reader) {
		List<Object> params = new ArrayList<>();
		String where = where(q, params);
		long total = this.jdbc.sql("SELECT count(*) FROM audit_event" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(q.size());
		pageParams.add((long) q.page() * q.size());
		List<Entry> items = this.jdbc
			.sql("SELECT id, occurred_at, actor_id, actor_name, actor_kind, action, entity_type, entity_id, summary, "
					+ "summary_text::text AS summary_text, before::text AS before, after::text AS after, redacted "
					+ "FROM audit_event" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, row) -> map(rs, reader))
			.list();
		int pages = (int) ((total + q.size() - 1) / q.size());
		return new Page(items, q.page(), q.size(), total, pages);
	}

	/**
	 * The query's conditions, their parameters added to {@code params}. The actor is an
	 * id or, whatever its case, a name: each has an index (ADR 0066).
	 */
	static String where(Query q, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE TRUE");
		condition(where, params, " AND entity_type = ?", q.entityType());
		condition(where, params, " AND entity_id = ?", q.entityId());
		condition(where, params, " AND action = ?", q.action());
		if (present(q.actor())) {
			where.append(" AND (actor_id = ? OR lower(actor_name) = lower(?))");
			params.add(q.actor().trim());
			params.add(q.actor().trim());
		}
		if (q.from() != null) {
			where.append(" AND occurred_at >= ?");
			params.add(q.from().atOffset(ZoneOffset.UTC));
		}
		if (q.to() != null) {
			where.append(" AND occurred_at < ?");
			params.add(q.to().atOffset(ZoneOffset.UTC));
		}
		return where.toString();
	}

	private Entry map(ResultSet rs, Locale reader) throws SQLException {
		AuditSummary summary = summary(rs.getString("summary"), rs.getString("summary_text"));
		return new Entry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				new Actor(rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("actor_kind")),
				rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
				summary.in(this.messages, reader), tree(rs.getString("before")), tree(rs.getString("after")),
				rs.getBoolean("redacted"));
	}

	/** The stored summary with the wording it was written from, when it was. */
	AuditSummary summary(String english, String wording) {
		if (wording == null) {
			return AuditSummary.english(english);
		}
		Wording w = this.json.readValue(wording, Wording.class);
		return new AuditSummary(english, w.key(), w.values());
	}

	private JsonNode tree(String text) {
		return text == null ? null : this.json.readTree(text);
	}

	private static void condition(StringBuilder where, List<Object> params, String sql, String value) {
		if (present(value)) {
			where.append(sql);
			params.add(value.trim());
		}
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
