package org.rapport.interaction;

import java.util.ArrayList;
import java.util.List;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

/**
 * Why a line was rejected, gathered one problem at a time: the English reason, each
 * problem written {@code field: message} and joined by semicolons, and the
 * {@link ReasonPart parts} it was written from.
 */
final class RejectionReason {

	private final StringBuilder english = new StringBuilder();

	private final List<ReasonPart> parts = new ArrayList<>();

	boolean isEmpty() {
		return this.parts.isEmpty();
	}

	/** Adds a problem of a field (empty: of the line as a whole). */
	RejectionReason add(String field, FieldProblem problem) {
		return add(field, problem.message(), problem.text());
	}

	/**
	 * Adds a problem of a field (empty: of the line as a whole).
	 * @param message the English sentence
	 * @param text the sentence it was written from, or null when it is known in English
	 * only
	 */
	RejectionReason add(String field, String message, Text text) {
		String column = (field == null) ? "" : field;
		if (!this.english.isEmpty()) {
			this.english.append("; ");
		}
		this.english.append(column.isEmpty() ? "" : column + ": ").append(message);
		this.parts.add(ReasonPart.of(column, text));
		return this;
	}

	/** The rejection of this line for this reason. */
	ImportRejection of(long line, String raw) {
		return new ImportRejection(line, this.english.toString(), raw, this.parts);
	}

}
