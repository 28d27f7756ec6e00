package io.fidelis.ledger;

import java.util.UUID;

/** An account as read under its lock: member accounts carry their totals, system accounts zeros. */
record LedgerAccount(UUID id, AccountKind kind, UUID memberId, long creditsPosted, long debitsPosted) {

	long balance() {
		return creditsPosted - debitsPosted;
	}
}
