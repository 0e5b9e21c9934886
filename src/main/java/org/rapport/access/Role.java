package org.rapport.access;

import java.util.EnumSet;
import java.util.Set;

import static org.rapport.access.Permission.*;

/**
 * Staff roles and what each may do. This table is the whole role policy.
 */
public enum Role {

	/** Runs the installation: everything, including staff, API clients and erasure. */
	ADMIN(EnumSet.allOf(Permission.class)),

	/**
	 * Leads a team: works with customers, merges duplicates, moves customers between
	 * staff, reads the audit, imports and exports interaction history, reads and runs
	 * analytics.
	 */
	MANAGER(EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, NOTE_WRITE, CUSTOMER_MERGE, CUSTOMER_REASSIGN, CUSTOMER_EXPORT,
			AUDIT_READ, STAFF_READ, INTERACTION_READ, INTERACTION_WRITE, INTERACTION_EXPORT, PRODUCT_ADMIN, IMPORT_RUN,
			LOYALTY_READ, LOYALTY_WRITE, LOYALTY_ADJUST, ANALYTICS_READ, ANALYTICS_CUSTOMER_READ, ANALYTICS_RUN)),

	/**
	 * Builds segments and campaigns: reads customers and the analytics, does not edit
	 * customers.
	 */
	MARKETER(EnumSet.of(CUSTOMER_READ, STAFF_READ, INTERACTION_READ, LOYALTY_READ, ANALYTICS_READ,
			ANALYTICS_CUSTOMER_READ)),

	/**
	 * Salesperson: keeps the customers' data and notes current; sees a customer's scores,
	 * not the population analytics.
	 */
	SALES(EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, NOTE_WRITE, STAFF_READ, INTERACTION_READ, INTERACTION_WRITE,
			LOYALTY_READ, LOYALTY_WRITE, ANALYTICS_CUSTOMER_READ)),

	/**
	 * Counter or call-centre agent: looks customers up, updates contact data, writes
	 * notes; sees a customer's scores (risk and its reasons) while serving them.
	 */
	SERVICE_AGENT(EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, NOTE_WRITE, STAFF_READ, INTERACTION_READ, INTERACTION_WRITE,
			LOYALTY_READ, LOYALTY_WRITE, ANALYTICS_CUSTOMER_READ));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = Set.copyOf(permissions);
	}

	public Set<Permission> permissions() {
		return this.permissions;
	}

	public boolean allows(Permission permission) {
		return this.permissions.contains(permission);
	}

}
