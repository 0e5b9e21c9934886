package org.rapport.access;

/**
 * What an authenticated caller may do. Endpoints check permissions, never roles, so the
 * role policy lives in {@link Role} alone. The authority string is what
 * {@code @PreAuthorize} names.
 */
public enum Permission {

	CUSTOMER_READ("customer:read"), CUSTOMER_WRITE("customer:write"), NOTE_WRITE("note:write"),
	CUSTOMER_MERGE("customer:merge"), CUSTOMER_REASSIGN("customer:reassign"), CUSTOMER_EXPORT("customer:export"),
	CUSTOMER_ERASE("customer:erase"), AUDIT_READ("audit:read"), STAFF_READ("staff:read"), STAFF_ADMIN("staff:admin"),
	API_CLIENT_ADMIN("api-client:admin"), INTERACTION_READ("interaction:read"), INTERACTION_WRITE("interaction:write"),
	INTERACTION_EXPORT("interaction:export"), PRODUCT_ADMIN("product:admin"), IMPORT_RUN("import:run"),
	LOYALTY_READ("loyalty:read"), LOYALTY_WRITE("loyalty:write"), LOYALTY_ADJUST("loyalty:adjust"),
	LOYALTY_ADMIN("loyalty:admin"), LOYALTY_PARTNER("loyalty:partner"), ANALYTICS_READ("analytics:read"),
	ANALYTICS_CUSTOMER_READ("analytics:customer-read"), ANALYTICS_RUN("analytics:run");

	private final String authority;

	Permission(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return this.authority;
	}

	public static Permission ofAuthority(String authority) {
		for (Permission p : values()) {
			if (p.authority.equals(authority)) {
				return p;
			}
		}
		throw new IllegalArgumentException("Unknown permission " + authority);
	}

}
