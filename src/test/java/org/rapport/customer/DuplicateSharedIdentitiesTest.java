package org.rapport.customer;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateSharedIdentitiesTest {

	@Test
	void anIdentityIsSharedWhenTheOtherSideHasOneOfTheSameTypeAndMatchKey() {
		DuplicateReview.Keyed a = side(List.of("EMAIL: ana.lopez@gmail.com", "PHONE: +34600111222"),
				List.of("EMAIL:analopez@gmail.com", "PHONE:600111222"));
		DuplicateReview.Keyed b = side(List.of("EMAIL: analopez+shop@gmail.com", "PHONE: +351600111223"),
				List.of("EMAIL:analopez@gmail.com", "PHONE:600111223"));

		assertThat(DuplicateReview.shared(a, b)).containsExactly("EMAIL: ana.lopez@gmail.com",
				"EMAIL: analopez+shop@gmail.com");
	}

	@Test
	void theSameKeyUnderAnotherTypeOrNoKeyAtAllMatchesNothing() {
		DuplicateReview.Keyed a = side(List.of("CARD: 12345678", "EXTERNAL: x"), List.of("CARD:12345678", "EXTERNAL:"));
		DuplicateReview.Keyed b = side(List.of("EXTERNAL: 12345678", "EXTERNAL: y"),
				List.of("EXTERNAL:12345678", "EXTERNAL:"));

		assertThat(DuplicateReview.shared(a, b)).isEmpty();
	}

	private static DuplicateReview.Keyed side(List<String> identities, List<String> keys) {
		return new DuplicateReview.Keyed(new DuplicateSuggestion.Side(UUID.randomUUID(), CustomerKind.PERSON, "Ana",
				"Ana", "Lopez", null, identities, List.of(), 1), keys);
	}

}
