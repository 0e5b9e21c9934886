package org.rapport.loyalty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A single-use voucher code: 15 random characters of the Crockford base-32 alphabet (75
 * bits, no I, L, O or U) and a Luhn mod 32 check character, written in four groups of
 * four ({@code 7KQ2-M9XD-4TRB-HV3P}). Reading forgives case, spaces, dashes and the usual
 * confusions (O for 0, I and L for 1). Only {@link #hash()} is stored.
 */
record VoucherCode(String value) {

	static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	static final int RANDOM_LENGTH = 15;

	private static final SecureRandom RANDOM = new SecureRandom();

	static VoucherCode generate() {
		StringBuilder sb = new StringBuilder(RANDOM_LENGTH + 1);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		sb.append(checkCharacter(sb));
		return new VoucherCode(sb.toString());
	}

	/**
	 * The code typed or scanned, normalised; empty when it has the wrong length, a
	 * character outside the alphabet or a wrong check character.
	 */
	static Optional<VoucherCode> parse(String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		StringBuilder sb = new StringBuilder();
		for (char c : typed.toUpperCase().toCharArray()) {
			if (c == '-' || Character.isWhitespace(c)) {
				continue;
			}
			char n = switch (c) {
				case 'O' -> '0';
				case 'I', 'L' -> '1';
				default -> c;
			};
			if (ALPHABET.indexOf(n) < 0) {
				return Optional.empty();
			}
			sb.append(n);
		}
		if (sb.length() != RANDOM_LENGTH + 1
				|| checkCharacter(sb.subSequence(0, RANDOM_LENGTH)) != sb.charAt(RANDOM_LENGTH)) {
			return Optional.empty();
		}
		return Optional.of(new VoucherCode(sb.toString()));
	}

	/** Luhn mod N over the alphabet: catches every single wrong character. */
	static char checkCharacter(CharSequence payload) {
		int n = ALPHABET.length();
		int factor = 2;
		int sum = 0;
		for (int i = payload.length() - 1; i >= 0; i--) {
			int addend = factor * ALPHABET.indexOf(payload.charAt(i));
			factor = (factor == 2) ? 1 : 2;
			sum += (addend / n) + (addend % n);
		}
		return ALPHABET.charAt((n - (sum % n)) % n);
	}

	/** As shown to people: four groups of four. */
	String display() {
		return this.value.substring(0, 4) + "-" + this.value.substring(4, 8) + "-" + this.value.substring(8, 12) + "-"
				+ this.value.substring(12);
	}

	/** What is stored to recognise the code: the hex SHA-256 of the normalised code. */
	String hash() {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(this.value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The last four characters, to tell vouchers apart in lists. */
	String hint() {
		return this.value.substring(RANDOM_LENGTH - 3);
	}

	@Override
	public String toString() {
		return "VoucherCode[" + hint() + "]";
	}

}
