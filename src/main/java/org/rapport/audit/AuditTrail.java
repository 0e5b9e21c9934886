package org.rapport.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.platform.Actor;
import org.rapport.platform.web.Text;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door of the audit module. {@link #record} joins the caller's transaction, so a
 * change and its audit row are stored together or not at all.
 */
@Service
public class AuditTrail {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * One change: {@code before} and {@code after} are any JSON-serialisable values
	 * (records, maps), or null for a creation or deletion. The {@code summary} is the
	 * sentence people read about it: stored in English, and shown in the reader's
	 * language when it was written from a bundle key.
	 */
	public record Change(String action, String entityType, String entityId, Text summary, Object before, Object after) {

		/**
		 * A change whose summary is a sentence no wording writes: it is stored and shown
		 * as it is, in every language.
		 */
		public static Change of(String action, String entityType, Object entityId, String summary, Object before,
				Object after) {
			return new Change(action, entityType, String.valueOf(entityId),
					(summary == null) ? null : Text.verbatim(summary), before, after);
		}

		/**
		 * A change whose summary is a sentence of its module's bundle
		 * ({@code <module>.audit.<what>}): its English is stored as the summary, and its
		 * key and values are kept so that the audit log shows it in the reader's
		 * language. The values are kept as text: give a number as text, so that the
		 * English reads it as it is ({@code 1000}, not {@code 1,000}) and every language
		 * shows it alike.
		 */
		public static Change of(String action, String entityType, Object entityId, Text summary, Object before,
				Object after) {
			return new Change(action, entityType, String.valueOf(entityId), summary, before, after);
		}

		/** The summary as it is stored and read in English. */
		public String english() {
			return (this.summary == null) ? null : this.summary.english();
		}

	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Change change) {
		record(Actor.current(), change);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Actor actor, Change change) {
		this.jdbc
			.sql("INSERT INTO audit_event (occurred_at, actor_id, actor_name, actor_kind, action, entity_type, "
					+ "entity_id, summary, summary_text, before, after) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), actor.id(), actor.name(), actor.kind().name(),
					change.action(), change.entityType(), change.entityId(), change.english(),
					toJson(wording(change.summary())), toJson(change.before()), toJson(change.after()))
			.update();
	}

	/**
	 * Removes the personal data kept in the before/after snapshots of an erased entity,
	 * and in the summary with the values it was written from; who acted, when and which
	 * action stay, so the trail still shows that changes (and the erasure) happened.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int redact(String entityType, String entityId) {
		return this.jdbc
			.sql("UPDATE audit_event SET before = NULL, after = NULL, summary = NULL, summary_text = NULL, "
					+ "redacted = TRUE WHERE entity_type = ? AND entity_id = ? AND NOT redacted")
			.params(entityType, entityId)
			.update();
	}

	/**
	 * One recorded change as read back; {@code before} and {@code after} are the parsed
	 * snapshots (maps, lists or values), null when absent or redacted. The summary is the
	 * stored English: this is the record, as a customer's data export gives it.
	 */
	public record Entry(Instant occurredAt, String actorId, String actorName, String actorKind, String action,
			String summary, Object before, Object after, boolean redacted) {
	}

	/** Every change recorded about one entity, oldest first. */
	@Transactional(readOnly = true)
	public List<Entry> entriesAbout(String entityType, String entityId) {
		return this.jdbc
			.sql("SELECT occurred_at, actor_id, actor_name, actor_kind, action, summary, before::text AS before, "
					+ "after::text AS after, redacted FROM audit_event WHERE entity_type = ? AND entity_id = ? "
					+ "ORDER BY occurred_at, id")
			.params(entityType, entityId)
			.query((rs, n) -> new Entry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("actor_kind"),
					rs.getString("action"), rs.getString("summary"), fromJson(rs.getString("before")),
					fromJson(rs.getString("after")), rs.getBoolean("redacted")))
			.list();
	}

	/**
	 * What the summary_text column keeps of a summary written from a bundle key: the key
	 * and its values as text; nothing for a sentence kept as it is.
	 */
	static Map<String, Object> wording(Text summary) {
		if (summary == null || summary.isVerbatim()) {
			return null;
		}
		Map<String, Object> wording = new LinkedHashMap<>();
		wording.put("key", summary.key());
		wording.put("values", summary.values().stream().map(String::valueOf).toList());
		return wording;
	}

	private Object fromJson(String text) {
		return text == null ? null : this.json.readValue(text, Object.class);
	}

	private String toJson(Object value) {
		return value == null ? null : this.json.writeValueAsString(value);
	}

}
