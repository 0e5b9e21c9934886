package org.rapport.audit;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * An audit entry's summary as stored: the English every entry keeps and, for an entry
 * written from a bundle key, that key and its values as text (the {@code summary_text}
 * column). It is shown in the reader's language from the key; an entry written before, or
 * with a sentence no wording writes, or whose key has no wording in the reader's
 * language, shows its English. A redacted entry has no summary.
 */
record AuditSummary(String english, String key, List<String> values) {

	AuditSummary {
		values = (values == null) ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
	}

	/** A summary kept as it is in every language. */
	static AuditSummary english(String english) {
		return new AuditSummary(english, null, List.of());
	}

	/** The summary in the locale's language, its English when no wording is found. */
	String in(MessageSource messages, Locale locale) {
		if (this.english == null || this.key == null || messages == null || locale == null
				|| Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
			return this.english;
		}
		String pattern = messages.getMessage(this.key, null, null, locale);
		if (pattern == null) {
			return this.english;
		}
		if (this.values.isEmpty()) {
			return pattern;
		}
		try {
			return new MessageFormat(pattern, locale).format(this.values.toArray());
		}
		catch (IllegalArgumentException ex) {
			// a wording that no longer reads its values shows what was written
			return this.english;
		}
	}

}
