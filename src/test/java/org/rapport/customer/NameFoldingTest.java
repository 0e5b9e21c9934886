package org.rapport.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameFoldingTest {

	@Test
	void accentsAndCaseDoNotMatter() {
		assertThat(NameFolding.fold("José")).isEqualTo(NameFolding.fold("jose")).isEqualTo("jose");
		assertThat(NameFolding.fold("GARCÍA")).isEqualTo("garcia");
		assertThat(NameFolding.fold("Müller-Łukasz")).isEqualTo("muller-lukasz");
	}

	@Test
	void cyrillicNamesKeepTheirLettersInLowerCase() {
		assertThat(NameFolding.tokens("Иванов")).containsExactly("иванов");
		assertThat(NameFolding.fold("Ёлкин")).isEqualTo("елкин");
		assertThat(NameFolding.tokens("Иванов").get(0)).startsWith(NameFolding.fold("Ива"));
	}

	@Test
	void malayNamesSplitIntoEveryWord() {
		assertThat(NameFolding.tokens("Nur Aisyah binti Abdullah")).containsExactly("nur", "aisyah", "binti",
				"abdullah");
	}

	@Test
	void tokensOfSeveralNamesAreDistinctAndInOrder() {
		assertThat(NameFolding.tokens("José María", "García-Pérez", "josé")).containsExactly("jose", "maria", "garcia",
				"perez");
	}

	@Test
	void overlongWordsAreCut() {
		assertThat(NameFolding.tokens("a".repeat(100)).get(0)).hasSize(NameFolding.MAX_TOKEN);
	}

}
