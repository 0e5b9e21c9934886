package org.rapport.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sentence the code stores in English (a ledger movement's reason, an earning's step):
 * its bundle key and its English {@link java.text.MessageFormat} pattern, whose values
 * are plain {@code {n}} and are given as text (ADR 0092). What is stored is
 * {@link #stored}; {@link Wordings#read} finds the wording and its values again, so the
 * sentence can be shown in the reader's language, the rows written before included.
 */
public final class Wording {

	private final String key;

	private final String english;

	private final List<Integer> sentences;

	private final Map<Integer, Names> names;

	/** The pattern cut into fixed text (String) and value positions (Integer). */
	private final List<Object> parts;

	private Wording(String key, String english, List<Integer> sentences, Map<Integer, Names> names) {
		this.key = Objects.requireNonNull(key);
		this.english = Objects.requireNonNull(english);
		this.sentences = List.copyOf(sentences);
		this.names = Map.copyOf(names);
		this.parts = parts(english);
	}

	/**
	 * The names a value may hold (a rounding mode, a period, how a contact ended), stored
	 * as written and shown by the bundle's {@code prefix + name} in the reader's language
	 * (a name's spaces are hyphens in its key: {@code no answer} reads by
	 * {@code prefix + "no-answer"}); a value that is none of them is shown as stored.
	 */
	public record Names(String prefix, List<String> names) {

		public Names {
			names = List.copyOf(names);
		}

		/** The bundle key of a name, its spaces hyphens. */
		public String key(String name) {
			return this.prefix + name.replace(' ', '-');
		}

	}

	/**
	 * @param key the bundle key, {@code <module>.<what>}
	 * @param english the English pattern, its values plain {@code {n}}
	 */
	public static Wording of(String key, String english) {
		return new Wording(key, english, List.of(), Map.of());
	}

	/**
	 * The same wording, whose values at these positions are themselves stored sentences
	 * (e.g. a rule's explanation followed by why it did not count): they are read back
	 * and shown in the reader's language too.
	 */
	public Wording sentencesAt(Integer... positions) {
		return new Wording(this.key, this.english, List.of(positions), this.names);
	}

	/**
	 * The same wording, whose value at this position is one of these names (as the code
	 * spells them, e.g. {@code FLOOR}): stored as written, shown in the reader's language
	 * by the bundle key {@code prefix + name}.
	 */
	public Wording namesAt(int position, String prefix, String... names) {
		Map<Integer, Names> all = new LinkedHashMap<>(this.names);
		all.put(position, new Names(prefix, List.of(names)));
		return new Wording(this.key, this.english, this.sentences, all);
	}

	public String key() {
		return this.key;
	}

	public String english() {
		return this.english;
	}

	/** Positions of values that are stored sentences themselves. */
	public List<Integer> sentences() {
		return this.sentences;
	}

	/** The values that are names, by position. */
	public Map<Integer, Names> names() {
		return this.names;
	}

	/** The sentence with these values, to be shown now. */
	public Text with(Object... values) {
		return Text.of(this.key, this.english, texts(values));
	}

	/**
	 * The English sentence with these values, as it is stored: what {@code with(values)}
	 * reads in English, put together without parsing the pattern again (it is written on
	 * the earning path of every purchase).
	 */
	public String stored(Object... values) {
		if (this.parts.size() == 1 && this.parts.get(0) instanceof String fixed) {
			return fixed;
		}
		StringBuilder sentence = new StringBuilder(this.english.length() + 16 * values.length);
		for (Object part : this.parts) {
			if (part instanceof Integer at) {
				sentence.append((at < values.length) ? text(values[at]) : "{" + at + "}");
			}
			else {
				sentence.append((String) part);
			}
		}
		return sentence.toString();
	}

	/**
	 * Values as text, so that a stored number reads as it was written (no grouping); a
	 * sentence stays a sentence.
	 */
	private static Object[] texts(Object... values) {
		Object[] texts = new Object[values.length];
		for (int i = 0; i < values.length; i++) {
			texts[i] = (values[i] instanceof Text) ? values[i] : text(values[i]);
		}
		return texts;
	}

	private static String text(Object value) {
		if (value instanceof Text inner) {
			return inner.english();
		}
		return (value == null) ? "" : String.valueOf(value);
	}

	/**
	 * A pattern without values is its own sentence; with values, {@code ''} is an
	 * apostrophe and {@code {n}} a value (the values of a stored wording are plain, and a
	 * lone apostrophe is refused by the bundle checks).
	 */
	private static List<Object> parts(String pattern) {
		if (pattern.indexOf('{') < 0) {
			return List.of(pattern);
		}
		List<Object> parts = new ArrayList<>();
		StringBuilder fixed = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '\'' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
				fixed.append('\'');
				i += 2;
			}
			else if (c == '{') {
				int end = pattern.indexOf('}', i);
				if (end < 0) {
					throw new IllegalArgumentException("Unclosed value in " + pattern);
				}
				if (!fixed.isEmpty()) {
					parts.add(fixed.toString());
					fixed.setLength(0);
				}
				parts.add(Integer.parseInt(pattern.substring(i + 1, end).strip()));
				i = end + 1;
			}
			else {
				fixed.append(c);
				i++;
			}
		}
		if (!fixed.isEmpty()) {
			parts.add(fixed.toString());
		}
		return List.copyOf(parts);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Wording w && this.key.equals(w.key) && this.english.equals(w.english)
				&& this.sentences.equals(w.sentences) && this.names.equals(w.names);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, this.english, this.sentences, this.names);
	}

	@Override
	public String toString() {
		return this.key + "=" + this.english;
	}

}
