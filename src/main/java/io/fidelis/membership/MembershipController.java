package io.fidelis.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
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

/**
 * Members' memberships: started and renewed when the till or shop reports a payment, cancelled by the member or an
 * operator. Without an Idempotency-Key header, the payment's reference is the key: a payment reported twice answers
 * the first answer again.
 */
@RestController
@RequestMapping("/api/v1")
class MembershipController {

	private static final String PAYMENT_REFERENCE = "[\\x21-\\x7E]{1,180}";

	private final Members members;
	private final Memberships memberships;
	private final MembershipLifecycle lifecycle;
	private final IdempotentRequests idempotentRequests;

	MembershipController(Members members, Memberships memberships, MembershipLifecycle lifecycle,
			IdempotentRequests idempotentRequests) {
		this.members = members;
		this.memberships = memberships;
		this.lifecycle = lifecycle;
		this.idempotentRequests = idempotentRequests;
	}

	record StartMembership(@NotBlank @Size(max = 32) String plan,
			@NotNull @Pattern(regexp = PAYMENT_REFERENCE, message = "must be 1 to 180 printable ASCII characters")
			String paymentReference, @NotNull BigDecimal amount, @NotNull String currency) {
	}

	record ReportRenewal(
			@NotNull @Pattern(regexp = PAYMENT_REFERENCE, message = "must be 1 to 180 printable ASCII characters")
			String paymentReference, @NotNull BigDecimal amount, @NotNull String currency) {
	}

	/** @param by who asks: the member (through a till, shop or the portal) or an operator (the default) */
	record Cancel(@NotNull MembershipLifecycle.Effective effective, @Pattern(regexp = "member|operator",
			message = "must be member or operator") String by) {
	}

	/**
	 * A membership as the API shows it, with its history oldest first.
	 *
	 * @param graceUntil while past due: when it lapses unless a renewal is reported
	 */
	record MembershipResponse(UUID id, UUID memberId, String plan, MembershipStatus status, Instant startedAt,
			Instant trialUntil, Instant termStart, Instant termEnd, Instant graceUntil, boolean cancelAtTermEnd,
			Instant endedAt, List<Memberships.HistoryLine> history) {
	}

	@PostMapping("/members/{id}/memberships")
	ResponseEntity<MembershipResponse> start(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody StartMembership request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		return idempotentRequests.execute(tenant, key(idempotencyKey, request.paymentReference()),
				"POST /members/" + id + "/memberships", request, MembershipResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.active(tenant, new MemberId(id));
					return response(tenant, lifecycle.start(tenant, member, request.plan(),
							new MembershipLifecycle.Payment(request.paymentReference(), request.amount(),
									request.currency())));
				})
			.toResponseEntity();
	}

	@PostMapping("/memberships/{id}/renewals")
	ResponseEntity<MembershipResponse> renew(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody ReportRenewal request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		return idempotentRequests.execute(tenant, key(idempotencyKey, request.paymentReference()),
				"POST /memberships/" + id + "/renewals", request, MembershipResponse.class, HttpStatus.OK,
				() -> response(tenant, lifecycle.renew(tenant, id, new MembershipLifecycle.Payment(
						request.paymentReference(), request.amount(), request.currency()))))
			.toResponseEntity();
	}

	@PostMapping("/memberships/{id}/cancel")
	ResponseEntity<MembershipResponse> cancel(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody Cancel request) {
		TenantId tenant = caller.require(Scope.MEMBERS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /memberships/" + id + "/cancel", request,
				MembershipResponse.class, HttpStatus.OK,
				() -> response(tenant, lifecycle.cancel(tenant, id, request.effective(),
						request.by() == null ? "operator" : request.by())))
			.toResponseEntity();
	}

	@GetMapping("/memberships/{id}")
	MembershipResponse get(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		return response(tenant, memberships.get(tenant, id));
	}

	/** The member's memberships, newest first, each with its history. */
	@GetMapping("/members/{id}/memberships")
	Page<MembershipResponse> ofMember(Caller caller, @PathVariable UUID id,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		members.get(tenant, new MemberId(id));
		Page<Membership> page = memberships.ofMember(tenant, id, PageRequest.of(limit, cursor));
		return new Page<>(page.items().stream().map(membership -> response(tenant, membership)).toList(),
				page.nextCursor());
	}

	/** The payment's reference keys a report sent without a header: a till retrying a payment renews once. */
	private static String key(String header, String paymentReference) {
		return header != null ? header : paymentReference == null ? null : "membership-payment:" + paymentReference;
	}

	private MembershipResponse response(TenantId tenant, Membership membership) {
		return new MembershipResponse(membership.id(), membership.memberId(), membership.plan(), membership.status(),
				membership.startedAt(), membership.trialUntil(), membership.termStart(), membership.termEnd(),
				membership.status() == MembershipStatus.PAST_DUE ? membership.graceUntil() : null,
				membership.cancelAtTermEnd(), membership.endedAt(), memberships.history(tenant, membership.id()));
	}
}
