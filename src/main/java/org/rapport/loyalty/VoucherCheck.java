package org.rapport.loyalty;

/**
 * What a point of sale learns about a voucher: whether it can be consumed ({@code VALID})
 * or why not (CONSUMED, CANCELLED, EXPIRED), the redemption behind it and the member.
 */
public record VoucherCheck(Status status, Redemption redemption, MemberSummary member) {

	public enum Status {

		VALID, CONSUMED, CANCELLED, EXPIRED

	}

}
