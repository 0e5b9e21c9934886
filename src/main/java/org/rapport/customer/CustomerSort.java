package org.rapport.customer;

import java.util.Locale;

/**
 * Orders of a customer list. As a request parameter: {@code name}, {@code created},
 * {@code updated}, each optionally prefixed with {@code -} for descending.
 */
public enum CustomerSort {

	NAME("c.sort_name", false), NAME_DESC("c.sort_name", true), CREATED("c.created_at", false),
	CREATED_DESC("c.created_at", true), UPDATED("c.updated_at", false), UPDATED_DESC("c.updated_at", true);

	private final String column;

	private final boolean descending;

	CustomerSort(String column, boolean descending) {
		this.column = column;
		this.descending = descending;
	}

	/**
	 * The sort named by a request parameter such as {@code -created}; {@code name} when
	 * blank.
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static CustomerSort parse(String text) {
		if (text == null || text.isBlank()) {
			return NAME;
		}
		String trimmed = text.strip().toLowerCase(Locale.ROOT);
		boolean desc = trimmed.startsWith("-");
		String name = desc ? trimmed.substring(1) : trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
		return switch (name) {
			case "name" -> desc ? NAME_DESC : NAME;
			case "created" -> desc ? CREATED_DESC : CREATED;
			case "updated" -> desc ? UPDATED_DESC : UPDATED;
			default -> throw new IllegalArgumentException("sort by name, created or updated, '-' for descending");
		};
	}

	String orderBy() {
		String direction = this.descending ? " DESC" : " ASC";
		return this.column + direction + ", c.id" + direction;
	}

}
