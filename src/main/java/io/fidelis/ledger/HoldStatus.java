package io.fidelis.ledger;

/** Where a hold stands; it leaves {@code PENDING} once, and for good. */
public enum HoldStatus {
	/** The units are set aside; the till may capture or release them until the hold expires. */
	PENDING,
	/** Spent, all or part (the rest went back). */
	CAPTURED,
	/** Given back by the till. */
	RELEASED,
	/** Given back because the till neither captured nor released it in time. */
	EXPIRED
}
