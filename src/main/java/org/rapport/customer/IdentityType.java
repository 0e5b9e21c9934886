package org.rapport.customer;

/** The kinds of identity a customer can be recognised by. */
public enum IdentityType {

	EMAIL, PHONE, CARD, EXTERNAL

}
