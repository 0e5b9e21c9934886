package org.rapport.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.rapport.platform.Actor;
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
	 * (records, maps), or null for a creation or deletion.
	 */
	public record Change(String action, String entityType, String entityId, String summary, Object before,
			Object after) {

		public static Change of(String action, String entityType, Object entityId, String summary, Object before,
				Object after) {
			return new Change(action, entityType, String.valueOf(entityId), summary, before, after);
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
					+ "entity_id, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), actor.id(), actor.name(), actor.kind().name(),
					change.action(), change.entityType(), change.entityId(), change.summary(), toJson(change.before()),
					toJson(change.after()))
			.update();
	}

	/**
	 * Removes the personal data kept in the before/after snapshots of an erased entity;
	 * who acted, when and which action stay, so the trail still shows that changes (and
	 * the erasure) happened.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int redact(String entityType, String entityId) {
		return this.jdbc
			.sql("UPDATE audit_event SET before = NULL, after = NULL, summary = NULL, redacted = TRUE "
					+ "WHERE entity_type = ? AND entity_id = ? AND NOT redacted")
			.params(entityType, entityId)
			.update();
	}

	/**
	 * One recorded change as read back; {@code before} and {@code after} are the parsed
	 * snapshots (maps, lists or values), null when absent or redacted.
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

	private Object fromJson(String text) {
		return text == null ? null : this.json.readValue(text, Object.class);
	}

	private String toJson(Object value) {
		return value == null ? null : this.json.writeValueAsString(value);
	}

}
