package io.fidelis.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.reward.RewardGrants;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.MemberTiers;

/**
 * The paid membership plans a tenant sells, as the API and the back-office change them: a plan is kept once what its
 * annotations cannot check holds (the price fits its currency, the program exists and has the tier, the rewards can
 * be given). Changes run in the caller's transaction.
 */
@Service
public class MembershipPlanCatalog {

	private final MembershipPlans plans;
	private final Programs programs;
	private final MemberTiers tiers;
	private final RewardGrants rewards;

	MembershipPlanCatalog(MembershipPlans plans, Programs programs, MemberTiers tiers, RewardGrants rewards) {
		this.plans = plans;
		this.programs = programs;
		this.tiers = tiers;
		this.rewards = rewards;
	}

	/** @throws BusinessException {@code invalid-request}, or {@code membership-plan-exists} if the code is taken */
	public MembershipPlans.Entry create(TenantId tenant, MembershipPlan plan) {
		if (plan.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		return plans.create(tenant, checked(tenant, plan));
	}

	/** Replaces the plan's definition (the code stays); memberships started keep the terms they started with. */
	public MembershipPlans.Entry update(TenantId tenant, String code, MembershipPlan plan) {
		if (plan.code() != null && !plan.code().equals(code)) {
			throw BusinessException.invalid("code", "cannot be changed");
		}
		return plans.update(tenant, checked(tenant, plan.withCode(code)));
	}

	/** No one can start the plan any more; memberships of it go on until they end. */
	public MembershipPlans.Entry retire(TenantId tenant, String code) {
		return plans.retire(tenant, code);
	}

	public List<MembershipPlans.Entry> list(TenantId tenant) {
		return plans.list(tenant);
	}

	public MembershipPlans.Entry get(TenantId tenant, String code) {
		return plans.get(tenant, code);
	}

	/** The plan with its program filled in, once what the annotations cannot check holds. */
	private MembershipPlan checked(TenantId tenant, MembershipPlan plan) {
		Money.parse(plan.price(), Money.currency(plan.currency(), "currency"), "price");
		List<FieldError> problems = new ArrayList<>(plan.problems());
		String programCode = plan.program() == null ? Programs.DEFAULT_CODE : plan.program();
		Program program = programs.find(tenant, programCode).orElse(null);
		if (program == null) {
			problems.add(new FieldError("program", "no program with code '" + programCode + "'"));
		}
		else if (plan.tier() != null && tiers.tier(tenant, program.id(), plan.tier()).isEmpty()) {
			problems.add(new FieldError("tier", "program " + programCode + " has no tier '" + plan.tier() + "'"));
		}
		for (int i = 0; i < plan.rewards().size(); i++) {
			int index = i;
			rewards.refusal(tenant, plan.rewards().get(i))
				.ifPresent(reason -> problems.add(new FieldError("rewards[" + index + "]", reason)));
		}
		if (!problems.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST, problems.stream()
				.map(problem -> problem.field() + ": " + problem.message())
				.collect(Collectors.joining("; ")), problems);
		}
		return new MembershipPlan(plan.code(), plan.names(), plan.price(), plan.currency(), plan.term(),
				plan.termDays(), plan.autoRenew(), plan.trialDays(), plan.graceDays(), programCode, plan.tier(),
				plan.earnMultiplier(), plan.perks(), plan.rewards());
	}
}
