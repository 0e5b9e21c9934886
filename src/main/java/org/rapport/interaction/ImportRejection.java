package org.rapport.interaction;

import java.util.List;
import java.util.Locale;

import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;

/**
 * A line of an import file that was not stored: its number (from 1, the header is line 1
 * of a CSV file), why in English, and its text as read (at most a few thousand
 * characters). {@code parts} are what the reason was written from, so that it can be
 * shown in the reader's language; they are null for a row stored before they were kept.
 */
public record ImportRejection(long line, String reason, String raw, List<ReasonPart> parts) {

	static final int MAX_RAW = 2000;

	public ImportRejection {
		raw = (raw != null && raw.length() > MAX_RAW) ? raw.substring(0, MAX_RAW) : raw;
		parts = (parts == null) ? null : List.copyOf(parts);
	}

	/** A rejection whose reason is known in English only. */
	public ImportRejection(long line, String reason, String raw) {
		this(line, reason, raw, null);
	}

	/** A line rejected for one sentence about the line as a whole. */
	static ImportRejection of(long line, Text reason, String raw) {
		return new ImportRejection(line, reason.english(), raw, List.of(ReasonPart.of("", reason)));
	}

	/**
	 * The reason in the locale's language. The English one when the parts are not known,
	 * or when one of them has no wording in that language: a reason is never shown half
	 * translated.
	 */
	public String reason(MessageSource messages, Locale locale) {
		if (this.parts == null || this.parts.isEmpty()) {
			return this.reason;
		}
		StringBuilder shown = new StringBuilder();
		for (ReasonPart part : this.parts) {
			String sentence = part.in(messages, locale);
			if (sentence == null) {
				return this.reason;
			}
			if (!shown.isEmpty()) {
				shown.append("; ");
			}
			shown.append(sentence);
		}
		return shown.toString();
	}

}
