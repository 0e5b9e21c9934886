package org.rapport.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duplicate is in the review queue as soon as the change that made it is, without
 * waiting for the scheduled detection run.
 */
@IntegrationTest
class IncrementalDuplicateCheckTest {

	@Autowired
	Customers customers;

	@Autowired
	CustomerDuplicates duplicates;

	@Test
	void aNewCustomerWithTheNameAndBirthDateOfAnotherIsSuggestedAtOnce() {
		String family = "Núñez" + CustomerFixture.unique();
		LocalDate born = LocalDate.of(1979, 11, 2);
		CustomerView first = this.customers.create(DuplicateConsoleTest.person("José", family, born));
		assertThat(suggestionsAbout(first.id())).isEmpty();

		CustomerView second = this.customers.create(DuplicateConsoleTest.person("JOSE", family, born));

		assertThat(suggestionsAbout(first.id())).singleElement().satisfies((s) -> {
			assertThat(List.of(s.a().id(), s.b().id())).containsExactlyInAnyOrder(first.id(), second.id());
			assertThat(s.reason()).isEqualTo(DuplicateReason.NAME_AND_BIRTH_DATE);
		});
	}

	@Test
	void anAddedIdentityThatMatchesAnotherCustomersKeyIsSuggestedAtOnce() {
		String u = CustomerFixture.unique();
		CustomerView ana = this.customers.create(NewCustomer.person("Ana", "Lopez" + u)
			.withIdentities(List.of(NewIdentity.of(IdentityType.EMAIL, "ana.lopez." + u + "@gmail.com"))));
		CustomerView shop = this.customers.create(NewCustomer.person("A.", "L." + u));
		assertThat(suggestionsAbout(ana.id())).isEmpty();

		this.customers.addIdentity(shop.id(), NewIdentity.of(IdentityType.EMAIL, "analopez" + u + "+shop@gmail.com"));

		assertThat(suggestionsAbout(ana.id())).singleElement().satisfies((s) -> {
			assertThat(List.of(s.a().id(), s.b().id())).containsExactlyInAnyOrder(ana.id(), shop.id());
			assertThat(s.reason()).isEqualTo(DuplicateReason.SAME_IDENTITY_KEY);
		});
	}

	@Test
	void aDismissedPairIsNotSuggestedAgainWhenOneOfThemChanges() {
		String family = "Berg" + CustomerFixture.unique();
		LocalDate born = LocalDate.of(1990, 2, 2);
		CustomerView first = this.customers.create(DuplicateConsoleTest.person("Lena", family, born));
		CustomerView second = this.customers.create(DuplicateConsoleTest.person("Lena", family, born));
		this.duplicates.dismiss(first.id(), second.id());

		CustomerView current = this.customers.get(second.id());
		this.customers.updateProfile(second.id(), current.version(), new Profile("Lena", family, null, born, "sv"));

		assertThat(suggestionsAbout(first.id())).isEmpty();
	}

	private List<DuplicateSuggestion> suggestionsAbout(UUID customerId) {
		return this.duplicates.openSuggestions(customerId, 0, 10).items();
	}

}
