package org.rapport.customer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door for duplicate suggestions: finds customers who are probably one person
 * ({@link DuplicateReason}), lists them for review and remembers dismissals, so a pair a
 * reviewer said is two people is never suggested again. Merging is
 * {@link CustomerMerger}.
 */
@Service
public class CustomerDuplicates {

	private static final Logger log = LoggerFactory.getLogger(CustomerDuplicates.class);

	static final int MAX_PAGE_SIZE = 100;

	private final DuplicateDetection detection;

	private final NameKeys nameKeys;

	private final DuplicateReview review;

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerDuplicates(DuplicateDetection detection, NameKeys nameKeys, DuplicateReview review, JdbcClient jdbc,
			Clock clock) {
		this.detection = detection;
		this.nameKeys = nameKeys;
		this.review = review;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Runs every rule over all active customers. */
	@Transactional
	public DuplicateSuggestion.DetectionRun detect() {
		int refreshed = this.nameKeys.refreshStale();
		var run = new DuplicateSuggestion.DetectionRun(this.detection.run(DuplicateReason.SAME_IDENTITY_KEY),
				this.detection.run(DuplicateReason.NAME_AND_BIRTH_DATE),
				this.detection.run(DuplicateReason.SIMILAR_NAME_AND_ADDRESS), refreshed);
		log.info("Duplicate detection found {} new suggestions ({})", run.total(), run);
		return run;
	}

	/**
	 * Checks one customer against everybody else, e.g. after it was created or got a new
	 * identity; answers the number of new suggestions.
	 */
	@Transactional
	public int checkCustomer(UUID customerId) {
		this.nameKeys.refresh(customerId);
		int found = 0;
		for (DuplicateReason reason : DuplicateReason.values()) {
			found += this.detection.runFor(reason, customerId);
		}
		return found;
	}

	/** Open suggestions, strongest first; {@code page} counts from 0. */
	@Transactional(readOnly = true)
	public DuplicateSuggestion.Page openSuggestions(int page, int size) {
		return openSuggestions(null, page, size);
	}

	/**
	 * Open suggestions about one customer, strongest first; all of them when
	 * {@code customerId} is null.
	 */
	@Transactional(readOnly = true)
	public DuplicateSuggestion.Page openSuggestions(UUID customerId, int page, int size) {
		if (page < 0) {
			throw ApiException.invalid("page", Text.of("customer.page.negative", "must be 0 or more"));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw ApiException.invalid("size",
					Text.of("customer.size.range", "must be between 1 and {0}", String.valueOf(MAX_PAGE_SIZE)));
		}
		return this.review.page(page, size, customerId);
	}

	/**
	 * A reviewer decided the two customers are different people. The pair stays dismissed
	 * through later detection runs; dismissing it again changes nothing.
	 */
	@Transactional
	public void dismiss(UUID first, UUID second) {
		UUID a = lower(first, second);
		UUID b = a.equals(first) ? second : first;
		String status = this.jdbc
			.sql("SELECT status FROM duplicate_candidate WHERE customer_a = ? AND customer_b = ? FOR UPDATE")
			.params(a, b)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.duplicate.not-found", "Duplicate suggestion {0}/{1} does not exist", a, b)));
		if (status.equals("MERGED")) {
			throw ApiException.conflict("duplicate-already-merged",
					Text.of("customer.duplicate.merged-already", "These customers were merged already"));
		}
		if (status.equals("OPEN")) {
			this.jdbc
				.sql("UPDATE duplicate_candidate SET status = 'DISMISSED', decided_by = ?, decided_at = ? "
						+ "WHERE customer_a = ? AND customer_b = ?")
				.params(Actor.current().id(), this.clock.instant().atOffset(ZoneOffset.UTC), a, b)
				.update();
		}
	}

	/**
	 * The lower of two ids in PostgreSQL's order (unsigned bytes), which is how a pair is
	 * stored.
	 */
	static UUID lower(UUID x, UUID y) {
		int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
		int order = (high != 0) ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
		return order <= 0 ? x : y;
	}

}
