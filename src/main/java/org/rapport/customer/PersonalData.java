package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door for privacy requests: the export of everything stored about a person and the
 * erasure of their personal data. Other modules add their part of the export through
 * {@link PersonalDataContributor} beans and erase theirs when they hear
 * {@link CustomerErased}.
 */
@Service
public class PersonalData {

	static final String AUDIT_ENTITY = "customer";

	private final CustomerDocument documents;

	private final CustomerErasure erasure;

	private final List<PersonalDataContributor> contributors;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JdbcClient jdbc;

	PersonalData(CustomerDocument documents, CustomerErasure erasure, List<PersonalDataContributor> contributors,
			AuditTrail audit, ApplicationEventPublisher events, Clock clock, JdbcClient jdbc) {
		this.documents = documents;
		this.erasure = erasure;
		this.contributors = List.copyOf(contributors);
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Everything stored about the customer: the customer memory's sections (profile,
	 * identities, addresses, consents and their history, interests, notes, household,
	 * contact links, tags, attributes, merges), the audit trail about them and about the
	 * records merged into the customer (the same person), oldest first, and one section
	 * per {@link PersonalDataContributor}.
	 * @throws ApiException 404 for an unknown customer
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> export(UUID customerId) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("customerId", customerId);
		document.put("exportedAt", this.clock.instant());
		document.putAll(this.documents.read(customerId)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.not-found", "Customer {0} does not exist", customerId))));
		List<AuditTrail.Entry> trail = new java.util.ArrayList<>();
		for (UUID record : this.erasure.records(customerId)) {
			trail.addAll(this.audit.entriesAbout(AUDIT_ENTITY, record.toString()));
		}
		trail.sort(java.util.Comparator.comparing(AuditTrail.Entry::occurredAt));
		document.put("auditTrail", trail);
		for (PersonalDataContributor contributor : this.contributors) {
			document.put(contributor.section(), contributor.personalData(customerId));
		}
		return document;
	}

	/** What an erasure did. {@code alreadyErased} is true when nothing was left to do. */
	public record Erasure(UUID customerId, Instant erasedAt, boolean alreadyErased, Map<String, Integer> removed) {
	}

	/**
	 * Erases the customer's personal data, and that of the records merged into it: rows
	 * about the person are deleted (identities, addresses, notes, interests, consents and
	 * their history, search tokens, contact links, suggestions), names, birth date,
	 * language, tags, attributes and the household link are cleared, and an emptied
	 * household goes. The customer row stays as {@code ERASED} under the name "Erased
	 * customer" so that figures other modules keep for accounting still add up. Audit
	 * snapshots about the person are redacted and one "erase" entry records who, when and
	 * why, with the counts of removed rows and no personal data. {@link CustomerErased}
	 * tells the other modules.
	 * <p>
	 * Erasing an erased customer is idempotent: it changes nothing, publishes nothing and
	 * answers the time of the first erasure with {@code alreadyErased}, so a privacy
	 * request can be retried safely.
	 * @throws ApiException 404 for an unknown customer; 409 for a merged customer (erase
	 * the survivor it points to)
	 */
	@Transactional
	public Erasure erase(UUID customerId, String reason) {
		if (reason == null || reason.isBlank()) {
			throw ApiException.invalid("reason", Text.of("customer.erasure.reason-blank", "must not be blank"));
		}
		Status status = this.jdbc.sql("SELECT status, merged_into, updated_at FROM customer WHERE id = ? FOR UPDATE")
			.param(customerId)
			.query((rs, n) -> new Status(rs.getString("status"), rs.getObject("merged_into", UUID.class),
					rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant()))
			.optional()
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.not-found", "Customer {0} does not exist", customerId)));
		if (status.status().equals("ERASED")) {
			return new Erasure(customerId, status.updatedAt(), true, Map.of());
		}
		if (status.status().equals("MERGED")) {
			throw ApiException.conflict("customer-merged", Text.of("customer.erasure.merged",
					"Customer {0} was merged into {1}; erase that customer", customerId, status.mergedInto()));
		}
		Instant now = this.clock.instant();
		List<UUID> records = this.erasure.records(customerId);
		Map<String, Integer> removed = this.erasure.erase(customerId, now.atOffset(ZoneOffset.UTC));
		for (UUID record : records) {
			this.audit.redact(AUDIT_ENTITY, record.toString());
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("status", "ERASED");
		after.put("records", records);
		after.put("removed", removed);
		this.audit.record(Actor.current(), AuditTrail.Change.of("erase", AUDIT_ENTITY, customerId,
				Text.of("customer.audit.erased", "Personal data erased: {0}", reason.strip()), null, after));
		this.events.publishEvent(new CustomerErased(customerId, records, now));
		return new Erasure(customerId, now, false, removed);
	}

	private record Status(String status, UUID mergedInto, Instant updatedAt) {
	}

}
