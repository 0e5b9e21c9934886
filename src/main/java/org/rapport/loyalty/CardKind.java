package org.rapport.loyalty;

/** A plastic card handed over at the counter, or a number shown in an app or wallet. */
public enum CardKind {

	PHYSICAL, VIRTUAL

}
