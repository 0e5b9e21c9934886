package org.rapport.customer;

/**
 * A card another module adds to the console's start page without the customer module
 * knowing it: the page loads {@code path} as an htmx fragment in place of a placeholder
 * with the given {@code id}, for staff who hold {@code authority}; others get no
 * placeholder (and the fragment answers them 403). Cards are shown in {@code order},
 * before the customer module's own cards. A fragment with nothing to show answers an
 * empty body and its card disappears.
 */
public record StartPageCard(String id, String path, String authority, int order) {

	public StartPageCard {
		if (id == null || id.isBlank() || path == null || !path.startsWith("/") || authority == null
				|| authority.isBlank()) {
			throw new IllegalArgumentException("a start page card needs an id, an absolute path and an authority");
		}
	}

}
