package io.fidelis.membership;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** The paid membership plans a tenant sells. */
@RestController
@RequestMapping("/api/v1/membership-plans")
class MembershipPlanController {

	private final MembershipPlanCatalog plans;
	private final IdempotentRequests idempotentRequests;

	MembershipPlanController(MembershipPlanCatalog plans, IdempotentRequests idempotentRequests) {
		this.plans = plans;
		this.idempotentRequests = idempotentRequests;
	}

	record PlanResponse(String code, MembershipPlan.Names names, String price, String currency, MembershipTerm term,
			Integer termDays, boolean autoRenew, int trialDays, int graceDays, String program, String tier,
			String earnMultiplier, MembershipPlan.Perks perks, List<String> rewards, Instant retiredAt,
			Instant createdAt, Instant updatedAt) {

		static PlanResponse of(MembershipPlans.Entry entry) {
			MembershipPlan plan = entry.plan();
			return new PlanResponse(plan.code(), plan.names(), plan.price().toPlainString(), plan.currency(),
					plan.term(), plan.termDays(), plan.autoRenew(), plan.trialDays(), plan.graceDays(), plan.program(),
					plan.tier(), plan.earnMultiplier().stripTrailingZeros().toPlainString(), plan.perks(),
					plan.rewards(), entry.retiredAt(), entry.createdAt(), entry.updatedAt());
		}
	}

	@PostMapping
	ResponseEntity<PlanResponse> create(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody MembershipPlan request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /membership-plans", request,
				PlanResponse.class, HttpStatus.CREATED,
				() -> PlanResponse.of(plans.create(tenant, request)))
			.toResponseEntity();
	}

	/** Replaces the plan's definition (the code stays); memberships started keep the terms they started with. */
	@PutMapping("/{plan}")
	ResponseEntity<PlanResponse> update(Caller caller, @PathVariable String plan,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody MembershipPlan request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() != null && !request.code().equals(plan)) {
			throw BusinessException.invalid("code", "cannot be changed");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /membership-plans/" + plan, request,
				PlanResponse.class, HttpStatus.OK,
				() -> PlanResponse.of(plans.update(tenant, plan, request)))
			.toResponseEntity();
	}

	/** No one can start the plan any more; memberships of it go on until they end. */
	@PostMapping("/{plan}/retire")
	ResponseEntity<PlanResponse> retire(Caller caller, @PathVariable String plan,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /membership-plans/" + plan + "/retire", plan,
				PlanResponse.class, HttpStatus.OK, () -> PlanResponse.of(plans.retire(tenant, plan)))
			.toResponseEntity();
	}

	@GetMapping
	List<PlanResponse> list(Caller caller) {
		return plans.list(caller.tenantId()).stream().map(PlanResponse::of).toList();
	}

	@GetMapping("/{plan}")
	PlanResponse get(Caller caller, @PathVariable String plan) {
		return PlanResponse.of(plans.get(caller.tenantId(), plan));
	}
}
