package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a staff note with its author's name as it is today, so the note reads the same
 * after the author leaves, and records the change in the audit trail.
 */
@Component
class JdbcConsoleNotes implements ConsoleNotes {

	static final int MAX_LENGTH = 4000;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	JdbcConsoleNotes(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public CustomerConsoleProfile.NoteLine add(UUID customerId, String body) {
		String text = body == null ? "" : body.strip();
		if (text.isEmpty() || text.length() > MAX_LENGTH) {
			throw ApiException.invalid("body", "write 1-" + MAX_LENGTH + " characters");
		}
		boolean active = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ? AND status = 'ACTIVE')")
			.param(customerId)
			.query(Boolean.class)
			.single();
		if (!active) {
			throw ApiException.notFound("Customer", customerId);
		}
		Actor author = Actor.current();
		UUID id = Ids.next(this.clock);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("INSERT INTO customer_note (id, customer_id, author_id, author_name, created_at, body) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, customerId, author.id(), author.name(), now.atOffset(ZoneOffset.UTC), text)
			.update();
		this.audit.record(author, AuditTrail.Change.of("note.added", "customer", customerId, "Note added", null,
				Map.of("noteId", id.toString(), "body", text)));
		return new CustomerConsoleProfile.NoteLine(id, author.name(), now, text);
	}

}
