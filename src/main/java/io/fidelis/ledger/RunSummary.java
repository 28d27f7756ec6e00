package io.fidelis.ledger;

/** What an expiry, activation or warning run did: how many members, lots and units it concerned. */
public record RunSummary(int members, int lots, long units) {

	public static final RunSummary NONE = new RunSummary(0, 0, 0);

	public RunSummary plus(RunSummary other) {
		return new RunSummary(members + other.members, lots + other.lots, units + other.units);
	}
}
