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
	 * @param memberId whom it credits or debits: the event's member, or for a referral possibly the referrer
	 * @param points units given (positive) or taken back (negative)
	 * @param forgiven for a return, units that could not be taken back because the balance did not hold them
	 * @param rewards the codes of the rewards rules gave (their vouchers are the member's), if any
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Effect(String program, UUID memberId, long points, Status status, Long forgiven, Instant availableAt,
			Instant expiresAt, UUID ledgerTransactionId, ExplanationView explanation, List<String> rewards) {
	}

	/**
	 * The answer of a simulation: under the event's own transaction id, and without ledger transaction ids, since the
	 * simulation's transactions were rolled back.
	 */
	EventResult simulated(String sentTransactionId) {
		return new EventResult(sentTransactionId, type, memberId, occurredAt, amount, currency, originalTransactionId,
				refundedTotal, effects.stream()
					.map(effect -> new Effect(effect.program(), effect.memberId(), effect.points(), effect.status(),
							effect.forgiven(), effect.availableAt(), effect.expiresAt(), null, effect.explanation(),
							effect.rewards()))
					.toList());
	}

	public enum Status {
		/** Spendable now. */
		AVAILABLE,
		/** Credited to the pending balance until {@code availableAt}. */
		PENDING,
		/** Taken back by a return. */
		TAKEN_BACK,
		/** No units moved (rules may have given rewards); the explanation says why. */
		NONE
	}
}
