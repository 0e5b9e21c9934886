package org.rapport.loyalty;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTest {

	@Test
	void knownNumbersPassAndASingleWrongDigitFails() {
		assertThat(Luhn.isValid("79927398713")).isTrue();
		assertThat(Luhn.isValid("4111111111111111")).isTrue();
		assertThat(Luhn.isValid("79927398710")).isFalse();
		assertThat(Luhn.isValid("4111111111111112")).isFalse();
	}

	@Test
	void lettersAndTooShortNumbersAreNotCardNumbers() {
		assertThat(Luhn.isValid("4111-1111")).isFalse();
		assertThat(Luhn.isValid("1234567")).isFalse();
		assertThat(Luhn.isValid(null)).isFalse();
	}

	@RepeatedTest(20)
	void generatedNumbersHaveThePrefixTheLengthAndAValidCheckDigit() {
		String n = Luhn.generate("600");
		assertThat(n).startsWith("600").hasSize(16);
		assertThat(Luhn.isValid(n)).isTrue();
	}

	@Test
	void numbersWrittenWithSpacesOrDashesAreNormalised() {
		assertThat(Luhn.normalise("4111 1111-1111 1111")).isEqualTo("4111111111111111");
	}

}
