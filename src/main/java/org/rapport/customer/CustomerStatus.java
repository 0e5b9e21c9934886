package org.rapport.customer;

/**
 * Whether a customer record is in use, was merged into another one, or was erased on the
 * person's request.
 */
public enum CustomerStatus {

	ACTIVE, MERGED, ERASED

}
