package org.rapport.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A value quoted by a refusal is shown whole when short, cut when long, and visible. */
class ShownValueTest {

	@Test
	void aShortValueIsShownAsItIs() {
		assertThat(ShownValue.of("NOPE-1")).isEqualTo("NOPE-1");
		assertThat(ShownValue.of("Café «Ñ» 東京 😀")).isEqualTo("Café «Ñ» 東京 😀");
		assertThat(ShownValue.of(null)).isEmpty();
	}

	@Test
	void aLongValueIsCutAfterItsFirstCharactersWithAnEllipsis() {
		assertThat(ShownValue.of("x".repeat(ShownValue.MAX))).isEqualTo("x".repeat(ShownValue.MAX));
		assertThat(ShownValue.of("x".repeat(300))).isEqualTo("x".repeat(ShownValue.MAX) + "…");
		assertThat(ShownValue.of("😀".repeat(100))).isEqualTo("😀".repeat(ShownValue.MAX) + "…");
	}

	@Test
	void controlCharactersAndDirectionOverridesAreWrittenAsEscapes() {
		assertThat(ShownValue.of("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
		assertThat(ShownValue.of("2024-03\u000003")).isEqualTo("2024-03\\u000003");
		assertThat(ShownValue.of("abc\u202Efed")).isEqualTo("abc\\u202Efed");
		assertThat(ShownValue.of("bell\u0007")).isEqualTo("bell\\u0007");
	}

}
