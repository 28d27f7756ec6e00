package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.ledger.Balances;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
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

/** A member donating units to one of the tenant's charity causes. */
@RestController
class DonationController {

	private final Members members;
	private final Programs programs;
	private final Causes causes;
	private final Donations donations;
	private final Balances balances;
	private final IdempotentRequests idempotentRequests;

	DonationController(Members members, Programs programs, Causes causes, Donations donations, Balances balances,
			IdempotentRequests idempotentRequests) {
		this.members = members;
		this.programs = programs;
		this.causes = causes;
		this.donations = donations;
		this.balances = balances;
		this.idempotentRequests = idempotentRequests;
	}

	record DonationRequest(@NotBlank @Size(max = 32) String program, @NotBlank @Size(max = 32) String cause,
			@NotNull @Min(1) @Max(1_000_000_000) Long points) {
	}

	/**
	 * @param amount what the units were worth at the program's unit value, a decimal string in {@code currency}
	 * @param available the member's available balance after the donation
	 */
	record DonationResponse(UUID id, String cause, String program, UUID memberId, long points, String amount,
			String currency, UUID transactionId, long available, Instant createdAt) {
	}

	@PostMapping("/api/v1/members/{memberId}/donations")
	ResponseEntity<DonationResponse> donate(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody DonationRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/donations", request,
				DonationResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.active(tenant, new MemberId(memberId));
					Program program = programs.get(tenant, request.program());
					Cause cause = causes.get(tenant, request.cause());
					Donation donation = donations.donate(tenant, member, program, cause, request.points(),
							idempotencyKey);
					MemberBalance balance = balances.of(tenant, memberId).get(program.id());
					return new DonationResponse(donation.id(), cause.code(), program.code(), memberId,
							donation.points(), Amounts.text(donation.value().minorUnits(), donation.value().currency()),
							donation.value().currency().getCurrencyCode(), donation.transactionId(),
							balance == null ? 0 : balance.available(), donation.createdAt());
				})
			.toResponseEntity();
	}
}
