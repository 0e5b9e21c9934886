package org.rapport.customer;

/** What an address is used for. */
public enum AddressKind {

	HOME, WORK, BILLING, DELIVERY, OTHER

}
