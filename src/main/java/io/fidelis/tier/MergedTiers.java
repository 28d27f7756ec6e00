package io.fidelis.tier;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.member.MembersMerged;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;

/**
 * A merge's part in tiers, in the merge's transaction: the duplicate's qualifying activity becomes the survivor's
 * (which may upgrade the survivor at once, as an earn would), and in each ladder the survivor keeps the better of the
 * two tiers, with its dates. The duplicate's standing goes: no review job looks at a merged member again. Their
 * history of tier changes stays theirs.
 */
@Component
class MergedTiers {

	private final TierLadders ladders;
	private final Standings standings;
	private final TierChanges changes;
	private final TierMoves moves;
	private final TierActivity activity;
	private final Programs programs;
	private final JdbcClient jdbc;
	private final Clock clock;

	MergedTiers(TierLadders ladders, Standings standings, TierChanges changes, TierMoves moves, TierActivity activity,
			Programs programs, JdbcClient jdbc, Clock clock) {
		this.ladders = ladders;
		this.standings = standings;
		this.changes = changes;
		this.moves = moves;
		this.activity = activity;
		this.programs = programs;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(MembersMerged merged) {
		TenantId tenant = merged.tenantId();
		UUID duplicate = merged.duplicateId().value();
		UUID survivor = merged.survivorId().value();
		jdbc.sql("UPDATE tier_activity SET member_id = :survivor WHERE tenant_id = :tenant AND member_id = :duplicate")
			.param("survivor", survivor)
			.param("tenant", tenant.value())
			.param("duplicate", duplicate)
			.update();
		for (ProgramId programId : ladders.programs(tenant)) {
			Program program = programs.get(tenant, programId);
			TierLadder ladder = ladders.find(tenant, programId).orElseThrow();
			moves.qualify(tenant, program, survivor);
			Optional<Standing> kept = standings.find(tenant, programId, duplicate);
			if (kept.isEmpty()) {
				continue;
			}
			Standing standing = standings.lock(tenant, programId, survivor, ladder.base().code());
			if (ladder.rank(kept.get().tier()) > ladder.rank(standing.tier())) {
				Instant now = clock.instant();
				standings.save(tenant, programId, survivor, kept.get());
				changes.add(tenant, programId, survivor, new TierChange(Ids.newId(clock), program.code(),
						standing.tier(), kept.get().tier(), TierChange.Kind.UPGRADE,
						"kept the tier of member " + duplicate + ", merged into this one",
						activity.metric(tenant, program, survivor, ladder, now), now));
			}
			standings.remove(tenant, programId, duplicate);
		}
	}
}
