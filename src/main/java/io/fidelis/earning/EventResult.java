package io.fidelis.earning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fidelis.ledger.ExplanationView;

/**
 * What an event did: per program, the units it gave or took back, and why.
 *
 * @param refundedTotal for a return, everything refunded of the purchase so far, this return included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(String transactionId, String type, UUID memberId, Instant occurredAt, String amount,
		String currency, String originalTransactionId, String refundedTotal, List<Effect> effects) {

	/**
	 * One program's side of an event.
	 *
	 * @param points units given (positive) or taken back (negative)
	 * @param forgiven for a return, units that could not be taken back because the balance did not hold them
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Effect(String program, long points, Status status, Long forgiven, Instant availableAt, Instant expiresAt,
			UUID ledgerTransactionId, ExplanationView explanation) {
	}

	public enum Status {
		/** Spendable now. */
		AVAILABLE,
		/** Credited to the pending balance until {@code availableAt}. */
		PENDING,
		/** Taken back by a return. */
		TAKEN_BACK,
		/** Nothing moved; the explanation says why. */
		NONE
	}
}
