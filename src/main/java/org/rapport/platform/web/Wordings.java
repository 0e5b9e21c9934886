package org.rapport.platform.web;

import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The wordings one stored column may hold (ADR 0092). {@link #read} takes a stored
 * sentence back to the wording it was written from and its values, so that it can be
 * shown in the reader's language; a sentence written by a person, or by a wording since
 * changed, is shown as it is stored.
 */
public final class Wordings {

	private final List<Candidate> candidates;

	private Wordings(List<Candidate> candidates) {
		this.candidates = candidates;
	}

	public static Wordings of(Wording... wordings) {
		return of(List.of(wordings));
	}

	public static Wordings of(List<Wording> wordings) {
		List<Candidate> candidates = new ArrayList<>();
		for (Wording w : wordings) {
			candidates
				.add(new Candidate(w, literalStart(w.english()), literalEnd(w.english()), hasValues(w.english())));
		}
		// the most fixed text first, so that "Cancelled redemption {0} ({1}): {2}" is
		// tried
		// before "Cancelled redemption {0}", which would take the same sentence
		candidates.sort(Comparator.comparingInt((Candidate c) -> fixed(c.wording().english())).reversed());
		return new Wordings(List.copyOf(candidates));
	}

	/** The wordings, for the checks of their translations. */
	public List<Wording> wordings() {
		return this.candidates.stream().map(Candidate::wording).toList();
	}

	/**
	 * The text a stored sentence was written from; a sentence none of the wordings writes
	 * exactly is kept as it is, in every language.
	 */
	public Text read(String stored) {
		if (stored == null) {
			return null;
		}
		for (Candidate c : this.candidates) {
			if (!stored.startsWith(c.start()) || !stored.endsWith(c.end())
					|| stored.length() < c.start().length() + c.end().length()) {
				continue;
			}
			if (!c.values()) {
				if (stored.equals(c.wording().english())) {
					return c.wording().with();
				}
				continue;
			}
			Object[] values = parse(c.wording().english(), stored);
			if (values == null) {
				continue;
			}
			for (int at : c.wording().sentences()) {
				if (at < values.length && values[at] instanceof String inner) {
					values[at] = read(inner);
				}
			}
			c.wording().names().forEach((at, names) -> {
				if (at < values.length && values[at] instanceof String name && names.names().contains(name)) {
					values[at] = Text.of(names.key(name), name);
				}
			});
			if (c.wording().stored(values).equals(stored)) {
				return c.wording().with(values);
			}
		}
		return Text.verbatim(stored);
	}

	/**
	 * The values of a stored sentence, or null when the pattern does not take all of it.
	 */
	private static Object[] parse(String pattern, String stored) {
		ParsePosition at = new ParsePosition(0);
		Object[] values = new MessageFormat(pattern, Locale.ENGLISH).parse(stored, at);
		return (values == null || at.getIndex() != stored.length()) ? null : values;
	}

	/** How many characters of the pattern are not values. */
	static int fixed(String pattern) {
		return pattern.replaceAll("\\{\\d+}", "").length();
	}

	private static boolean hasValues(String pattern) {
		return pattern.indexOf('{') >= 0;
	}

	/** The fixed text before the first value (apostrophes of the pattern undone). */
	static String literalStart(String pattern) {
		int brace = pattern.indexOf('{');
		return unquote((brace < 0) ? pattern : pattern.substring(0, brace), brace >= 0);
	}

	/** The fixed text after the last value. */
	static String literalEnd(String pattern) {
		int brace = pattern.lastIndexOf('}');
		return (brace < 0) ? "" : unquote(pattern.substring(brace + 1), true);
	}

	private static String unquote(String part, boolean values) {
		return values ? part.replace("''", "'") : part;
	}

	private record Candidate(Wording wording, String start, String end, boolean values) {
	}

}
