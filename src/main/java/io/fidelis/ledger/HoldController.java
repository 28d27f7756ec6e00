package io.fidelis.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Checkout holds: a till sets a member's units aside while the customer pays, then captures what was spent or
 * releases them; a hold nobody resolves is released when its timeout ends.
 */
@RestController
class HoldController {

	/** Sanity: a checkout does not last more than a day. */
	private static final int MAX_TIMEOUT_SECONDS = 86_400;
	private static final int DEFAULT_TIMEOUT_SECONDS = 900;

	private final Members members;
	private final Programs programs;
	private final Holds holds;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	HoldController(Members members, Programs programs, Holds holds, IdempotentRequests idempotentRequests,
			Clock clock) {
		this.members = members;
		this.programs = programs;
		this.holds = holds;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	record HoldPlacement(@NotBlank @Size(max = 32) String program,
			@NotNull @Min(1) @Max(1_000_000_000) Long points,
			@Min(30) @Max(MAX_TIMEOUT_SECONDS) Integer timeoutSeconds, @Size(max = 200) String reference) {
	}

	record Capture(@Min(1) @Max(1_000_000_000) Long points) {
	}

	record HoldResponse(UUID id, String program, UUID memberId, long points, long captured, HoldStatus status,
			String reference, Instant expiresAt, Instant createdAt, Instant resolvedAt) {
	}

	@PostMapping("/api/v1/members/{memberId}/holds")
	ResponseEntity<HoldResponse> place(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody HoldPlacement request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/holds", request,
				HoldResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.active(tenant, new MemberId(memberId));
					Program program = programs.get(tenant, request.program());
					int timeout = request.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
					Hold hold = holds.place(new HoldRequest(tenant, program.id(), member.id().value(),
							request.points(), clock.instant().plus(Duration.ofSeconds(timeout)),
							request.reference(), explanation("hold.placed", program, request.points())));
					return response(program, hold);
				})
			.toResponseEntity();
	}

	@GetMapping("/api/v1/holds/{id}")
	HoldResponse get(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Hold hold = holds.find(tenant, id)
			.orElseThrow(() -> new BusinessException(ErrorCode.HOLD_NOT_FOUND, "No hold " + id));
		return response(programs.get(tenant, hold.program()), hold);
	}

	/** Spends what the hold set aside, or only {@code points} of it (the rest goes back to the member). */
	@PostMapping("/api/v1/holds/{id}/capture")
	ResponseEntity<HoldResponse> capture(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody(required = false) Capture request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		Capture capture = request == null ? new Capture(null) : request;
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /holds/" + id + "/capture", capture,
				HoldResponse.class, HttpStatus.OK, () -> {
					Hold pending = holds.find(tenant, id)
						.orElseThrow(() -> new BusinessException(ErrorCode.HOLD_NOT_FOUND, "No hold " + id));
					Program program = programs.get(tenant, pending.program());
					long spent = capture.points() == null ? pending.amount() : capture.points();
					long returned = Math.max(0, pending.amount() - spent);
					Explanation explanation = new Explanation(returned > 0 ? "hold.captured-partly" : "hold.captured",
							Map.of("points", Long.toString(spent), "returned", Long.toString(returned),
									ExplanationTexts.UNIT, program.kind().unit()));
					return response(program, holds.capture(tenant, id, spent, explanation));
				})
			.toResponseEntity();
	}

	@PostMapping("/api/v1/holds/{id}/release")
	ResponseEntity<HoldResponse> release(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /holds/" + id + "/release", id,
				HoldResponse.class, HttpStatus.OK, () -> {
					Hold pending = holds.find(tenant, id)
						.orElseThrow(() -> new BusinessException(ErrorCode.HOLD_NOT_FOUND, "No hold " + id));
					Program program = programs.get(tenant, pending.program());
					return response(program,
							holds.release(tenant, id, explanation("hold.released", program, pending.amount())));
				})
			.toResponseEntity();
	}

	private static Explanation explanation(String code, Program program, long points) {
		return new Explanation(code, Map.of("points", Long.toString(points), ExplanationTexts.UNIT,
				program.kind().unit()));
	}

	private static HoldResponse response(Program program, Hold hold) {
		return new HoldResponse(hold.id(), program.code(), hold.memberId(), hold.amount(), hold.captured(),
				hold.status(), hold.reference(), hold.expiresAt(), hold.createdAt(), hold.resolvedAt());
	}
}
