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
	ACTIVATION,
	/** Spent on a reward or at a checkout. */
	REDEMPTION,
	/** Given back: a spending undone (a voucher cancelled), pointing at the transaction it reverses. */
	REVERSAL,
	/** Set aside during a checkout. */
	HOLD,
	/** A hold's units spent (what was not spent goes back in the same transaction). */
	CAPTURE,
	/** A hold's units given back: released by the till, or expired. */
	RELEASE,
	/** Moved to another member of the program. */
	TRANSFER,
	/** Given to a charity cause. */
	DONATION,
	/** Credited in exchange for units of another program: points turned into cashback credit. */
	CONVERSION,
	/** Given by the program for nothing, to be spent at once on a gift: a tier's welcome reward. */
	GIFT
}
