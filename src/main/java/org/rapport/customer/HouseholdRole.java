package org.rapport.customer;

/** A member's place in a household. */
public enum HouseholdRole {

	HEAD, PARTNER, CHILD, PARENT, OTHER

}
