package io.fidelis.reward;

import java.time.Instant;

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
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A program's terms for paying with its units at a checkout and for transfers between members. Any key of the tenant
 * may read them; setting them needs {@code programs:write}. A {@code PUT} replaces them: what it omits takes its
 * default.
 */
@RestController
@RequestMapping("/api/v1/programs/{program}")
class SpendingTermsController {

	/** Sanity: no limit or minimum above a billion units, the most one movement may carry. */
	private static final long MAX_POINTS = 1_000_000_000L;

	private final Programs programs;
	private final SpendingTerms terms;
	private final IdempotentRequests idempotentRequests;

	SpendingTermsController(Programs programs, SpendingTerms terms, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.terms = terms;
		this.idempotentRequests = idempotentRequests;
	}

	/** Omitted: at least 1 unit, up to the whole basket. */
	record PointPaymentTermsRequest(@Min(1) @Max(MAX_POINTS) Long minPoints,
			@Min(1) @Max(100) Integer maxSharePercent) {
	}

	record PointPaymentTermsResponse(String program, long minPoints, int maxSharePercent, Instant updatedAt) {
	}

	/** Omitted: no limit. */
	record TransferTermsRequest(@Min(1) @Max(MAX_POINTS) Long maxPointsPerTransfer,
			@Min(1) @Max(MAX_POINTS) Long maxPointsPerMonth) {
	}

	record TransferTermsResponse(String program, Long maxPointsPerTransfer, Long maxPointsPerMonth,
			Instant updatedAt) {
	}

	@GetMapping("/point-payment-terms")
	PointPaymentTermsResponse pointPaymentTerms(Caller caller, @PathVariable String program) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		return response(owner, terms.pointPayments(tenant, owner.id()));
	}

	@PutMapping("/point-payment-terms")
	ResponseEntity<PointPaymentTermsResponse> setPointPaymentTerms(Caller caller, @PathVariable String program,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody PointPaymentTermsRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + program + "/point-payment-terms",
				request, PointPaymentTermsResponse.class, HttpStatus.OK, () -> {
					Program owner = programs.get(tenant, program);
					return response(owner, terms.setPointPayments(tenant, owner.id(),
							request.minPoints() == null ? PointPaymentTerms.DEFAULTS.minPoints() : request.minPoints(),
							request.maxSharePercent() == null ? PointPaymentTerms.DEFAULTS.maxSharePercent()
									: request.maxSharePercent()));
				})
			.toResponseEntity();
	}

	@GetMapping("/transfer-terms")
	TransferTermsResponse transferTerms(Caller caller, @PathVariable String program) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		return response(owner, terms.transfers(tenant, owner.id()));
	}

	@PutMapping("/transfer-terms")
	ResponseEntity<TransferTermsResponse> setTransferTerms(Caller caller, @PathVariable String program,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody TransferTermsRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + program + "/transfer-terms",
				request, TransferTermsResponse.class, HttpStatus.OK, () -> {
					Program owner = programs.get(tenant, program);
					return response(owner, terms.setTransfers(tenant, owner.id(), request.maxPointsPerTransfer(),
							request.maxPointsPerMonth()));
				})
			.toResponseEntity();
	}

	private static PointPaymentTermsResponse response(Program program, PointPaymentTerms terms) {
		return new PointPaymentTermsResponse(program.code(), terms.minPoints(), terms.maxSharePercent(),
				terms.updatedAt());
	}

	private static TransferTermsResponse response(Program program, TransferLimits limits) {
		return new TransferTermsResponse(program.code(), limits.maxPointsPerTransfer(), limits.maxPointsPerMonth(),
				limits.updatedAt());
	}
}
