package org.rapport.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An open suggestion that two customers are one person, with what a reviewer needs to
 * decide: both customers side by side, and the identities of either (as listed) that the
 * other one has too by type and match key ({@code shared}: an e-mail without +tags or
 * Gmail's dots, a phone's national number, a card or external id as it is), which is what
 * a same-identity suggestion rests on.
 */
public record DuplicateSuggestion(Side a, Side b, DuplicateReason reason, BigDecimal score, Instant detectedAt,
		List<String> shared) {

	/** One customer of the pair as the reviewer sees it. */
	public record Side(UUID id, CustomerKind kind, String displayName, String givenName, String familyName,
			LocalDate birthDate, List<String> identities, List<String> addresses, int version) {
	}

	/** One page of the review queue. */
	@Schema(name = "DuplicatePage")
	public record Page(List<DuplicateSuggestion> items, int page, int size, long total) {
	}

	/** What a detection run found: new suggestions per reason. */
	public record DetectionRun(int sameIdentityKey, int nameAndBirthDate, int similarNameAndAddress,
			int refreshedNameKeys) {

		public int total() {
			return this.sameIdentityKey + this.nameAndBirthDate + this.similarNameAndAddress;
		}

	}

}
