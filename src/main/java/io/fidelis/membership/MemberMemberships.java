package io.fidelis.membership;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.GrantedTiers;

/**
 * The benefits a member's memberships give, for the modules that apply them: earning's multiplier here, tiers through
 * {@link GrantedTiers}. Benefits apply exactly while a membership is in trial or active and within its paid term,
 * whether or not the term job has run since.
 */
@Component
public class MemberMemberships implements GrantedTiers {

	private final Memberships memberships;
	private final MembershipPlans plans;
	private final Clock clock;

	MemberMemberships(Memberships memberships, MembershipPlans plans, Clock clock) {
		this.memberships = memberships;
		this.plans = plans;
		this.clock = clock;
	}

	/**
	 * The largest earn multiplier of the member's memberships in the program now, with the plan's English name for
	 * the explanation; empty if none multiplies.
	 */
	public Optional<EarnMultiplier> earnMultiplier(TenantId tenant, ProgramId program, UUID member) {
		EarnMultiplier best = null;
		for (MembershipPlan plan : plansWithBenefits(tenant, program, member, clock.instant())) {
			if (plan.multipliesEarnings() && (best == null || plan.earnMultiplier().compareTo(best.multiplier()) > 0)) {
				best = new EarnMultiplier(plan.earnMultiplier(), plan.names().en());
			}
		}
		return Optional.ofNullable(best);
	}

	/** Whether the tenant has membership plans: without any, no member enjoys a membership's benefits. */
	public boolean anyPlan(TenantId tenant) {
		return plans.any(tenant);
	}

	/** @param plan the plan's English name ("VIP") */
	public record EarnMultiplier(BigDecimal multiplier, String plan) {
	}

	@Override
	public List<Grant> granted(TenantId tenant, ProgramId program, UUID member, Instant at) {
		return plansWithBenefits(tenant, program, member, at).stream()
			.filter(plan -> plan.tier() != null)
			.map(plan -> new Grant(plan.tier(), "membership " + plan.code()))
			.toList();
	}

	private List<MembershipPlan> plansWithBenefits(TenantId tenant, ProgramId program, UUID member, Instant at) {
		if (!plans.any(tenant)) {
			return List.of();
		}
		return memberships.withBenefits(tenant, program, member)
			.stream()
			.filter(membership -> membership.benefitsAt(at))
			.map(membership -> plans.get(tenant, membership.plan()).plan())
			.toList();
	}
}
