package io.fidelis.membership;

/** Where a membership is in its life; its benefits apply in {@link #TRIAL} and {@link #ACTIVE} only. */
public enum MembershipStatus {

	TRIAL, ACTIVE,

	/** The term ended without a renewal reported: benefits stop, and a renewal within the grace period resumes it. */
	PAST_DUE,

	CANCELLED,

	/** The term (and the grace period, for a plan that renews) ended without a renewal. */
	EXPIRED;

	boolean open() {
		return this == TRIAL || this == ACTIVE || this == PAST_DUE;
	}
}
