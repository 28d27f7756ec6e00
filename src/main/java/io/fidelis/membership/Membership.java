package io.fidelis.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * One member's membership of a plan. A trial comes first when the plan has one; the first paid term starts when it
 * ends. Each renewal reported adds a term after the current one.
 *
 * @param termStart when the current paid term started (or starts, during the trial)
 * @param termEnd when the current paid term ends: benefits stop then unless a renewal was reported
 * @param cancelAtTermEnd a cancellation effective at the term's end was asked for
 */
record Membership(UUID id, UUID memberId, String plan, ProgramId program, MembershipStatus status,
		Instant startedAt, Instant trialUntil, Instant termStart, Instant termEnd, int graceDays, boolean autoRenew,
		boolean cancelAtTermEnd, Instant endedAt, Instant createdAt) {

	/** A change of a membership: what it became, which kind of change, when it happened, with a note for people. */
	record Change(Membership membership, ChangeKind kind, Instant at, String note) {
	}

	enum ChangeKind {
		STARTED, ACTIVATED, RENEWED, PAST_DUE, LAPSED, CANCELLATION_SCHEDULED, CANCELLED
	}

	/** Whether its benefits apply at {@code at}: in trial or active, within the paid term, whatever the job did yet. */
	boolean benefitsAt(Instant at) {
		return (status == MembershipStatus.TRIAL || status == MembershipStatus.ACTIVE) && !at.isBefore(startedAt)
				&& at.isBefore(termEnd);
	}

	/** When a past-due membership lapses. */
	Instant graceUntil() {
		return termEnd.plus(Duration.ofDays(graceDays));
	}

	/** When time alone next changes it (the end of the trial, of the term, of the grace period); null once ended. */
	Instant nextChangeAt() {
		switch (status) {
			case TRIAL:
				return trialUntil;
			case ACTIVE:
				return termEnd;
			case PAST_DUE:
				return graceUntil();
			default:
				return null;
		}
	}

	/** The change time brings by {@code now}, if one has come; dated when it happened, not when it is noticed. */
	Optional<Change> due(Instant now) {
		Instant at = nextChangeAt();
		if (at == null || now.isBefore(at)) {
			return Optional.empty();
		}
		switch (status) {
			case TRIAL:
				return Optional.of(new Change(with(MembershipStatus.ACTIVE, null), ChangeKind.ACTIVATED, at,
						"the trial ended; the paid term runs until " + termEnd));
			case ACTIVE:
				if (cancelAtTermEnd) {
					return Optional.of(new Change(with(MembershipStatus.CANCELLED, at), ChangeKind.CANCELLED, at,
							"cancelled at the end of the term"));
				}
				if (!autoRenew) {
					return Optional.of(new Change(with(MembershipStatus.EXPIRED, at), ChangeKind.LAPSED, at,
							"the term ended; the plan does not renew"));
				}
				return Optional.of(new Change(with(MembershipStatus.PAST_DUE, null), ChangeKind.PAST_DUE, at,
						"no renewal reported by the end of the term; it lapses at " + graceUntil()
								+ " unless one is"));
			default:
				return Optional.of(new Change(with(MembershipStatus.EXPIRED, at), ChangeKind.LAPSED, at,
						"no renewal reported by the end of the grace period"));
		}
	}

	/** A renewal paid for: one more term after the current one; a past-due membership is active again. */
	Membership renewed(Instant nextTermEnd) {
		MembershipStatus next = status == MembershipStatus.PAST_DUE ? MembershipStatus.ACTIVE : status;
		return new Membership(id, memberId, plan, program, next, startedAt, trialUntil, termEnd, nextTermEnd,
				graceDays, autoRenew, false, endedAt, createdAt);
	}

	Membership cancellingAtTermEnd() {
		return new Membership(id, memberId, plan, program, status, startedAt, trialUntil, termStart, termEnd,
				graceDays, autoRenew, true, endedAt, createdAt);
	}

	Membership cancelled(Instant at) {
		return with(MembershipStatus.CANCELLED, at);
	}

	private Membership with(MembershipStatus next, Instant ended) {
		return new Membership(id, memberId, plan, program, next, startedAt, trialUntil, termStart, termEnd,
				graceDays, autoRenew, cancelAtTermEnd, ended, createdAt);
	}
}
