package org.rapport.interaction;

/**
 * How a contact ended. A refused or failed contact usually says why in the interaction's
 * outcome reason (e.g. "no car available").
 */
public enum Outcome {

	SERVED, REFUSED, FAILED, NO_ANSWER, PENDING;

	/** The contact did not give the customer what they came for. */
	public boolean isNegative() {
		return this == REFUSED || this == FAILED || this == NO_ANSWER;
	}

}
