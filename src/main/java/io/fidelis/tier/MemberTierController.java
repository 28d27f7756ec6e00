package io.fidelis.tier;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A member's tier: where they stand, their history, and an operator's assignment. */
@RestController
@RequestMapping("/api/v1/members/{id}")
class MemberTierController {

	private final Members members;
	private final Programs programs;
	private final MemberTiers memberTiers;
	private final TierAssignments assignments;
	private final TierChanges changes;
	private final IdempotentRequests idempotentRequests;

	MemberTierController(Members members, Programs programs, MemberTiers memberTiers, TierAssignments assignments,
			TierChanges changes, IdempotentRequests idempotentRequests) {
		this.members = members;
		this.programs = programs;
		this.memberTiers = memberTiers;
		this.assignments = assignments;
		this.changes = changes;
		this.idempotentRequests = idempotentRequests;
	}

	/** @param until when the member goes back to the tier the metric supports */
	record AssignTier(@NotBlank @Size(max = 32) String program, @NotBlank @Size(max = 32) String tier,
			@NotBlank @Size(max = 500) String reason, @NotNull OffsetDateTime until) {
	}

	/** @param program the program's code; the default program's if left out */
	@GetMapping("/tier")
	TierStatus get(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String program) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(id));
		return memberTiers.status(tenant, programs.get(tenant, program == null ? Programs.DEFAULT_CODE : program),
				member);
	}

	/** Puts the member in a tier until a date, with the reason kept in their history. */
	@PostMapping("/tier")
	ResponseEntity<TierStatus> assign(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody AssignTier request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + id + "/tier", request,
				TierStatus.class, HttpStatus.OK, () -> {
					Member member = members.get(tenant, new MemberId(id)).requireNotMerged();
					Program program = programs.get(tenant, request.program());
					assignments.assign(tenant, program, id, request.tier(), request.reason(),
							request.until().toInstant());
					return memberTiers.status(tenant, program, member);
				})
			.toResponseEntity();
	}

	/** Every change and review of the member's tiers in every program, newest first. */
	@GetMapping("/tier-history")
	Page<TierChange> history(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		members.get(tenant, new MemberId(id));
		Map<UUID, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(program -> program.id().value(), Program::code));
		Function<UUID, String> code = codes::get;
		return changes.of(tenant, id, code, PageRequest.of(limit, cursor));
	}
}
