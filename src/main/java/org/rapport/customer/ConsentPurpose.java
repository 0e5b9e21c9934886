package org.rapport.customer;

/** Purposes a consent is given for. */
public enum ConsentPurpose {

	MARKETING, PROFILING, PARTNER_SHARING

}
