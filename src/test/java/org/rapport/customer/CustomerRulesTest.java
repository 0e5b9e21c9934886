package org.rapport.customer;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerRulesTest {

	static Profile person(String given, String family) {
		return new Profile(given, family, null, null, null);
	}

	@Test
	void aPersonNeedsAGivenOrAFamilyName() {
		assertThatThrownBy(() -> CustomerNames.require(CustomerKind.PERSON, person(" ", null))).isInstanceOfSatisfying(
				ApiException.class, (ex) -> assertThat(ex.fieldProblems()).extracting(ApiException.FieldProblem::field)
					.containsExactly("givenName"));
		CustomerNames.require(CustomerKind.PERSON, person(null, "Abdullah"));
		CustomerNames.require(CustomerKind.PERSON, person("Madonna", null));
	}

	@Test
	void aCompanyNeedsItsCompanyName() {
		assertThatThrownBy(() -> CustomerNames.require(CustomerKind.COMPANY, person("Ana", "López")))
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.fieldProblems().get(0).field()).isEqualTo("companyName"));
	}

	@Test
	void theDisplayNameIsGivenThenFamilyNameOrTheCompanyName() {
		assertThat(CustomerNames.displayName(CustomerKind.PERSON, person("Nur Aisyah", "binti Abdullah")))
			.isEqualTo("Nur Aisyah binti Abdullah");
		assertThat(CustomerNames.displayName(CustomerKind.PERSON, person(null, "Иванов"))).isEqualTo("Иванов");
		assertThat(CustomerNames.displayName(CustomerKind.COMPANY, new Profile(null, null, "Acme SL", null, null)))
			.isEqualTo("Acme SL");
	}

	@Test
	void tagsAreLowerCaseWithDashesForSpaces() {
		assertThat(Tags.normalise(" VIP ")).isEqualTo("vip");
		assertThat(Tags.normalise("Cliente Oro")).isEqualTo("cliente-oro");
		assertThat(Tags.normalise("Пенсионер")).isEqualTo("пенсионер");
		assertThat(Tags.normaliseAll(List.of("b", "A", "a"))).containsExactly("a", "b");
	}

	@Test
	void tagsWithSymbolsOrTooLongAreRefused() {
		assertThatThrownBy(() -> Tags.normalise("#vip")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Tags.normalise("x".repeat(Tags.MAX_LENGTH + 1))).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Tags.normalise("  ")).isInstanceOf(ApiException.class);
	}

	@Test
	void onlyAPersonCanBeTheContactOfACompany() {
		UUID company = UUID.randomUUID();
		UUID person = UUID.randomUUID();
		ContactPeople.checkLink(company, CustomerKind.COMPANY, person, CustomerKind.PERSON);
		assertThatThrownBy(() -> ContactPeople.checkLink(company, CustomerKind.PERSON, person, CustomerKind.PERSON))
			.isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ContactPeople.checkLink(company, CustomerKind.COMPANY, person, CustomerKind.COMPANY))
			.isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> ContactPeople.checkLink(company, CustomerKind.COMPANY, company, CustomerKind.PERSON))
			.isInstanceOf(ApiException.class);
	}

	@Test
	void attributeKeysAreIdentifiers() {
		assertThat(Attributes.checkKey("crm.legacy_id")).isEqualTo("crm.legacy_id");
		assertThatThrownBy(() -> Attributes.checkKey("1st")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Attributes.checkKey("a b")).isInstanceOf(ApiException.class);
	}

	@Test
	void sortNamesWithMinusMeanDescending() {
		assertThat(CustomerSort.parse("-created")).isEqualTo(CustomerSort.CREATED_DESC);
		assertThat(CustomerSort.parse("name")).isEqualTo(CustomerSort.NAME);
		assertThat(CustomerSort.parse(null)).isEqualTo(CustomerSort.NAME);
		assertThatThrownBy(() -> CustomerSort.parse("salary")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void ifMatchIsRequiredAndCarriesTheVersion() {
		assertThatThrownBy(() -> IfMatch.version(null)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.status().value()).isEqualTo(428));
		assertThat(IfMatch.version("\"7\"")).isEqualTo(7);
		assertThat(IfMatch.version("W/\"7\"")).isEqualTo(7);
		assertThatThrownBy(() -> IfMatch.version("\"abc\"")).isInstanceOf(ApiException.class);
	}

}
