package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff notes on a customer. The author's name is copied onto the note, so it reads the
 * same after the author has left.
 */
@Component
class CustomerNotes {

	static final int MAX_BODY = 10_000;

	private final JdbcClient jdbc;

	private final CustomerRepository customers;

	private final AuditTrail audit;

	private final Clock clock;

	CustomerNotes(JdbcClient jdbc, CustomerRepository customers, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.audit = audit;
		this.clock = clock;
	}

	NoteView add(UUID customerId, String body) {
		if (body == null || body.isBlank()) {
			throw ApiException.invalid("body", Text.of("customer.note.blank", "must not be blank"));
		}
		if (body.length() > MAX_BODY) {
			throw ApiException.invalid("body",
					Text.of("customer.note.too-long", "at most {0} characters", String.valueOf(MAX_BODY)));
		}
		this.customers.active(customerId);
		Actor author = Actor.current();
		Instant now = this.clock.instant();
		NoteView note = new NoteView(Ids.next(now.toEpochMilli()), customerId, author.id(), author.name(), now,
				body.strip());
		this.jdbc
			.sql("INSERT INTO customer_note (id, customer_id, author_id, author_name, created_at, body) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(note.id(), customerId, note.authorId(), note.authorName(), CustomerRepository.utc(now), note.body())
			.update();
		this.audit.record(Change.of("customer.note-added", "customer", customerId,
				Text.of("customer.audit.note-added", "Added a note"), null, Map.of("noteId", note.id())));
		return note;
	}

	Page<NoteView> list(UUID customerId, Paging paging) {
		this.customers.active(customerId);
		long total = this.jdbc.sql("SELECT count(*) FROM customer_note WHERE customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
		List<NoteView> notes = this.jdbc
			.sql("SELECT * FROM customer_note WHERE customer_id = ? ORDER BY created_at DESC, id DESC "
					+ "LIMIT ? OFFSET ?")
			.params(customerId, paging.size(), paging.offset())
			.query((rs, row) -> new NoteView(rs.getObject("id", UUID.class), customerId, rs.getString("author_id"),
					rs.getString("author_name"), CustomerQueries.instant(rs, "created_at"), rs.getString("body")))
			.list();
		return Page.of(notes, paging, total);
	}

}
