package org.rapport.interaction;

/**
 * What kind of touchpoint an interaction is. Service requests, survey answers and
 * campaign contacts keep their details in the modules that own them and point back with
 * the interaction's {@code referenceId}.
 */
public enum InteractionKind {

	PURCHASE, RETURN, VISIT, CALL, EMAIL, WEB, SERVICE_REQUEST, SURVEY_ANSWER, CAMPAIGN_CONTACT;

	/** Purchases and returns carry money and lines. */
	public boolean isSale() {
		return this == PURCHASE || this == RETURN;
	}

}
