package org.rapport.interaction;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;

/**
 * One part of a rejected row's reason as it was written: the column or field it is about
 * (empty for the row as a whole), the bundle key of its sentence and the sentence's
 * values as text. The parts are stored beside the English reason, so that the reason can
 * be shown in the reader's language. A part without a key (a sentence given in English
 * only, or one whose values are themselves sentences) has no other wording.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReasonPart(String field, String key, List<String> values) {

	public ReasonPart {
		field = (field == null) ? "" : field;
		key = (key == null || key.isEmpty()) ? null : key;
		values = (values == null) ? List.of() : List.copyOf(values);
	}

	/** The part about this field (empty: the whole row) with this sentence, if any. */
	static ReasonPart of(String field, Text text) {
		if (text == null || text.isVerbatim()) {
			return new ReasonPart(field, null, List.of());
		}
		List<String> values = new ArrayList<>();
		for (Object value : text.values()) {
			if (value instanceof Text) {
				return new ReasonPart(field, null, List.of());
			}
			values.add((value == null) ? "" : String.valueOf(value));
		}
		return new ReasonPart(field, text.key(), values);
	}

	/**
	 * The part's sentence in the locale's language, preceded by its field; null when it
	 * has no key, the locale's bundle has no wording for it, or the wording names more
	 * values than the part kept (it was stored before its wording came to name the
	 * offending value, and its English says what it said then).
	 */
	String in(MessageSource messages, Locale locale) {
		if (this.key == null || messages == null || locale == null) {
			return null;
		}
		String pattern = messages.getMessage(this.key, null, null, locale);
		if (pattern == null || namesMoreValues(pattern)) {
			return null;
		}
		String sentence = Text.of(this.key, pattern, this.values.toArray()).in(messages, locale);
		return this.field.isEmpty() ? sentence : this.field + ": " + sentence;
	}

	private boolean namesMoreValues(String pattern) {
		if (pattern.indexOf('{') < 0) {
			return false;
		}
		try {
			return new MessageFormat(pattern).getFormatsByArgumentIndex().length > this.values.size();
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

}
