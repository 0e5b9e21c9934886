package org.rapport.customer;

/** Where a declared interest came from. */
public enum InterestSource {

	FORM, STAFF, IMPORT, INFERRED

}
