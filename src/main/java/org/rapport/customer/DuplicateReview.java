package org.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the duplicate review screen needs: the open suggestions with both customers, and
 * the two decisions a manager can take on one.
 */
interface DuplicateReview {

	/** One side of a suggestion, enough to tell the two records apart. */
	record Side(UUID id, String displayName, java.time.LocalDate birthDate, LifecycleStage stage,
			List<String> identities, String address, Instant createdAt) {
	}

	record Suggestion(Side left, Side right, String reason, double score, Instant detectedAt) {
	}

	List<Suggestion> open(int limit);

	/** Merges {@code merged} into {@code survivor}. */
	void merge(UUID survivor, UUID merged);

	/** Records that the two customers are different people. */
	void dismiss(UUID a, UUID b);

}
