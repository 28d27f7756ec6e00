package io.fidelis.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;

/**
 * Moves members along a program's ladder, each move under the lock of the member's standing: up as soon as the
 * metric reaches a higher threshold, down only at review, anywhere by an operator's assignment. Every move and every
 * review is in the member's history; every move is announced.
 */
@Component
class TierMoves {

	private final TierLadders ladders;
	private final Standings standings;
	private final TierActivity activity;
	private final TierChanges changes;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	TierMoves(TierLadders ladders, Standings standings, TierActivity activity, TierChanges changes,
			ApplicationEventPublisher events, Clock clock) {
		this.ladders = ladders;
		this.standings = standings;
		this.activity = activity;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/** Upgrades the member if the metric now reaches a tier above theirs; nothing for a program without tiers. */
	void qualify(TenantId tenant, Program program, UUID member) {
		Optional<TierLadder> found = ladders.find(tenant, program.id());
		if (found.isEmpty()) {
			return;
		}
		TierLadder ladder = found.get();
		// Locked before the metric is read: of many earns at once, the last to lock sees all the others.
		Standing standing = standings.lock(tenant, program.id(), member, ladder.base().code());
		Instant now = clock.instant();
		long value = activity.metric(tenant, program, member, ladder, now);
		Tier supported = ladder.supported(value, program);
		if (ladder.rank(supported.code()) > ladder.rank(standing.tier())) {
			move(tenant, program, member, ladder, standing, supported, value, now,
					ladder.describe(value, program) + " reached the threshold of " + supported.code() + ", "
							+ ladder.display(ladder.threshold(supported, program), program));
		}
	}

	/**
	 * After a return, in a ladder whose returns bring the review forward: a member the metric no longer supports is
	 * reviewed at the next run of the review job rather than at their review date.
	 */
	void reviewSoonerIfUnsupported(TenantId tenant, Program program, UUID member) {
		Optional<TierLadder> found = ladders.find(tenant, program.id());
		if (found.isEmpty() || !found.get().returnsBringReviewForward()
				|| standings.find(tenant, program.id(), member).isEmpty()) {
			return;
		}
		TierLadder ladder = found.get();
		Standing standing = standings.lock(tenant, program.id(), member, ladder.base().code());
		Instant now = clock.instant();
		// A grace period or an assignment under way ends when it says.
		if (standing.reviewAt() == null || !standing.reviewAt().isAfter(now) || standing.graceUntil() != null
				|| standing.manualUntil() != null) {
			return;
		}
		long value = activity.metric(tenant, program, member, ladder, now);
		if (ladder.rank(ladder.supported(value, program).code()) < ladder.rank(standing.tier())) {
			standings.save(tenant, program.id(), member, new Standing(standing.tier(), standing.since(), now, null,
					null));
		}
	}

	/**
	 * Reviews the member if their review has come (a second run finds it done): the tier is kept if the metric
	 * supports it, kept for the grace period, or left for a lower one; an operator's assignment that ended gives way
	 * to what the metric supports.
	 */
	void review(TenantId tenant, Program program, UUID member, Instant now) {
		Optional<TierLadder> found = ladders.find(tenant, program.id());
		if (found.isEmpty()) {
			throw new IllegalStateException("A standing in program " + program.code() + ", which has no tiers");
		}
		TierLadder ladder = found.get();
		Standing standing = standings.lock(tenant, program.id(), member, ladder.base().code());
		if (standing.reviewAt() == null || standing.reviewAt().isAfter(now)) {
			return;
		}
		long value = activity.metric(tenant, program, member, ladder, now);
		Tier supported = ladder.supported(value, program);
		int current = ladder.rank(standing.tier());
		int supports = ladder.rank(supported.code());
		String metric = ladder.describe(value, program);
		if (standing.manualUntil() != null) {
			String reason = "the operator's assignment ended; " + metric + " supports " + supported.code();
			if (supports == current) {
				keep(tenant, program, member, ladder, standing, value, now, TierChange.Kind.MANUAL, reason);
			}
			else {
				move(tenant, program, member, ladder, standing, supported, value, now, reason);
			}
			return;
		}
		if (supports >= current) {
			keep(tenant, program, member, ladder, standing, value, now, TierChange.Kind.KEPT,
					"reviewed: " + metric + " keeps " + standing.tier());
			return;
		}
		if (ladder.graceDays() > 0 && standing.graceUntil() == null) {
			Instant graceUntil = standing.reviewAt().plus(Duration.ofDays(ladder.graceDays()));
			// A review caught up after the grace period would have ended goes down at once.
			if (graceUntil.isAfter(now)) {
				standings.save(tenant, program.id(), member, new Standing(standing.tier(), standing.since(), graceUntil,
						graceUntil, null));
				changes.add(tenant, program.id(), member, new TierChange(Ids.newId(clock), program.code(),
						standing.tier(), standing.tier(), TierChange.Kind.GRACE, "reviewed: " + metric + " supports "
								+ supported.code() + "; " + standing.tier() + " kept for the grace period until "
								+ graceUntil, value, now));
				return;
			}
		}
		Tier to = ladder.downgrade() == TierLadder.Downgrade.ONE_TIER
				? ladder.tiers().get(Math.max(supports, current - 1)) : supported;
		move(tenant, program, member, ladder, standing, to, value, now,
				"reviewed: " + metric + " supports " + supported.code()
						+ (standing.graceUntil() == null ? "" : ", after the grace period"));
	}

	/** Puts the member in {@code tier} until {@code until}, when what the metric supports takes over again. */
	Standing assign(TenantId tenant, Program program, UUID member, String tier, String reason, Instant until) {
		TierLadder ladder = ladders.find(tenant, program.id())
			.orElseThrow(() -> new BusinessException(ErrorCode.TIER_NOT_FOUND,
					"Program " + program.code() + " has no tiers"));
		int rank = ladder.rank(tier);
		if (rank < 0) {
			throw BusinessException.invalid("tier", "'" + tier + "' is not a tier of program " + program.code());
		}
		Instant now = clock.instant();
		if (!until.isAfter(now)) {
			throw BusinessException.invalid("until", "must be in the future");
		}
		Standing standing = standings.lock(tenant, program.id(), member, ladder.base().code());
		long value = activity.metric(tenant, program, member, ladder, now);
		int current = ladder.rank(standing.tier());
		Standing assigned = new Standing(tier, rank == current ? standing.since() : now, until, null, until);
		standings.save(tenant, program.id(), member, assigned);
		String why = "assigned by an operator until " + until + ": " + reason;
		record(tenant, program, member, ladder, standing.tier(), tier, rank - current, value, now, why);
		return assigned;
	}

	private void keep(TenantId tenant, Program program, UUID member, TierLadder ladder, Standing standing, long value,
			Instant now, TierChange.Kind kind, String reason) {
		Instant next = ladder.rank(standing.tier()) == 0 ? null
				: ladder.reviewAfter(standing.since(), now, program.timeZone());
		standings.save(tenant, program.id(), member, new Standing(standing.tier(), standing.since(), next, null, null));
		changes.add(tenant, program.id(), member, new TierChange(Ids.newId(clock), program.code(), standing.tier(),
				standing.tier(), kind, reason, value, now));
	}

	private void move(TenantId tenant, Program program, UUID member, TierLadder ladder, Standing standing, Tier to,
			long value, Instant now, String reason) {
		int rank = ladder.rank(to.code());
		Instant review = rank == 0 ? null : ladder.reviewAfter(now, now, program.timeZone());
		standings.save(tenant, program.id(), member, new Standing(to.code(), now, review, null, null));
		record(tenant, program, member, ladder, standing.tier(), to.code(), rank - ladder.rank(standing.tier()), value,
				now, reason);
	}

	/** Keeps the change in the history and, if the member moved, announces it. */
	private void record(TenantId tenant, Program program, UUID member, TierLadder ladder, String from, String to,
			int steps, long value, Instant now, String reason) {
		TierChange.Kind kind = steps > 0 ? TierChange.Kind.UPGRADE
				: steps < 0 ? TierChange.Kind.DOWNGRADE : TierChange.Kind.MANUAL;
		changes.add(tenant, program.id(), member, new TierChange(Ids.newId(clock), program.code(), from, to, kind,
				reason, value, now));
		if (steps > 0) {
			events.publishEvent(new TierUpgraded(tenant, program.id(), member, from, to, reason, now,
					ladder.tiers().get(ladder.rank(to)).welcomeReward()));
		}
		else if (steps < 0) {
			events.publishEvent(new TierDowngraded(tenant, program.id(), member, from, to, reason, now));
		}
	}
}
