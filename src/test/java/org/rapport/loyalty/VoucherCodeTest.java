package org.rapport.loyalty;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VoucherCodeTest {

	@Test
	void aGeneratedCodeIsSixteenCharactersOfTheAlphabetInFourGroupsAndReadsBack() {
		for (int i = 0; i < 1000; i++) {
			VoucherCode code = VoucherCode.generate();
			assertThat(code.value()).hasSize(16).matches("[0-9A-HJKMNP-TV-Z]{16}");
			assertThat(code.display()).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
			assertThat(VoucherCode.parse(code.display())).contains(code);
			assertThat(VoucherCode.parse(code.value())).contains(code);
		}
	}

	@Test
	void everySingleWrongCharacterIsRefusedByTheCheckCharacter() {
		VoucherCode code = VoucherCode.generate();
		for (int position = 0; position < 16; position++) {
			for (char c : VoucherCode.ALPHABET.toCharArray()) {
				if (c == code.value().charAt(position)) {
					continue;
				}
				String typo = code.value().substring(0, position) + c + code.value().substring(position + 1);
				assertThat(VoucherCode.parse(typo)).as(typo).isEmpty();
			}
		}
	}

	@Test
	void readingForgivesCaseSpacesDashesAndLookalikeLetters() {
		String payload = "0123456789ABCDE";
		String value = payload + VoucherCode.checkCharacter(payload);
		String typed = " o123-4567 89ab-cde" + Character.toLowerCase(value.charAt(15)) + " ";
		assertThat(VoucherCode.parse(typed)).contains(new VoucherCode(value));
		// L reads as 1, which makes another payload: the check character no longer
		// matches
		assertThat(VoucherCode.parse("l123456789ABCDE" + value.charAt(15))).isEmpty();
		assertThat(VoucherCode.parse(payload.replace('1', 'I') + value.charAt(15))).contains(new VoucherCode(value));
	}

	@Test
	void codesOfTheWrongLengthOrWithForeignCharactersAreRefused() {
		VoucherCode code = VoucherCode.generate();
		assertThat(VoucherCode.parse(code.value().substring(1))).isEmpty();
		assertThat(VoucherCode.parse(code.value() + "0")).isEmpty();
		assertThat(VoucherCode.parse(code.value().substring(0, 15) + "U")).isEmpty();
		assertThat(VoucherCode.parse(null)).isEmpty();
	}

	@Test
	void onlyAHashThatDoesNotContainTheCodeIsStored() {
		VoucherCode code = VoucherCode.generate();
		assertThat(code.hash()).hasSize(64).doesNotContain(code.value()).isEqualTo(code.hash());
		assertThat(code.hint()).isEqualTo(code.value().substring(12));
		assertThat(code.toString()).doesNotContain(code.value().substring(0, 12));
	}

	@Test
	void generatedCodesDoNotRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			assertThat(seen.add(VoucherCode.generate().value())).isTrue();
		}
	}

}
