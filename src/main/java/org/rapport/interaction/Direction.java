package org.rapport.interaction;

/** Who started a call or an e-mail. */
public enum Direction {

	INBOUND, OUTBOUND

}
