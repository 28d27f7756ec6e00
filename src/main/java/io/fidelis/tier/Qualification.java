package io.fidelis.tier;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;

/**
 * What earning tells tiers, in the transaction of the event: units earned, purchases and returns. A member whose
 * metric now reaches a higher threshold is upgraded at once, in that transaction; what returns take back counts
 * at the next review, since tiers go down only then (which the ladder may bring forward).
 */
@Component
public class Qualification {

	private final TierActivity activity;
	private final TierMoves moves;
	private final TierLadders ladders;
	private final Programs programs;

	Qualification(TierActivity activity, TierMoves moves, TierLadders ladders, Programs programs) {
		this.activity = activity;
		this.moves = moves;
		this.ladders = ladders;
		this.programs = programs;
	}

	/** The member earned {@code units} in the program by the event {@code reference}, which happened then. */
	public void earned(TenantId tenant, Program program, UUID member, long units, Instant occurredAt,
			String reference) {
		activity.addPoints(tenant, program.id(), member, units, occurredAt, reference);
		moves.qualify(tenant, program, member);
	}

	/** A return took back {@code units} of what the purchase made at {@code purchasedAt} earned. */
	public void takenBack(TenantId tenant, ProgramId program, UUID member, long units, Instant purchasedAt,
			String reference) {
		activity.addPoints(tenant, program, member, -units, purchasedAt, reference);
		moves.reviewSoonerIfUnsupported(tenant, programs.get(tenant, program), member);
	}

	/**
	 * What earning tells tiers of many events at once: units earned ({@code program} set, {@code points}) and
	 * purchases ({@code program} null, {@code amount}, {@code purchases} 1).
	 */
	public record Activity(UUID member, ProgramId program, Instant occurredAt, long points, Money amount,
			int purchases, String reference) {
	}

	/**
	 * Records what events did, units earned (as {@link #earned} does) and purchases, in one statement; then, in every
	 * program with tiers, each member they concern may be upgraded: a purchase that reaches a tier upgrades the member
	 * for the next one.
	 */
	public void recordAll(TenantId tenant, List<Activity> rows) {
		if (rows.isEmpty()) {
			return;
		}
		activity.addAll(tenant, rows);
		List<ProgramId> laddered = ladders.programs(tenant);
		if (laddered.isEmpty()) {
			return;
		}
		Set<UUID> members = new TreeSet<>();
		rows.forEach(row -> members.add(row.member()));
		for (ProgramId id : laddered) {
			Program program = programs.get(tenant, id);
			members.forEach(member -> moves.qualify(tenant, program, member));
		}
	}

	/**
	 * Part of the purchase made at {@code purchasedAt} was returned; {@code wholly}: nothing of it is left, so that it
	 * no longer counts as a purchase.
	 */
	public void returned(TenantId tenant, UUID member, Money refund, boolean wholly, Instant purchasedAt,
			String reference) {
		activity.addPurchase(tenant, member, new Money(-refund.minorUnits(), refund.currency()), wholly ? -1 : 0,
				purchasedAt, reference);
		for (ProgramId id : ladders.programs(tenant)) {
			moves.reviewSoonerIfUnsupported(tenant, programs.get(tenant, id), member);
		}
	}
}
