package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door for merging two records of one person. The merged customer's identities,
 * addresses, notes, interests, consents, links, tags and attributes move to the survivor
 * (see {@link MergeMoves} for who wins a conflict); the merged customer stays as a
 * redirect ({@code MERGED}, {@code merged_into} the survivor). Other modules move their
 * data when they hear {@link CustomerMerged}, published in the same transaction.
 */
@Service
public class CustomerMerger {

	private final JdbcClient jdbc;

	private final MergeMoves moves;

	private final CustomerDocument documents;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CustomerMerger(JdbcClient jdbc, MergeMoves moves, CustomerDocument documents, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.moves = moves;
		this.documents = documents;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** What a merge did. */
	public record Merge(UUID mergeId, UUID survivorId, UUID mergedId, Instant mergedAt,
			DuplicateSuggestion.Side survivor) {
	}

	/**
	 * Merges {@code mergedId} into {@code survivorId}. The versions, when given, must be
	 * the customers' current versions (else 412), so nobody merges what they did not see.
	 * @throws ApiException 404 for an unknown customer; 409 for a merge with itself, a
	 * customer that is not active, or a person with a company
	 */
	@Transactional
	public Merge merge(UUID survivorId, UUID mergedId, Integer survivorVersion, Integer mergedVersion) {
		if (survivorId.equals(mergedId)) {
			throw ApiException.conflict("merge-with-itself",
					Text.of("customer.merge.itself", "A customer cannot be merged into itself"));
		}
		Map<UUID, Locked> locked = lock(survivorId, mergedId);
		Locked survivor = check(locked.get(survivorId), survivorId, survivorVersion);
		Locked merged = check(locked.get(mergedId), mergedId, mergedVersion);
		if (!survivor.kind().equals(merged.kind())) {
			throw ApiException.conflict("merge-kind-mismatch", survivor.kind().equals("PERSON")
					? Text.of("customer.merge.person-with-company", "A person cannot be merged with a company")
					: Text.of("customer.merge.company-with-person", "A company cannot be merged with a person"));
		}
		Map<String, Object> before = snapshot(survivorId, mergedId);
		Actor actor = Actor.current();
		Instant now = this.clock.instant();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		this.moves.identities(survivorId, mergedId);
		this.moves.addresses(survivorId, mergedId);
		this.moves.notes(survivorId, mergedId);
		this.moves.interests(survivorId, mergedId);
		this.moves.consents(survivorId, mergedId);
		this.moves.contactLinks(survivorId, mergedId);
		this.moves.profile(survivorId, mergedId, at);
		this.moves.searchTokens(survivorId, mergedId);
		this.moves.redirect(survivorId, mergedId, at);
		this.moves.candidates(survivorId, mergedId, actor.id(), at);
		this.jdbc.sql("DELETE FROM customer_name_key WHERE customer_id = ?").param(mergedId).update();
		UUID mergeId = Ids.next(this.clock);
		this.jdbc
			.sql("INSERT INTO customer_merge (id, survivor_id, merged_id, merged_at, merged_by) VALUES (?, ?, ?, ?, ?)")
			.params(mergeId, survivorId, mergedId, at, actor.id())
			.update();
		Map<String, Object> after = snapshot(survivorId, mergedId);
		this.audit.record(actor, AuditTrail.Change.of("merge", "customer", survivorId,
				Text.of("customer.audit.merged", "Merged customer {0} into this customer", String.valueOf(mergedId)),
				before, after));
		this.audit.record(actor,
				AuditTrail.Change.of("merged-into", "customer", mergedId,
						Text.of("customer.audit.merged-into", "Merged into customer {0}", String.valueOf(survivorId)),
						null, Map.of("mergedInto", survivorId)));
		this.events.publishEvent(new CustomerMerged(survivorId, mergedId, now));
		return new Merge(mergeId, survivorId, mergedId, now, survivorSide(survivorId));
	}

	private Map<UUID, Locked> lock(UUID survivorId, UUID mergedId) {
		Map<UUID, Locked> locked = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, kind, status, version FROM customer WHERE id IN (?, ?) ORDER BY id FOR UPDATE")
			.params(survivorId, mergedId)
			.query((rs, n) -> new Locked(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("status"),
					rs.getInt("version")))
			.list()
			.forEach((row) -> locked.put(row.id(), row));
		return locked;
	}

	private static Locked check(Locked customer, UUID id, Integer expectedVersion) {
		if (customer == null) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.not-found", "Customer {0} does not exist", id));
		}
		if (!customer.status().equals("ACTIVE")) {
			throw ApiException.conflict("customer-not-active", customer.status().equals("MERGED")
					? Text.of("customer.merge.merged-already", "Customer {0} is merged and cannot take part in a merge",
							id)
					: Text.of("customer.merge.erased", "Customer {0} is erased and cannot take part in a merge", id));
		}
		if (expectedVersion != null && expectedVersion != customer.version()) {
			throw ApiException.staleVersion(expectedVersion, customer.version());
		}
		return customer;
	}

	private Map<String, Object> snapshot(UUID survivorId, UUID mergedId) {
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("survivor", this.documents.read(survivorId).orElseThrow());
		snapshot.put("merged", this.documents.read(mergedId).orElseThrow());
		return snapshot;
	}

	private DuplicateSuggestion.Side survivorSide(UUID survivorId) {
		return this.jdbc.sql(DuplicateReview.SIDES)
			.param("ids", List.of(survivorId))
			.query(DuplicateReview::side)
			.single();
	}

	private record Locked(UUID id, String kind, String status, int version) {
	}

}
