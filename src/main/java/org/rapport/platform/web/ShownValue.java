package org.rapport.platform.web;

/**
 * A value a person typed or a file held, as a refusal quotes it: a character that cannot
 * be seen or that would break the line (a control character, a line separator, a
 * direction override) is written as an escape ({@code \n}, {@code \t}, a NUL as
 * {@code \}{@code u0000}), and a value longer than {@value #MAX} characters is cut there
 * and ends with an ellipsis. The sentence puts the quotes around it ({@code ''{0}''} in
 * English, «{0}» in Spanish and Russian).
 */
public final class ShownValue {

	/** The most characters (code points) of a value a sentence shows. */
	public static final int MAX = 64;

	private ShownValue() {
	}

	/** The value as a sentence shows it; null is empty. */
	public static String of(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder shown = new StringBuilder(Math.min(value.length(), MAX + 8));
		int count = 0;
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			i += Character.charCount(c);
			if (count == MAX) {
				return shown.append('…').toString();
			}
			count++;
			switch (c) {
				case '\n' -> shown.append("\\n");
				case '\r' -> shown.append("\\r");
				case '\t' -> shown.append("\\t");
				default -> {
					if (hidden(c)) {
						shown.append(String.format("\\u%04X", c));
					}
					else {
						shown.appendCodePoint(c);
					}
				}
			}
		}
		return shown.toString();
	}

	private static boolean hidden(int c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
