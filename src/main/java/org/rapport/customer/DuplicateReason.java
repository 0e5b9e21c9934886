package org.rapport.customer;

import java.math.BigDecimal;

/**
 * Why two customers are suggested as one person, strongest first. The score orders the
 * review queue; when a pair matches several reasons the strongest is kept.
 */
public enum DuplicateReason {

	/**
	 * Both have an identity of the same type with the same match key (e-mail without
	 * +tags or Gmail dots, the national part of a phone number, card or external id).
	 */
	SAME_IDENTITY_KEY(new BigDecimal("0.950")),

	/** Same folded full name and same birth date. */
	NAME_AND_BIRTH_DATE(new BigDecimal("0.850")),

	/**
	 * Same folded family name, same first letter of the given name and an address with
	 * the same match key.
	 */
	SIMILAR_NAME_AND_ADDRESS(new BigDecimal("0.700"));

	private final BigDecimal score;

	DuplicateReason(BigDecimal score) {
		this.score = score;
	}

	public BigDecimal score() {
		return this.score;
	}

}
