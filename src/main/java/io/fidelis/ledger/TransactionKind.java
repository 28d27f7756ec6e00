package io.fidelis.ledger;

/** Why units moved. */
public enum TransactionKind {
	/** Earned for a purchase or an activity. */
	EARN,
	/** Taken back because the purchase was returned. */
	CLAWBACK,
	/** Credited or debited by an operator. */
	ADJUSTMENT,
	/** Expired, to breakage. */
	EXPIRY,
	/** Moved from pending to available at the end of the pending period. */
	ACTIVATION
}
