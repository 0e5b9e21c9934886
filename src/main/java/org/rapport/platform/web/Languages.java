package org.rapport.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Rapport speaks: the console's, and those of what it writes for customers.
 */
public final class Languages {

	/** English first, then Spanish, Russian and Malay. */
	public static final List<Locale> ALL = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
			Locale.forLanguageTag("ru"), Locale.forLanguageTag("ms"));

	private Languages() {
	}

	/**
	 * The language a tag names ({@code es}, {@code es-MX}, {@code RU}) when it is one of
	 * ours; empty for another, a blank or a malformed tag.
	 */
	public static Optional<Locale> of(String tag) {
		if (tag == null || tag.isBlank()) {
			return Optional.empty();
		}
		String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
		return ALL.stream().filter((l) -> l.getLanguage().equals(language)).findFirst();
	}

}
