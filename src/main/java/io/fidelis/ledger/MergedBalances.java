package io.fidelis.ledger;

import java.util.Comparator;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.fidelis.member.MembersMerged;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;

/**
 * Moves a merged member's balances in every program of their tenant to the member they were merged into, in the
 * merge's transaction, then closes their accounts: an earn that looked them up before the merge committed collides
 * with the merge when it locks their account, and its retry looks them up again and credits the survivor, instead of
 * a member who no longer exists.
 */
@Component
class MergedBalances {

	private final Programs programs;
	private final Ledger ledger;

	MergedBalances(Programs programs, Ledger ledger) {
		this.programs = programs;
		this.ledger = ledger;
	}

	@EventListener
	void on(MembersMerged merged) {
		// Every program, not only those the duplicate has accounts in: locking creates the accounts it closes.
		programs.list(merged.tenantId())
			.stream()
			.sorted(Comparator.comparing(program -> program.id().value()))
			.forEach(program -> ledger.merge(merged.tenantId(), program.id(), merged.duplicateId().value(),
					merged.survivorId().value(), merged.reference(), merged.mergedAt(), unit(program)));
		ledger.closeMerged(merged.tenantId(), merged.duplicateId().value(), merged.survivorId().value());
	}

	private static String unit(Program program) {
		return program.kind().unit();
	}
}
