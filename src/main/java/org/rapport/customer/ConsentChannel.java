package org.rapport.customer;

/** Channels a customer can consent to be contacted through. */
public enum ConsentChannel {

	EMAIL, SMS, PHONE, POST

}
