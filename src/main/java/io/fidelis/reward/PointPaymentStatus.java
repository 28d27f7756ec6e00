package io.fidelis.reward;

/** Where a point payment stands. */
enum PointPaymentStatus {
	/** Debited at once; it can be refunded. */
	PAID,
	/** Set aside by a ledger hold: the till captures or releases the hold, which says where it stands. */
	HELD,
	/** Debited, then given back whole. */
	REFUNDED
}
