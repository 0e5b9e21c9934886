package org.rapport.customer;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The duplicate review screen: what each role sees and what merge and dismiss do. */
@IntegrationTest
class DuplicateConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	CustomerDuplicates duplicates;

	ConsoleTestData data;

	CustomerView left;

	CustomerView right;

	@BeforeEach
	void twins() {
		this.data = new ConsoleTestData(this.customers, this.staff);
		String family = "Twin" + ConsoleTestData.suffix();
		LocalDate born = LocalDate.of(1984, 6, 3);
		CustomerView first = this.customers.create(person("Lucía", family, born));
		CustomerView second = this.customers.create(person("Lucia", family, born));
		boolean firstIsA = CustomerDuplicates.lower(first.id(), second.id()).equals(first.id());
		this.left = this.customers.get(firstIsA ? first.id() : second.id());
		this.right = this.customers.get(firstIsA ? second.id() : first.id());
	}

	RequestPostProcessor as(Role role) {
		return user(this.users.loadUserByUsername(this.data.staffWith(role)));
	}

	@Test
	void theQueueShowsThePairWithItsReasonAndTheVersionsTheManagerSaw() {
		assertThat(
				this.mvc.get().uri("/duplicates").param("customer", this.left.id().toString()).with(as(Role.MANAGER)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"pair-" + this.left.id() + "-" + this.right.id() + "\"")
			.contains("Lucía " + this.left.familyName())
			.contains("similar name and same birth date")
			.contains("name=\"survivorVersion\" value=\"" + this.left.version() + "\"")
			.contains("name=\"mergedVersion\" value=\"" + this.right.version() + "\"")
			.contains("merge-into-left")
			.contains("merge-into-right")
			.contains("Not a duplicate");
	}

	@Test
	void aManagerMergesTheRightCustomerIntoTheLeft() {
		assertThat(merge(this.left, this.right, Role.MANAGER)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/duplicates")
			.flash()
			.containsEntry("done", "duplicates.merged");
		assertThat(this.customers.get(this.left.id()).status()).isEqualTo(CustomerStatus.ACTIVE);
		assertThatThrownBy(() -> this.customers.get(this.right.id())).isInstanceOf(CustomerMovedException.class);
	}

	@Test
	void aManagerMergesTheLeftCustomerIntoTheRight() {
		assertThat(merge(this.right, this.left, Role.MANAGER)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("done", "duplicates.merged");
		assertThat(this.customers.get(this.right.id()).status()).isEqualTo(CustomerStatus.ACTIVE);
		assertThatThrownBy(() -> this.customers.get(this.left.id())).isInstanceOf(CustomerMovedException.class);
	}

	@Test
	void aPairChangedSinceTheManagerLookedIsNotMerged() {
		CustomerView seen = this.right;
		this.customers.addTags(this.right.id(), java.util.List.of("changed-meanwhile"));
		assertThat(merge(this.left, seen, Role.MANAGER)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("refused", "duplicates.stale");
		assertThat(this.customers.get(this.right.id()).status()).isEqualTo(CustomerStatus.ACTIVE);
	}

	@Test
	void notADuplicateTakesThePairOffTheQueue() {
		assertThat(this.mvc.post()
			.uri("/duplicates/dismiss")
			.param("a", this.left.id().toString())
			.param("b", this.right.id().toString())
			.with(as(Role.MANAGER))
			.with(csrf())).hasStatus3xxRedirection().flash().containsEntry("done", "duplicates.dismissed");
		assertThat(
				this.mvc.get().uri("/duplicates").param("customer", this.left.id().toString()).with(as(Role.MANAGER)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"no-duplicates\"")
			.doesNotContain("pair-" + this.left.id());
	}

	@Test
	void marketersAndSalesSeeThePairWithoutButtonsAndCannotDecide() {
		for (Role role : new Role[] { Role.MARKETER, Role.SALES }) {
			assertThat(this.mvc.get().uri("/duplicates").param("customer", this.left.id().toString()).with(as(role)))
				.hasStatusOk()
				.bodyText()
				.contains("pair-" + this.left.id())
				.doesNotContain("merge-into-left")
				.doesNotContain("/duplicates/dismiss");
			assertThat(merge(this.left, this.right, role)).hasStatus(403);
			assertThat(this.mvc.post()
				.uri("/duplicates/dismiss")
				.param("a", this.left.id().toString())
				.param("b", this.right.id().toString())
				.with(as(role))
				.with(csrf())).hasStatus(403);
		}
		assertThat(this.customers.get(this.right.id()).status()).isEqualTo(CustomerStatus.ACTIVE);
	}

	@Test
	void mergeAndDismissWithoutTheCsrfTokenAreRefused() {
		assertThat(this.mvc.post()
			.uri("/duplicates/merge")
			.param("survivor", this.left.id().toString())
			.param("merged", this.right.id().toString())
			.with(as(Role.MANAGER))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/duplicates/dismiss")
			.param("a", this.left.id().toString())
			.param("b", this.right.id().toString())
			.with(as(Role.MANAGER))).hasStatus(403);
		assertThat(this.customers.get(this.right.id()).status()).isEqualTo(CustomerStatus.ACTIVE);
		assertThat(
				this.mvc.get().uri("/duplicates").param("customer", this.left.id().toString()).with(as(Role.MANAGER)))
			.bodyText()
			.contains("pair-" + this.left.id());
	}

	private MockMvcTester.MockMvcRequestBuilder merge(CustomerView survivor, CustomerView merged, Role role) {
		return this.mvc.post()
			.uri("/duplicates/merge")
			.param("survivor", survivor.id().toString())
			.param("survivorVersion", Long.toString(survivor.version()))
			.param("merged", merged.id().toString())
			.param("mergedVersion", Long.toString(merged.version()))
			.with(as(role))
			.with(csrf());
	}

	@Test
	void theIdentitiesBothCustomersHaveAreMarked() {
		String u = ConsoleTestData.suffix();
		CustomerView one = this.customers.create(
				new NewCustomer(CustomerKind.PERSON, "Ana", "Lopez" + u, null, null, null, null, null,
						List.of(NewIdentity.of(IdentityType.EMAIL, "ana.lopez." + u + "@gmail.com"),
								NewIdentity.of(IdentityType.EMAIL, "ana" + u + "@example.com")),
						null, null, null, null));
		this.customers.create(new NewCustomer(CustomerKind.PERSON, "A", "Lopes" + u, null, null, null, null, null,
				List.of(NewIdentity.of(IdentityType.EMAIL, "analopez" + u + "+shop@gmail.com")), null, null, null,
				null));
		this.duplicates.detect();

		assertThat(this.mvc.get().uri("/duplicates").param("customer", one.id().toString()).with(as(Role.MANAGER)))
			.hasStatusOk()
			.bodyText()
			.contains("Marked: the identities both customers have.")
			.containsOnlyOnce(
					"<div class=\"identity shared\" title=\"The other customer has this identity too\">EMAIL: ana.lopez."
							+ u + "@gmail.com</div>")
			.containsOnlyOnce(
					"<div class=\"identity shared\" title=\"The other customer has this identity too\">EMAIL: analopez"
							+ u + "+shop@gmail.com</div>")
			.contains("<div class=\"identity\">EMAIL: ana" + u + "@example.com</div>");
	}

	static NewCustomer person(String given, String family, LocalDate born) {
		return new NewCustomer(CustomerKind.PERSON, given, family, null, born, null, null, null, null, null, null, null,
				null);
	}

}
