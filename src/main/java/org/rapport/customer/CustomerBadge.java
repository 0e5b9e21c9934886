package org.rapport.customer;

/**
 * Badges another module adds to the head of the customer 360 page without the customer
 * module knowing it — what staff must see before anything else (a tier with priority
 * service, a valuable customer at risk). The page loads {@code path} (with {@code {id}}
 * replaced by the customer's id) as an htmx fragment into an element with the given
 * {@code id} next to the kind and stage, for staff who hold {@code authority}; others get
 * no element (and the fragment answers them 403). Shown in {@code order}; a fragment with
 * nothing to say answers an empty body.
 */
public record CustomerBadge(String id, String path, String authority, int order) {

	public CustomerBadge {
		if (id == null || id.isBlank() || path == null || !path.startsWith("/") || authority == null
				|| authority.isBlank()) {
			throw new IllegalArgumentException("a customer badge needs an id, an absolute path and an authority");
		}
	}

	/** The fragment's address for one customer. */
	public String pathFor(java.util.UUID customerId) {
		return this.path.replace("{id}", customerId.toString());
	}

}
