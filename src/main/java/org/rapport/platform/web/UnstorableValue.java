package org.rapport.platform.web;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database's refusal of a value a request brought, told apart from a fault of ours: a
 * text with the NUL character ({@code 22021}, in {@code jsonb} {@code 22P05}) or a date
 * beyond the years it stores ({@code 22008}). Input is checked where it enters
 * ({@link StorableValues}); this is the net under those checks, so a value that slips
 * past one is still a 400 of the request, not a server error. The failed statement has
 * rolled its transaction back, so nothing of the request is kept.
 */
public final class UnstorableValue {

	private UnstorableValue() {
	}

	/** What was wrong with the request, when the database refused one of its values. */
	public static Optional<String> of(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return switch (sql.getSQLState()) {
					case "22021", "22P05" -> Optional
						.of("A text in the request contains the NUL character (U+0000), which cannot be stored");
					case "22008" -> Optional.of("A date in the request lies outside the years that can be stored");
					default -> Optional.empty();
				};
			}
		}
		return Optional.empty();
	}

}
