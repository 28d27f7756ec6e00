package io.fidelis.ledger;

/** One movement of units from one account to another; the amount is always positive. */
record Posting(LedgerAccount source, LedgerAccount destination, long amount) {

	Posting {
		if (amount <= 0) {
			throw new IllegalArgumentException("a posting moves a positive amount: " + amount);
		}
		if (source.id().equals(destination.id())) {
			throw new IllegalArgumentException("a posting moves between two accounts");
		}
	}
}
