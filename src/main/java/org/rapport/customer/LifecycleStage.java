package org.rapport.customer;

/** The loyalty ladder, plus {@link #LOST} for customers who have left. */
public enum LifecycleStage {

	PROSPECT, POTENTIAL, FIRST_TIME_BUYER, REPEAT_BUYER, LOYAL, PROMOTER, LOST

}
