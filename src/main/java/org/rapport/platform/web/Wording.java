package org.rapport.platform.web;

import java.util.List;
import java.util.Objects;

/**
 * A sentence the code stores in English (a ledger movement's reason, an import's
 * rejection, an audit entry's summary): its bundle key and its English
 * {@link java.text.MessageFormat} pattern, whose values are plain {@code {n}} and are
 * given as text (ADR 0092). What is stored is {@link #stored}; {@link Wordings#read}
 * finds the wording and its values again, so the sentence can be shown in the reader's
 * language, the rows written before included.
 */
public record Wording(String key, String english, List<Integer> sentences) {

	public Wording {
		Objects.requireNonNull(key);
		Objects.requireNonNull(english);
		sentences = List.copyOf(sentences);
	}

	/**
	 * @param key the bundle key, {@code <module>.<what>}
	 * @param english the English pattern, its values plain {@code {n}}
	 */
	public static Wording of(String key, String english) {
		return new Wording(key, english, List.of());
	}

	/**
	 * The same wording, whose values at these positions are themselves stored sentences
	 * (e.g. a rule's explanation followed by why it did not count): they are read back
	 * and shown in the reader's language too.
	 */
	public Wording sentencesAt(Integer... positions) {
		return new Wording(this.key, this.english, List.of(positions));
	}

	/** The sentence with these values, to be shown now. */
	public Text with(Object... values) {
		return Text.of(this.key, this.english, texts(values));
	}

	/** The English sentence with these values, as it is stored. */
	public String stored(Object... values) {
		return with(values).english();
	}

	/**
	 * Values as text, so that a stored number reads as it was written (no grouping); a
	 * sentence stays a sentence.
	 */
	private static Object[] texts(Object... values) {
		Object[] texts = new Object[values.length];
		for (int i = 0; i < values.length; i++) {
			texts[i] = (values[i] instanceof Text) ? values[i] : (values[i] == null) ? "" : String.valueOf(values[i]);
		}
		return texts;
	}

}
