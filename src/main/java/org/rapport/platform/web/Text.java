package org.rapport.platform.web;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * A sentence for people that the code writes (a refusal, a field's message), kept as a
 * bundle key, its English wording and its values until the language of the reader is
 * known (ADR 0090). The wording is a {@link MessageFormat} pattern: {@code {0}} for a
 * value, {@code ''} for an apostrophe when the text has values. The translations live in
 * the module's bundle {@code i18n/texts/<module>_<language>.properties} under the key; a
 * language without one shows the English wording.
 */
public final class Text {

	private final String key;

	private final String english;

	private final Object[] values;

	private Text(String key, String english, Object[] values) {
		this.key = Objects.requireNonNull(key);
		this.english = Objects.requireNonNull(english);
		this.values = values.clone();
	}

	/**
	 * @param key the bundle key, {@code <module>.<what>} (e.g.
	 * {@code loyalty.rule.unknown-group})
	 * @param english the English wording, a {@link MessageFormat} pattern when values are
	 * given
	 * @param values the values its placeholders name, in order
	 */
	public static Text of(String key, String english, Object... values) {
		return new Text(key, english, values);
	}

	/**
	 * A sentence kept as it is in every language: what a person wrote, or a stored
	 * sentence no wording reads back (ADR 0092).
	 */
	public static Text verbatim(String sentence) {
		return new Text("", sentence, new Object[0]);
	}

	/** Whether this sentence is kept as it is in every language. */
	public boolean isVerbatim() {
		return this.key.isEmpty();
	}

	public String key() {
		return this.key;
	}

	public List<Object> values() {
		return Arrays.asList(this.values.clone());
	}

	/** The English sentence: what the log, the stored reports and English readers see. */
	public String english() {
		return format(this.english, Locale.ENGLISH);
	}

	/** The sentence in the locale's language, English when its bundle lacks the key. */
	public String in(MessageSource messages, Locale locale) {
		if (messages == null || locale == null || isVerbatim()) {
			return english();
		}
		String pattern = messages.getMessage(this.key, null, null, locale);
		return format((pattern == null) ? this.english : pattern, locale, messages);
	}

	/** The sentence in the language of the request being served (English otherwise). */
	public String in(MessageSource messages) {
		return in(messages, LocaleContextHolder.getLocale());
	}

	private String format(String pattern, Locale locale) {
		return format(pattern, locale, null);
	}

	/** A value that is itself a sentence is shown in the same language. */
	private String format(String pattern, Locale locale, MessageSource messages) {
		if (this.values.length == 0) {
			return pattern;
		}
		Object[] shown = this.values;
		for (int i = 0; i < shown.length; i++) {
			if (shown[i] instanceof Text inner) {
				if (shown == this.values) {
					shown = this.values.clone();
				}
				shown[i] = (messages == null) ? inner.english() : inner.in(messages, locale);
			}
		}
		return new MessageFormat(pattern, locale).format(shown);
	}

	@Override
	public String toString() {
		return english();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Text text && this.key.equals(text.key) && this.english.equals(text.english)
				&& Arrays.equals(this.values, text.values);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, this.english, Arrays.hashCode(this.values));
	}

}
