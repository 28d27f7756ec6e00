package io.fidelis.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

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

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Enrolling members and finding them. */
@RestController
@RequestMapping("/api/v1/members")
class MemberController {

	private final Members members;
	private final IdempotentRequests idempotentRequests;

	MemberController(Members members, IdempotentRequests idempotentRequests) {
		this.members = members;
		this.idempotentRequests = idempotentRequests;
	}

	record EnrolMember(@Size(min = 1, max = 64) @Pattern(regexp = "\\p{Graph}+",
			message = "must be printable characters without spaces") String externalId,
			@Size(max = 254) String email, @Size(max = 32) String phone, @Size(max = 100) String firstName,
			@Size(max = 100) String lastName, LocalDate birthDate,
			@Pattern(regexp = "fr|en", message = "must be fr or en") String locale, Boolean marketingConsent) {
	}

	record MemberResponse(UUID id, String cardNumber, String externalId, String email, String phone, String firstName,
			String lastName, LocalDate birthDate, String locale, boolean marketingConsent, Instant enrolledAt) {

		static MemberResponse of(Member member) {
			return new MemberResponse(member.id().value(), member.cardNumber(), member.externalId(), member.email(),
					member.phone(), member.firstName(), member.lastName(), member.birthDate(), member.locale(),
					member.marketingConsent(), member.enrolledAt());
		}
	}

	@PostMapping
	ResponseEntity<MemberResponse> enrol(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody EnrolMember request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		Enrolment enrolment = new Enrolment(request.externalId(), request.email(), request.phone(),
				request.firstName(), request.lastName(), request.birthDate(), request.locale(),
				Boolean.TRUE.equals(request.marketingConsent()));
		return idempotentRequests
			.execute(tenant, idempotencyKey, "POST /members", request, MemberResponse.class, HttpStatus.CREATED,
					() -> MemberResponse.of(members.enrol(tenant, enrolment)))
			.toResponseEntity();
	}

	@GetMapping("/{id}")
	MemberResponse get(Caller caller, @PathVariable UUID id) {
		return MemberResponse.of(members.get(caller.require(Scope.MEMBERS_READ), new MemberId(id)));
	}

	/**
	 * With {@code identifier}: the member with that card number, e-mail, phone, external id or id, if any (a list of
	 * zero or one). Without: all members, newest first, a page at a time.
	 */
	@GetMapping
	Page<MemberResponse> find(Caller caller, @RequestParam(required = false) @Size(max = 254) String identifier,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		if (identifier != null) {
			return new Page<>(members.findByIdentifier(tenant, identifier).map(MemberResponse::of).stream().toList(),
					null);
		}
		Page<Member> page = members.list(tenant, PageRequest.of(limit, cursor));
		return new Page<>(page.items().stream().map(MemberResponse::of).toList(), page.nextCursor());
	}
}
