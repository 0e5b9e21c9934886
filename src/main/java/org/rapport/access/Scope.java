package org.rapport.access;

import java.util.Set;

/**
 * What an integration client (POS, web shop, partner) may do with its API key. A scope
 * grants the permissions listed; clients never get staff or audit administration.
 */
public enum Scope {

	CUSTOMERS_READ("customers:read", Set.of(Permission.CUSTOMER_READ)),
	CUSTOMERS_WRITE("customers:write", Set.of(Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE)),
	INTERACTIONS_WRITE("interactions:write", Set.of(Permission.INTERACTION_WRITE)),
	INTERACTIONS_READ("interactions:read", Set.of(Permission.INTERACTION_READ)),
	/** The whole interaction history as a file (a data warehouse, a backup). */
	INTERACTIONS_EXPORT("interactions:export", Set.of(Permission.INTERACTION_EXPORT)),
	LOYALTY_READ("loyalty:read", Set.of(Permission.LOYALTY_READ)),
	LOYALTY_WRITE("loyalty:write", Set.of(Permission.LOYALTY_READ, Permission.LOYALTY_WRITE)),
	/**
	 * A coalition partner: earns and burns only through the partner API, sees only its
	 * own.
	 */
	LOYALTY_PARTNER("loyalty:partner", Set.of(Permission.LOYALTY_PARTNER));

	private final String name;

	private final Set<Permission> permissions;

	Scope(String name, Set<Permission> permissions) {
		this.name = name;
		this.permissions = permissions;
	}

	public String scopeName() {
		return this.name;
	}

	public Set<Permission> permissions() {
		return this.permissions;
	}

	public static Scope ofName(String name) {
		for (Scope s : values()) {
			if (s.name.equals(name)) {
				return s;
			}
		}
		throw new IllegalArgumentException("Unknown scope " + name);
	}

}
