package org.rapport.loyalty;

import java.security.SecureRandom;

/** Card numbers with a Luhn check digit (ISO/IEC 7812): validation and generation. */
final class Luhn {

	static final int LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Luhn() {
	}

	/** True for a string of 8 to 19 digits whose last digit is the Luhn check digit. */
	static boolean isValid(String number) {
		if (number == null || !number.matches("[0-9]{8,19}")) {
			return false;
		}
		return checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
	}

	/** The check digit to append to {@code payload}. */
	static int checkDigit(String payload) {
		int sum = 0;
		boolean twice = true;
		for (int i = payload.length() - 1; i >= 0; i--) {
			int d = payload.charAt(i) - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return (10 - sum % 10) % 10;
	}

	/** A random valid number of {@link #LENGTH} digits starting with {@code prefix}. */
	static String generate(String prefix) {
		StringBuilder sb = new StringBuilder(prefix);
		while (sb.length() < LENGTH - 1) {
			sb.append(RANDOM.nextInt(10));
		}
		return sb.append(checkDigit(sb.toString())).toString();
	}

	/** Digits only: "6001 2345-6789" → "600123456789". */
	static String normalise(String written) {
		return (written == null) ? null : written.replaceAll("[\\s-]", "");
	}

}
