package org.rapport.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DuplicateSuggestionsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	CustomerDuplicates duplicates;

	CustomerFixture customers;

	StaffLogins staff;

	@BeforeEach
	void setUp() {
		this.customers = new CustomerFixture(this.jdbc);
		this.staff = new StaffLogins(this.staffDirectory);
	}

	@Test
	void gmailDotsAndPlusTagsSuggestTheSameIdentity() {
		String u = CustomerFixture.unique();
		UUID ana = this.customers.person("Ana", "Lopez" + u).email("ana.lopez." + u + "@gmail.com").create();
		UUID other = this.customers.person("Ana", "Lopes" + u).email("analopez" + u + "+shop@gmail.com").create();

		detect();

		assertThat(reasonOf(ana, other)).isEqualTo("SAME_IDENTITY_KEY");
	}

	@Test
	void theSameNationalPhoneNumberSuggestsTheSameIdentity() {
		String number = CustomerFixture.nationalNumber();
		UUID first = this.customers.person("Jorge", "Ruiz" + CustomerFixture.unique()).phone("+34" + number).create();
		UUID second = this.customers.person("J", "R" + CustomerFixture.unique()).phone("+351" + number).create();

		detect();

		assertThat(reasonOf(first, second)).isEqualTo("SAME_IDENTITY_KEY");
	}

	@Test
	void theSameFoldedNameAndBirthDateAreSuggested() {
		String u = CustomerFixture.unique();
		LocalDate born = LocalDate.of(1985, 4, 12);
		UUID accented = this.customers.person("José", "Núñez" + u).born(born).create();
		UUID plain = this.customers.person("JOSE", "nunez" + u).born(born).create();
		UUID otherBirthday = this.customers.person("Jose", "Nunez" + u).born(born.plusDays(1)).create();

		detect();

		assertThat(reasonOf(accented, plain)).isEqualTo("NAME_AND_BIRTH_DATE");
		assertThat(reasonOf(accented, otherBirthday)).isNull();
		assertThat(reasonOf(plain, otherBirthday)).isNull();
	}

	@Test
	void cyrillicNamesFoldAlikeForNameAndBirthDate() {
		String u = CustomerFixture.unique();
		LocalDate born = LocalDate.of(1979, 1, 30);
		UUID first = this.customers.person("Пётр", "Ёлкин" + u).born(born).create();
		UUID second = this.customers.person("петр", "елкин" + u).born(born).create();

		detect();

		assertThat(reasonOf(first, second)).isEqualTo("NAME_AND_BIRTH_DATE");
	}

	@Test
	void theSameFamilyNameInitialAndAddressAreSuggested() {
		String u = CustomerFixture.unique();
		String street = "Calle Mayor 7 " + u;
		UUID maria = this.customers.person("María", "Sánchez" + u).address(street, "28013", "Madrid").create();
		UUID mary = this.customers.person("Mari", "Sanchez" + u)
			.address(street.toUpperCase(), "28013", "Madrid")
			.create();
		UUID pablo = this.customers.person("Pablo", "Sanchez" + u).address(street, "28013", "Madrid").create();

		detect();

		assertThat(reasonOf(maria, mary)).isEqualTo("SIMILAR_NAME_AND_ADDRESS");
		assertThat(reasonOf(maria, pablo)).isNull();
	}

	@Test
	void aPairMatchingSeveralRulesKeepsTheStrongestReason() {
		String u = CustomerFixture.unique();
		LocalDate born = LocalDate.of(1990, 2, 2);
		UUID first = this.customers.person("Lena", "Berg" + u).born(born).email("lena." + u + "@example.org").create();
		UUID second = this.customers.person("Lena", "Berg" + u)
			.born(born)
			.email("lena." + u + "+x@example.org")
			.create();

		detect();

		assertThat(reasonOf(first, second)).isEqualTo("SAME_IDENTITY_KEY");
	}

	@Test
	void detectionNeverPairsACustomerWithItselfNorTheSamePairTwice() {
		String u = CustomerFixture.unique();
		String key = "tri" + u + "@gmail.com";
		UUID one = this.customers.person("Tri", "One" + u).email("t.ri" + u + "@gmail.com").email(key).create();
		UUID two = this.customers.person("Tri", "Two" + u).email("tr.i" + u + "@gmail.com").create();
		UUID three = this.customers.person("Tri", "Three" + u).email("tri" + u + "+a@gmail.com").create();

		detect();
		detect();

		List<UUID[]> pairs = this.jdbc
			.sql("SELECT customer_a, customer_b FROM duplicate_candidate WHERE customer_a IN (?, ?, ?) "
					+ "OR customer_b IN (?, ?, ?)")
			.params(one, two, three, one, two, three)
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
		assertThat(pairs).hasSize(3).allSatisfy((pair) -> assertThat(pair[0]).isNotEqualTo(pair[1]));
		assertThat(pairs)
			.allSatisfy((pair) -> assertThat(CustomerDuplicates.lower(pair[0], pair[1])).isEqualTo(pair[0]));
	}

	@Test
	void aKeySharedByManyCustomersIsAPlaceholderAndSuggestsNothing() {
		String u = CustomerFixture.unique();
		UUID first = null;
		for (int i = 0; i <= DuplicateDetection.LARGEST_PLAUSIBLE_GROUP; i++) {
			UUID id = this.customers.person("Shop", "Customer" + u + (char) ('a' + i))
				.email("desk" + u + "+" + i + "@example.com")
				.create();
			first = (first == null) ? id : first;
		}

		detect();

		assertThat(this.jdbc.sql("SELECT count(*) FROM duplicate_candidate WHERE ? IN (customer_a, customer_b)")
			.param(first)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDismissedPairStaysDismissedAfterTheNextDetection() {
		String u = CustomerFixture.unique();
		UUID first = this.customers.person("Eva", "Mora" + u).email("eva" + u + "@example.com").create();
		UUID second = this.customers.person("Eva", "Mora" + u).email("eva" + u + "+news@example.com").create();
		detect();

		assertThat(this.mvc.post()
			.uri("/api/v1/duplicates/{a}/{b}/dismissal", second, first)
			.with(this.staff.as(Role.MANAGER))).hasStatus(204);
		detect();

		assertThat(this.jdbc
			.sql("SELECT status || ' ' || decided_by FROM duplicate_candidate "
					+ "WHERE ? IN (customer_a, customer_b) AND ? IN (customer_a, customer_b)")
			.params(first, second)
			.query(String.class)
			.single()).startsWith("DISMISSED ");
		assertThat(openPairIds()).doesNotContain(first.toString(), second.toString());
	}

	@Test
	void dismissingAnUnknownPairIsNotFound() {
		assertThat(this.mvc.post()
			.uri("/api/v1/duplicates/{a}/{b}/dismissal", UUID.randomUUID(), UUID.randomUUID())
			.with(this.staff.as(Role.ADMIN))).hasStatus(404)
			.bodyJson()
			.extractingPath("$.type")
			.asString()
			.endsWith("not-found");
	}

	@Test
	void theSameExternalIdFromTwoSystemsSuggestsTheSameIdentity() {
		String key = "X-" + CustomerFixture.unique();
		UUID shop = this.customers.person("Olga", "Serra" + CustomerFixture.unique())
			.identity(Identity.external("shop", key))
			.create();
		UUID crm = this.customers.person("O", "S" + CustomerFixture.unique())
			.identity(Identity.external("crm", key))
			.create();
		UUID other = this.customers.person("Pau", "Serra" + CustomerFixture.unique())
			.identity(Identity.external("crm", key + "0"))
			.create();

		detect();

		assertThat(reasonOf(shop, crm)).isEqualTo("SAME_IDENTITY_KEY");
		assertThat(reasonOf(shop, other)).isNull();
		assertThat(reasonOf(crm, other)).isNull();
	}

	@Test
	void checkingOneCustomerFindsTheOneWithItsExternalIdInAnotherSystem() {
		String key = "Y-" + CustomerFixture.unique();
		UUID shop = this.customers.person("Luis", "Mora" + CustomerFixture.unique())
			.identity(Identity.external("shop", key))
			.create();
		UUID crm = this.customers.person("L", "M" + CustomerFixture.unique())
			.identity(Identity.external("crm", key))
			.create();

		assertThat(this.duplicates.checkCustomer(crm)).isEqualTo(1);
		assertThat(reasonOf(shop, crm)).isEqualTo("SAME_IDENTITY_KEY");
	}

	@Test
	void checkingOneCustomerFindsItsPairsOnly() {
		String u = CustomerFixture.unique();
		UUID first = this.customers.person("Ines", "Vidal" + u).email("ines" + u + "@example.com").create();
		UUID second = this.customers.person("Ines", "Vidal" + u).email("ines" + u + "+1@example.com").create();
		UUID third = this.customers.person("Ines", "Vidal" + u).email("ines" + u + "+2@example.com").create();

		int found = this.duplicates.checkCustomer(third);

		assertThat(found).isEqualTo(2);
		assertThat(reasonOf(first, third)).isEqualTo("SAME_IDENTITY_KEY");
		assertThat(reasonOf(second, third)).isEqualTo("SAME_IDENTITY_KEY");
		assertThat(reasonOf(first, second)).isNull();
	}

	@Test
	void theReviewQueueShowsBothCustomersSideBySide() {
		String u = CustomerFixture.unique();
		LocalDate born = LocalDate.of(1970, 7, 7);
		UUID first = this.customers.person("Rosa", "Peral" + u)
			.born(born)
			.email("rosa" + u + "@example.com")
			.address("Via Augusta 1", "08006", "Barcelona")
			.create();
		this.customers.person("Rosa", "Peral" + u).born(born).create();
		detect();

		var response = this.mvc.get()
			.uri("/api/v1/duplicates?page=0&size=100&customer=" + first)
			.with(this.staff.as(Role.MARKETER))
			.exchange();

		assertThat(response).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[?(@.a.id == '%1$s' || @.b.id == '%1$s')]".formatted(first))
			.asArray()
			.singleElement()
			.asString()
			.contains("Peral" + u, "EMAIL: rosa" + u + "@example.com", "Via Augusta 1, 08006, Barcelona, ES",
					"1970-07-07", "NAME_AND_BIRTH_DATE");
	}

	@Test
	void theReviewerSeesWhichIdentitiesBothCustomersHave() {
		String u = CustomerFixture.unique();
		String number = CustomerFixture.nationalNumber();
		UUID ana = this.customers.person("Ana", "Lopez" + u)
			.email("ana.lopez." + u + "@gmail.com")
			.phone("+34" + number)
			.create();
		this.customers.person("Ana", "Lopes" + u)
			.email("analopez" + u + "+shop@gmail.com")
			.email("ana" + u + "@example.com")
			.create();
		detect();

		var response = this.mvc.get()
			.uri("/api/v1/duplicates?page=0&size=100&customer=" + ana)
			.with(this.staff.as(Role.MARKETER))
			.exchange();

		// the two Gmail addresses are one; the phone and the other address are the
		// customers' own
		assertThat(response).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[?(@.a.id == '%1$s' || @.b.id == '%1$s')].shared[*]".formatted(ana))
			.asArray()
			.containsExactlyInAnyOrder("EMAIL: ana.lopez." + u + "@gmail.com",
					"EMAIL: analopez" + u + "+shop@gmail.com");
	}

	@Test
	void aPageLargerThanTheLimitIsRefusedAsProblem() {
		assertThat(this.mvc.get().uri("/api/v1/duplicates?size=1000").with(this.staff.as(Role.MANAGER))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("size");
	}

	@Test
	void onlyRolesThatMergeMayRunDetectionOrDismiss() {
		for (Role role : List.of(Role.MARKETER, Role.SALES, Role.SERVICE_AGENT)) {
			assertThat(this.mvc.post().uri("/api/v1/duplicates/detection").with(this.staff.as(role))).hasStatus(403);
			assertThat(this.mvc.post()
				.uri("/api/v1/duplicates/{a}/{b}/dismissal", UUID.randomUUID(), UUID.randomUUID())
				.with(this.staff.as(role))).hasStatus(403);
		}
		assertThat(this.mvc.get().uri("/api/v1/duplicates")).hasStatus(401);
		assertThat(this.mvc.post().uri("/api/v1/duplicates/detection")).hasStatus(401);
	}

	private void detect() {
		assertThat(this.mvc.post().uri("/api/v1/duplicates/detection").with(this.staff.as(Role.MANAGER))).hasStatusOk();
	}

	private String reasonOf(UUID x, UUID y) {
		UUID a = CustomerDuplicates.lower(x, y);
		UUID b = a.equals(x) ? y : x;
		return this.jdbc.sql("SELECT reason FROM duplicate_candidate WHERE customer_a = ? AND customer_b = ?")
			.params(a, b)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private List<String> openPairIds() {
		return this.jdbc
			.sql("SELECT customer_a::text FROM duplicate_candidate WHERE status = 'OPEN' UNION "
					+ "SELECT customer_b::text FROM duplicate_candidate WHERE status = 'OPEN'")
			.query(String.class)
			.list();
	}

}
