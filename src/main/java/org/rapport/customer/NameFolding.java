package org.rapport.customer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds names for search: lower case, accents and other combining marks removed, a few
 * letters that do not decompose mapped by hand. "José" and "jose" fold alike; Cyrillic
 * and Malay names keep their own letters ("Ёлкин" folds to "елкин").
 */
public final class NameFolding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	/** Longest token kept; longer words are cut (prefix search still finds them). */
	static final int MAX_TOKEN = 40;

	private NameFolding() {
	}

	public static String fold(String text) {
		if (text == null) {
			return "";
		}
		String lower = text.toLowerCase(Locale.ROOT);
		String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
		StringBuilder sb = new StringBuilder(stripped.length());
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			switch (c) {
				case 'ß' -> sb.append("ss");
				case 'ł' -> sb.append('l');
				case 'ø' -> sb.append('o');
				case 'đ' -> sb.append('d');
				case 'æ' -> sb.append("ae");
				case 'œ' -> sb.append("oe");
				case 'ı' -> sb.append('i');
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}

	/**
	 * The distinct folded words of the given names, in order, each at most
	 * {@value #MAX_TOKEN} chars.
	 */
	public static List<String> tokens(String... names) {
		Set<String> tokens = new LinkedHashSet<>();
		for (String name : names) {
			for (String word : SEPARATORS.split(fold(name))) {
				if (!word.isEmpty()) {
					tokens.add(word.length() > MAX_TOKEN ? word.substring(0, MAX_TOKEN) : word);
				}
			}
		}
		return new ArrayList<>(tokens);
	}

}
