package org.rapport.demo;

import java.util.Map;

/** Russian Cyrillic to Latin letters, as people write their names in e-mail addresses. */
final class Transliteration {

	private static final Map<Character, String> LETTERS = Map.ofEntries(Map.entry('а', "a"), Map.entry('б', "b"),
			Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "yo"),
			Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"), Map.entry('к', "k"),
			Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
			Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"), Map.entry('ф', "f"),
			Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"),
			Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"),
			Map.entry('ю', "yu"), Map.entry('я', "ya"));

	private Transliteration() {
	}

	/** Lower-case text with its Cyrillic letters written in Latin ones. */
	static String latin(String lowerCase) {
		StringBuilder sb = null;
		for (int i = 0; i < lowerCase.length(); i++) {
			char c = lowerCase.charAt(i);
			String latin = c >= 'а' && c <= 'ё' ? LETTERS.get(c) : null;
			if (latin != null && sb == null) {
				sb = new StringBuilder(lowerCase.length() + 8).append(lowerCase, 0, i);
			}
			if (sb != null) {
				sb.append(latin == null ? String.valueOf(c) : latin);
			}
		}
		return sb == null ? lowerCase : sb.toString();
	}

}
