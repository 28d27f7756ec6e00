package io.fidelis.reward;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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

import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The tenant's charity causes, and what members gave each. Any key of the tenant may read them; managing them needs
 * {@code programs:write}.
 */
@RestController
@RequestMapping("/api/v1/causes")
class CauseController {

	private final Causes causes;
	private final Donations donations;
	private final Programs programs;
	private final IdempotentRequests idempotentRequests;

	CauseController(Causes causes, Donations donations, Programs programs, IdempotentRequests idempotentRequests) {
		this.causes = causes;
		this.donations = donations;
		this.programs = programs;
		this.idempotentRequests = idempotentRequests;
	}

	/** @param code required to create a cause, and cannot change */
	record CauseRequest(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
			message = "must be 1 to 32 lower-case letters, digits, '-' or '_'") String code,
			@NotNull @Valid Cause.Texts texts,
			@Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String imageUrl) {
	}

	/** @param given what members gave, when a single cause is read (null in the list) */
	record CauseResponse(UUID id, String code, String status, Cause.Texts texts, String imageUrl, GivenResponse given,
			Instant retiredAt, Instant createdAt, Instant updatedAt) {
	}

	/** @param donors how many members gave at least once */
	record GivenResponse(long donations, long donors, List<ProgramGivenResponse> programs) {
	}

	/** {@code points} of the program's units, worth {@code amount} in {@code currency} when given. */
	record ProgramGivenResponse(String program, long donations, long donors, long points, String amount,
			String currency) {
	}

	@PostMapping
	ResponseEntity<CauseResponse> create(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CauseRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /causes", request, CauseResponse.class,
				HttpStatus.CREATED,
				() -> response(causes.create(tenant, request.code(), request.texts(), request.imageUrl()), null))
			.toResponseEntity();
	}

	/** Replaces the cause's texts and image (the code stays). */
	@PutMapping("/{code}")
	ResponseEntity<CauseResponse> update(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CauseRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() != null && !request.code().equals(code)) {
			throw BusinessException.invalid("code", "cannot be changed");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /causes/" + code, request, CauseResponse.class,
				HttpStatus.OK, () -> response(causes.update(tenant, code, request.texts(), request.imageUrl()), null))
			.toResponseEntity();
	}

	/** Closes the cause to donations for good. */
	@PostMapping("/{code}/retire")
	ResponseEntity<CauseResponse> retire(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /causes/" + code + "/retire", code,
				CauseResponse.class, HttpStatus.OK, () -> response(causes.retire(tenant, code), null))
			.toResponseEntity();
	}

	@GetMapping
	List<CauseResponse> list(Caller caller) {
		return causes.list(caller.tenantId()).stream().map(cause -> response(cause, null)).toList();
	}

	@GetMapping("/{code}")
	CauseResponse get(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.tenantId();
		Cause cause = causes.get(tenant, code);
		Map<ProgramId, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(Program::id, Program::code));
		CauseReport report = donations.report(tenant, cause);
		return response(cause, new GivenResponse(report.donations(), report.donors(), report.programs()
			.stream()
			.map(giving -> new ProgramGivenResponse(codes.get(giving.programId()), giving.donations(),
					giving.donors(), giving.points(),
					Amounts.text(giving.value().minorUnits(), giving.value().currency()),
					giving.value().currency().getCurrencyCode()))
			.toList()));
	}

	private static CauseResponse response(Cause cause, GivenResponse given) {
		return new CauseResponse(cause.id(), cause.code(), cause.retiredAt() == null ? "active" : "retired",
				cause.texts(), cause.imageUrl(), given, cause.retiredAt(), cause.createdAt(), cause.updatedAt());
	}
}
