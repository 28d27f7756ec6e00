package io.fidelis.tier;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/** The tier a member is in, for the modules that give tiers' benefits (earning's multiplier and conditions). */
@Component
public class MemberTiers {

	private final TierLadders ladders;
	private final Standings standings;
	private final TierActivity activity;
	private final ObjectProvider<GrantedTiers> grants;
	private final Clock clock;

	MemberTiers(TierLadders ladders, Standings standings, TierActivity activity, ObjectProvider<GrantedTiers> grants,
			Clock clock) {
		this.ladders = ladders;
		this.standings = standings;
		this.activity = activity;
		this.grants = grants;
		this.clock = clock;
	}

	/**
	 * The member's tier in the program: the base tier until they reach another, or a higher tier granted them (by a
	 * membership); empty if the program has no tiers.
	 */
	public Optional<Tier> current(TenantId tenant, ProgramId program, UUID member) {
		return ladders.find(tenant, program).map(ladder -> {
			String code = standings.find(tenant, program, member).map(Standing::tier).orElse(ladder.base().code());
			return effective(tenant, program, member, ladder, code).tier();
		});
	}

	/** Whether the program has tiers. */
	public boolean laddered(TenantId tenant, ProgramId program) {
		return ladders.find(tenant, program).isPresent();
	}

	/** The program's tiers from the base up; empty if it has none. */
	public List<Tier> tiers(TenantId tenant, ProgramId program) {
		return ladders.find(tenant, program).map(TierLadder::tiers).orElse(List.of());
	}

	/** The tier of this code in the program's ladder, if the program has one with it. */
	public Optional<Tier> tier(TenantId tenant, ProgramId program, String code) {
		return ladders.find(tenant, program).filter(ladder -> ladder.rank(code) >= 0)
			.map(ladder -> ladder.tiers().get(ladder.rank(code)));
	}

	/** The higher of the earned tier and the tiers granted now; {@code grantedBy} null when the earned one is. */
	private Effective effective(TenantId tenant, ProgramId program, UUID member, TierLadder ladder, String earned) {
		int rank = Math.max(0, ladder.rank(earned));
		String grantedBy = null;
		Instant now = clock.instant();
		for (GrantedTiers granting : grants.orderedStream().toList()) {
			for (GrantedTiers.Grant grant : granting.granted(tenant, program, member, now)) {
				if (ladder.rank(grant.tier()) > rank) {
					rank = ladder.rank(grant.tier());
					grantedBy = grant.grantedBy();
				}
			}
		}
		return new Effective(ladder.tiers().get(rank), grantedBy);
	}

	private record Effective(Tier tier, String grantedBy) {
	}

	/** Where the member stands in the program's ladder, with what they need to move up or to stay. */
	TierStatus status(TenantId tenant, Program program, Member member) {
		TierLadder ladder = ladders.find(tenant, program.id())
			.orElseThrow(() -> new BusinessException(ErrorCode.TIER_NOT_FOUND,
					"Program " + program.code() + " has no tiers"));
		UUID id = member.id().value();
		Standing standing = standings.find(tenant, program.id(), id)
			.orElse(new Standing(ladder.base().code(), member.enrolledAt(), null, null, null));
		Instant now = clock.instant();
		long value = activity.metric(tenant, program, id, ladder, now);
		Effective effective = effective(tenant, program.id(), id, ladder, standing.tier());
		Tier tier = effective.tier();
		Tier above = ladder.above(tier);
		TierStatus.Next next = above == null ? null
				: new TierStatus.Next(above.code(), ladder.display(ladder.threshold(above, program), program),
						ladder.display(Math.max(0, ladder.threshold(above, program) - value), program));
		return new TierStatus(program.code(), tier, standing.since(),
				new TierStatus.Metric(ladder.metric(), ladder.display(value, program),
						ladder.windowStart(now, program.timeZone())),
				next, new TierStatus.Keep(ladder.display(ladder.threshold(tier, program), program),
						ladder.display(Math.max(0, ladder.threshold(tier, program) - value), program)),
				standing.reviewAt(), standing.graceUntil(), standing.manualUntil(), effective.grantedBy());
	}
}
