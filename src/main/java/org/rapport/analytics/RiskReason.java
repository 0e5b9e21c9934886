package org.rapport.analytics;

/**
 * Why a customer is at risk; stored with the scores as reasons. The interaction signals
 * count only within {@code rapport.analytics.signal-window-days} before the as-of instant
 * (an unresolved request counts whenever it was opened).
 */
public enum RiskReason {

	/**
	 * Days since the last purchase exceed {@code rhythm-factor} × the customer's own mean
	 * gap between purchases (needs two purchases).
	 */
	RHYTHM_SLOWER,
	/** A call whose outcome was REFUSED. */
	REFUSED_SERVICE,
	/**
	 * A survey answer with attribute {@code nps} at most {@code negative-nps}, or
	 * {@code sentiment} "negative".
	 */
	NEGATIVE_SURVEY,
	/** A service request (complaint) whose outcome is PENDING or not recorded. */
	UNRESOLVED_REQUEST,
	/** Predicted probability alive below {@value RiskCategory#MID_P_ALIVE}. */
	LOW_PROBABILITY_ALIVE,
	/** No purchase for longer than {@code lost-after-days}. */
	LAPSED

}
