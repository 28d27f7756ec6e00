package io.fidelis.ledger;

/**
 * The accounts of a program. Members hold two; the program holds the system accounts that units come from and go
 * to, so that every movement has two sides and the accounts of a program always sum to zero.
 */
public enum AccountKind {

	/** What a member can spend. */
	AVAILABLE(true),
	/** What a member earned but cannot spend yet (a return window). */
	PENDING(true),
	/** What a member has set aside during a checkout (a hold), until it is captured or released. */
	HELD(true),
	/** Where earned units come from; its balance is minus everything ever earned and not taken back. */
	ISSUANCE(false),
	/** The other side of operators' manual credits and debits. */
	ADJUSTMENT(false),
	/** Where expired units go. */
	BREAKAGE(false),
	/** Where spent units go: rewards redeemed, points paid at a checkout. */
	REDEMPTION(false),
	/** Where donated units go. */
	CHARITY(false),
	/** What members give each other passes through here; its balance is zero once a transfer has committed. */
	TRANSFER(false);

	private final boolean memberAccount;

	AccountKind(boolean memberAccount) {
		this.memberAccount = memberAccount;
	}

	public boolean isMemberAccount() {
		return memberAccount;
	}
}
