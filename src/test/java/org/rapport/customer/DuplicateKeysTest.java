package org.rapport.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateKeysTest {

	@Test
	void aNameWrittenFamilyFirstHasTheSameFullNameKey() {
		assertThat(NameKeys.Key.of("José Luis", "García").fullName())
			.isEqualTo(NameKeys.Key.of("garcia", "jose luis").fullName())
			.isEqualTo("garcia jose luis");
	}

	@Test
	void theGivenInitialIsTheFirstFoldedLetter() {
		assertThat(NameKeys.Key.of("Élodie", "Martin").givenInitial()).isEqualTo("e");
		assertThat(NameKeys.Key.of("Ёлка", "Иванова").givenInitial()).isEqualTo("е");
		assertThat(NameKeys.Key.of(null, "Martin").givenInitial()).isEmpty();
	}

	@Test
	void pairsAreOrderedAsPostgresOrdersUuids() {
		UUID high = UUID.fromString("f0000000-0000-7000-8000-000000000000");
		UUID low = UUID.fromString("10000000-0000-7000-8000-000000000000");

		assertThat(CustomerDuplicates.lower(high, low)).isEqualTo(low);
		assertThat(CustomerDuplicates.lower(low, high)).isEqualTo(low);
	}

}
