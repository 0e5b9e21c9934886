package org.rapport.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test tags its customers with a tag of its own and filters by it, so customers of
 * other tests in the shared database do not show up.
 */
@IntegrationTest
class CustomerSearchApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	CustomerApiFixture api;

	StaffMember salesperson;

	RequestPostProcessor sales;

	String tag;

	@BeforeEach
	void setUp() {
		this.api = new CustomerApiFixture(this.mvc, this.json, this.staff);
		this.salesperson = this.api.staffMember(Role.SALES, "Sara Sales");
		this.sales = this.api.as(this.salesperson);
		this.tag = CustomerApiFixture.unique("t-");
	}

	String person(String given, String family, Object... extra) {
		Map<String, Object> body = new HashMap<>(Map.of("kind", "PERSON", "tags", List.of(this.tag)));
		if (given != null) {
			body.put("givenName", given);
		}
		if (family != null) {
			body.put("familyName", family);
		}
		for (int i = 0; i < extra.length; i += 2) {
			body.put((String) extra[i], extra[i + 1]);
		}
		return this.api.create(this.sales, body).get("id").asString();
	}

	JsonNode search(String query) {
		return this.api.body(this.api.get(this.sales, "/api/v1/customers?tag=" + this.tag + "&" + query));
	}

	List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("items").forEach((item) -> names.add(item.get("displayName").asString()));
		return names;
	}

	@Test
	void accentlessPrefixesOfEveryWordFindTheName() {
		person("José", "García");
		person("Josefina", "Martín");
		person("Ana", "García");
		assertThat(names(search("q=jose gar"))).containsExactly("José García");
		assertThat(names(search("q=JOSE"))).containsExactly("José García", "Josefina Martín");
		assertThat(names(search("q=garcia"))).containsExactly("Ana García", "José García");
		assertThat(names(search("q=gar jose"))).containsExactly("José García");
		assertThat(names(search("q=xyz"))).isEmpty();
	}

	@Test
	void cyrillicAndMalayNamesAreFoundByPrefix() {
		person("Иван", "Иванов");
		person("Nur Aisyah", "binti Abdullah");
		assertThat(names(search("q=ива"))).containsExactly("Иван Иванов");
		assertThat(names(search("q=Иванов"))).containsExactly("Иван Иванов");
		assertThat(names(search("q=aisyah abd"))).containsExactly("Nur Aisyah binti Abdullah");
		assertThat(names(search("q=binti"))).containsExactly("Nur Aisyah binti Abdullah");
	}

	@Test
	void aQueryThatIsAnEmailOrPhoneFindsItsHolder() {
		String email = CustomerApiFixture.unique("carmen.") + "@Example.org";
		person("Carmen", "Ruiz", "identities",
				List.of(Map.of("type", "EMAIL", "value", email), Map.of("type", "PHONE", "value", "+1 415 555 0123")));
		person("Carmen", "Other");
		assertThat(names(search("q=" + email.toUpperCase()))).containsExactly("Carmen Ruiz");
		assertThat(names(search("q=(415) 555-0123"))).containsExactly("Carmen Ruiz");
	}

	@Test
	void filtersNarrowTheListByStageKindAndAssignee() {
		person("Lost", "Customer", "lifecycleStage", "LOST");
		person("Loyal", "Customer", "lifecycleStage", "LOYAL", "assignedStaffId", this.salesperson.id());
		this.api.create(this.sales, Map.of("kind", "COMPANY", "companyName", "Acme SL", "tags", List.of(this.tag)));
		assertThat(names(search("stage=LOST"))).containsExactly("Lost Customer");
		assertThat(names(search("kind=COMPANY"))).containsExactly("Acme SL");
		assertThat(names(search("assignedTo=" + this.salesperson.id()))).containsExactly("Loyal Customer");
		assertThat(search("assignedTo=" + this.salesperson.id()).get("items")
			.get(0)
			.get("assignedStaff")
			.get("name")
			.asString()).isEqualTo("Sara Sales");
	}

	@Test
	void pagesAreSortedAndCountTheWholeResult() {
		for (String name : List.of("Delta", "alpha", "Charlie", "bravo", "Echo")) {
			person(name, "Pager");
		}
		JsonNode first = search("sort=name&page=0&size=2");
		assertThat(names(first)).containsExactly("alpha Pager", "bravo Pager");
		assertThat(first.get("totalItems").asInt()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(names(search("sort=name&page=2&size=2"))).containsExactly("Echo Pager");
		assertThat(names(search("sort=-name&page=0&size=2"))).containsExactly("Echo Pager", "Delta Pager");
		List<String> created = new ArrayList<>();
		search("sort=-created&size=5").get("items").forEach((i) -> created.add(i.get("createdAt").asString()));
		assertThat(created)
			.isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
	}

	@Test
	void aPageLargerThanTheLimitOrAnUnknownSortIsRefused() {
		assertThat(this.api.get(this.sales, "/api/v1/customers?size=201")).hasStatus(400);
		assertThat(this.api.get(this.sales, "/api/v1/customers?sort=salary")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("sort");
	}

}
