package org.rapport.customer;

/**
 * A panel another module adds to the customer 360 page without the customer module
 * knowing it: the page loads {@code path} (with {@code {id}} replaced by the customer's
 * id) as an htmx fragment into an element with the given {@code id}, for staff who hold
 * {@code authority}. Panels are shown in {@code order}, after the notes.
 */
public record CustomerPanel(String id, String path, String authority, int order) {

	/** The fragment's address for one customer. */
	public String pathFor(java.util.UUID customerId) {
		return this.path.replace("{id}", customerId.toString());
	}

}
