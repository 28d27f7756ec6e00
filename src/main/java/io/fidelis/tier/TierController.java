package io.fidelis.tier;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** A program's ladder of tiers, put as a whole. */
@RestController
@RequestMapping("/api/v1/programs/{program}/tiers")
class TierController {

	private final Programs programs;
	private final TierLadders ladders;
	private final IdempotentRequests idempotentRequests;

	TierController(Programs programs, TierLadders ladders, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.ladders = ladders;
		this.idempotentRequests = idempotentRequests;
	}

	record LadderResponse(String program, TierMetric metric, String expression, TierLadder.Window window,
			TierLadder.Downgrade downgrade, int graceDays, TierLadder.Review review, boolean returnsBringReviewForward,
			List<Tier> tiers) {

		static LadderResponse of(Program program, TierLadder ladder) {
			return new LadderResponse(program.code(), ladder.metric(), ladder.expression(), ladder.window(),
					ladder.downgrade(), ladder.graceDays(), ladder.review(), ladder.returnsBringReviewForward(),
					ladder.tiers());
		}
	}

	@GetMapping
	LadderResponse get(Caller caller, @PathVariable String program) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		return LadderResponse.of(owner, ladder(tenant, owner));
	}

	@GetMapping("/{tier}")
	Tier tier(Caller caller, @PathVariable String program, @PathVariable String tier) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		TierLadder ladder = ladder(tenant, owner);
		int rank = ladder.rank(tier);
		if (rank < 0) {
			throw new BusinessException(ErrorCode.TIER_NOT_FOUND, "Program " + program + " has no tier '" + tier + "'");
		}
		return ladder.tiers().get(rank);
	}

	/**
	 * Puts the whole ladder, first or again. Members keep their tier (their next move follows the new thresholds);
	 * a ladder that leaves out a tier members are in is refused.
	 */
	@PutMapping
	ResponseEntity<LadderResponse> put(Caller caller, @PathVariable String program,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody TierLadder request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + program + "/tiers", request,
				LadderResponse.class, HttpStatus.OK, () -> {
					Program owner = programs.get(tenant, program);
					ladders.replace(tenant, owner, request);
					return LadderResponse.of(owner, request);
				})
			.toResponseEntity();
	}

	private TierLadder ladder(TenantId tenant, Program program) {
		return ladders.find(tenant, program.id())
			.orElseThrow(() -> new BusinessException(ErrorCode.TIER_NOT_FOUND,
					"Program " + program.code() + " has no tiers"));
	}
}
