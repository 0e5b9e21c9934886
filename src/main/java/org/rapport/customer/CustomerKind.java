package org.rapport.customer;

/** A customer is a person or a company; a company has contact people, who are persons. */
public enum CustomerKind {

	PERSON, COMPANY

}
