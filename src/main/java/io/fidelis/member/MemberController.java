package io.fidelis.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Enrolling members, finding them, labelling them, blocking them, and merging duplicates. */
@RestController
@RequestMapping("/api/v1/members")
class MemberController {

	private final Members members;
	private final MemberLabels labels;
	private final MemberMerges merges;
	private final IdempotentRequests idempotentRequests;

	MemberController(Members members, MemberLabels labels, MemberMerges merges,
			IdempotentRequests idempotentRequests) {
		this.members = members;
		this.labels = labels;
		this.merges = merges;
		this.idempotentRequests = idempotentRequests;
	}

	record EnrolMember(@Size(min = 1, max = 64) @Pattern(regexp = "\\p{Graph}+",
			message = "must be printable characters without spaces") String externalId,
			@Size(max = 254) String email, @Size(max = 32) String phone, @Size(max = 100) String firstName,
			@Size(max = 100) String lastName, LocalDate birthDate,
			@Pattern(regexp = "fr|en", message = "must be fr or en") String locale, Boolean marketingConsent,
			List<String> labels) {
	}

	/**
	 * @param labels sorted
	 * @param status {@code active}, {@code blocked} or {@code merged}
	 * @param statusReason why the member was blocked, or whom they were merged into; null when active
	 * @param mergedInto the member this one was merged into; null unless merged
	 */
	record MemberResponse(UUID id, String cardNumber, String externalId, String email, String phone, String firstName,
			String lastName, LocalDate birthDate, String locale, boolean marketingConsent, List<String> labels,
			Instant enrolledAt, String status, String statusReason, UUID mergedInto) {

		static MemberResponse of(Member member, List<String> labels) {
			return new MemberResponse(member.id().value(), member.cardNumber(), member.externalId(), member.email(),
					member.phone(), member.firstName(), member.lastName(), member.birthDate(), member.locale(),
					member.marketingConsent(), labels, member.enrolledAt(),
					member.status().name().toLowerCase(Locale.ROOT), member.statusReason(),
					member.mergedInto() == null ? null : member.mergedInto().value());
		}
	}

	record BlockMember(@NotBlank @Size(max = 500) String reason) {
	}

	record MergeMembers(@NotNull UUID duplicate) {
	}

	/** Both members after a merge: the survivor with the duplicate's identifiers, the duplicate merged. */
	record MergeResponse(MemberResponse survivor, MemberResponse duplicate) {
	}

	@PostMapping
	ResponseEntity<MemberResponse> enrol(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody EnrolMember request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		Enrolment enrolment = new Enrolment(request.externalId(), request.email(), request.phone(),
				request.firstName(), request.lastName(), request.birthDate(), request.locale(),
				Boolean.TRUE.equals(request.marketingConsent()), request.labels());
		return idempotentRequests
			.execute(tenant, idempotencyKey, "POST /members", request, MemberResponse.class, HttpStatus.CREATED,
					() -> {
						Member member = members.enrol(tenant, enrolment);
						return MemberResponse.of(member, labels.of(tenant, member.id()));
					})
			.toResponseEntity();
	}

	@GetMapping("/{id}")
	MemberResponse get(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		MemberId memberId = new MemberId(id);
		return MemberResponse.of(members.get(tenant, memberId), labels.of(tenant, memberId));
	}

	/**
	 * With {@code identifier}: the member with that card number, e-mail, phone, external id or id, if any (a list of
	 * zero or one; an identifier of a merged member finds the member they were merged into). Without: all members,
	 * or with {@code label} those with that label, with {@code status} ({@code active}, {@code blocked},
	 * {@code merged}) those in that status, newest first, a page at a time.
	 */
	@GetMapping
	Page<MemberResponse> find(Caller caller, @RequestParam(required = false) @Size(max = 254) String identifier,
			@RequestParam(required = false) String label, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		if (identifier != null) {
			if (label != null || status != null) {
				throw BusinessException.invalid(label != null ? "label" : "status", "cannot be combined with identifier");
			}
			return responses(tenant, members.findByIdentifier(tenant, identifier).stream().toList(), null);
		}
		Page<Member> page = members.list(tenant, label, status(status), PageRequest.of(limit, cursor));
		return responses(tenant, page.items(), page.nextCursor());
	}

	private static MemberStatus status(String status) {
		if (status == null) {
			return null;
		}
		return Arrays.stream(MemberStatus.values())
			.filter(candidate -> candidate.name().toLowerCase(Locale.ROOT).equals(status))
			.findFirst()
			.orElseThrow(() -> BusinessException.invalid("status", "must be active, blocked or merged"));
	}

	/**
	 * Gives the member the label: 204 whether they had it already or not. A label is 1 to 64 lower-case letters,
	 * digits, '-' or '_'; a member has at most 50.
	 */
	@PutMapping("/{id}/labels/{label}")
	ResponseEntity<Void> label(Caller caller, @PathVariable UUID id, @PathVariable String label) {
		labels.add(caller.require(Scope.MEMBERS_WRITE), new MemberId(id), label);
		return ResponseEntity.noContent().build();
	}

	/** Takes the label off the member: 204 whether they had it or not. */
	@DeleteMapping("/{id}/labels/{label}")
	ResponseEntity<Void> unlabel(Caller caller, @PathVariable UUID id, @PathVariable String label) {
		labels.remove(caller.require(Scope.MEMBERS_WRITE), new MemberId(id), label);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Blocks the member, with the operator's reason: until unblocked their purchase and activity events are refused
	 * (409 {@code member-blocked}), and so are their redemptions, transfers, donations, point payments, holds and
	 * vouchers; reads still work. Blocking a blocked member replaces the reason. Answers the member.
	 */
	@PostMapping("/{id}/block")
	MemberResponse block(Caller caller, @PathVariable UUID id, @Valid @RequestBody BlockMember request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		Member member = members.block(tenant, new MemberId(id), request.reason());
		return MemberResponse.of(member, labels.of(tenant, member.id()));
	}

	record UpdateProfile(@Size(max = 254) String email, @Size(max = 32) String phone, @Size(max = 100) String firstName,
			@Size(max = 100) String lastName, LocalDate birthDate,
			@Pattern(regexp = "fr|en", message = "must be fr or en") String locale, Boolean marketingConsent) {
	}

	/**
	 * Replaces the member's profile: contact details (normalised; one another member has is 409
	 * {@code member-exists}; left out or blank removes it), name, birth date, language ({@code en} if left out),
	 * marketing consent (false if left out). The card number and external id stay. Answers the member.
	 */
	@PutMapping("/{id}")
	MemberResponse update(Caller caller, @PathVariable UUID id, @Valid @RequestBody UpdateProfile request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		Member member = members.update(tenant, new MemberId(id), new Profile(request.email(), request.phone(),
				request.firstName(), request.lastName(), request.birthDate(), request.locale(),
				Boolean.TRUE.equals(request.marketingConsent())));
		return MemberResponse.of(member, labels.of(tenant, member.id()));
	}

	/** Lifts the member's block; an active member stays as they are. Answers the member. */
	@PostMapping("/{id}/unblock")
	MemberResponse unblock(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		Member member = members.unblock(tenant, new MemberId(id));
		return MemberResponse.of(member, labels.of(tenant, member.id()));
	}

	/**
	 * Merges the {@code duplicate} member into this one, the survivor (needs an {@code Idempotency-Key}): the
	 * duplicate's balances in every program move to the survivor by transfer transactions (their lots with their
	 * expiry, pending units still pending), with their identifiers the survivor lacks, unused vouchers, purchase
	 * count and tier activity; the duplicate ends {@code merged}, and their identifiers lead to the survivor. Refused:
	 * a member into themselves (400), a blocked or merged member (409 {@code member-blocked}, {@code member-merged}),
	 * a duplicate with open holds or memberships (409 {@code merge-refused}), a member of another tenant (404).
	 */
	@PostMapping("/{id}/merges")
	ResponseEntity<MergeResponse> merge(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@PathVariable UUID id, @Valid @RequestBody MergeMembers request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		return idempotentRequests
			.execute(tenant, idempotencyKey, "POST /members/" + id + "/merges", request, MergeResponse.class,
					HttpStatus.OK, () -> {
						MemberMerges.Merge merge = merges.merge(tenant, new MemberId(id),
								new MemberId(request.duplicate()), idempotencyKey);
						return new MergeResponse(
								MemberResponse.of(merge.survivor(), labels.of(tenant, merge.survivor().id())),
								MemberResponse.of(merge.duplicate(), labels.of(tenant, merge.duplicate().id())));
					})
			.toResponseEntity();
	}

	private Page<MemberResponse> responses(TenantId tenant, List<Member> found, String nextCursor) {
		Map<MemberId, List<String>> labelled = labels.of(tenant, found.stream().map(Member::id).toList());
		return new Page<>(found.stream()
			.map(member -> MemberResponse.of(member, labelled.getOrDefault(member.id(), List.of())))
			.toList(), nextCursor);
	}
}
