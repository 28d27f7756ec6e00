package io.fidelis.reward;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.ledger.Balances;
import io.fidelis.ledger.Hold;
import io.fidelis.ledger.HoldStatus;
import io.fidelis.ledger.Holds;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Money;
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
 * Paying with points at a checkout: the till sends the basket, the member's units take part of it off. Made at once
 * (and refundable whole), or held while the customer pays the rest, then captured or released through the hold.
 */
@RestController
class PointPaymentController {

	/** Sanity: a checkout does not last more than a day. */
	private static final int MAX_HOLD_SECONDS = 86_400;
	private static final int DEFAULT_HOLD_SECONDS = 900;

	private final Members members;
	private final Programs programs;
	private final PointPayments payments;
	private final Holds holds;
	private final Balances balances;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	PointPaymentController(Members members, Programs programs, PointPayments payments, Holds holds, Balances balances,
			IdempotentRequests idempotentRequests, Clock clock) {
		this.members = members;
		this.programs = programs;
		this.payments = payments;
		this.holds = holds;
		this.balances = balances;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	/**
	 * @param amount the basket's total, {@code currency} its currency (the program's)
	 * @param points how many units to pay with (null: as many as the program's terms and the balance allow)
	 * @param hold true: set the units aside with a hold of {@code timeoutSeconds}, for the till to capture or release
	 */
	record PointPaymentRequest(@NotBlank @Size(max = 32) String program, @NotNull BigDecimal amount,
			@NotBlank String currency, @Min(1) @Max(1_000_000_000) Long points, @Size(max = 64) String store,
			@Size(max = 200) String reference, Boolean hold, @Min(30) @Max(MAX_HOLD_SECONDS) Integer timeoutSeconds) {
	}

	/**
	 * Amounts are decimal strings in {@code currency}.
	 *
	 * @param toPay what is left of the basket for the customer to pay
	 * @param available the member's available balance after the payment or refund (null when read)
	 */
	record PointPaymentResponse(UUID id, String program, UUID memberId, PointPaymentStatus status, long points,
			String amount, String discount, String toPay, String currency, String store, String reference,
			UUID transactionId, HoldResponse hold, UUID refundTransactionId, Long available, Instant createdAt,
			Instant refundedAt) {
	}

	/** The hold of a held payment, as it stands: {@code captured} is what the till spent of it. */
	record HoldResponse(UUID id, HoldStatus status, long captured, Instant expiresAt) {
	}

	@PostMapping("/api/v1/members/{memberId}/point-payments")
	ResponseEntity<PointPaymentResponse> pay(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody PointPaymentRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		boolean held = Boolean.TRUE.equals(request.hold());
		if (!held && request.timeoutSeconds() != null) {
			throw BusinessException.invalid("timeoutSeconds", "applies only to a payment with \"hold\": true");
		}
		Money basket = Money.parse(request.amount(), Money.currency(request.currency(), "currency"), "amount");
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/point-payments",
				request, PointPaymentResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.active(tenant, new MemberId(memberId));
					Program program = programs.get(tenant, request.program());
					int timeout = request.timeoutSeconds() == null ? DEFAULT_HOLD_SECONDS : request.timeoutSeconds();
					Instant holdUntil = held ? clock.instant().plus(Duration.ofSeconds(timeout)) : null;
					PointPayment payment = payments.pay(tenant, member, program,
							new PointPayments.Checkout(basket, caller.store(request.store()), request.reference()), request.points(),
							holdUntil, request.reference() == null ? idempotencyKey : request.reference());
					return response(tenant, program, payment, true);
				})
			.toResponseEntity();
	}

	@GetMapping("/api/v1/point-payments/{id}")
	PointPaymentResponse get(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		PointPayment payment = payments.get(tenant, id);
		return response(tenant, programs.get(tenant, payment.programId()), payment, false);
	}

	/** Gives a payment made at once back whole, once; a held payment is released through its hold instead. */
	@PostMapping("/api/v1/point-payments/{id}/refund")
	ResponseEntity<PointPaymentResponse> refund(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /point-payments/" + id + "/refund", id,
				PointPaymentResponse.class, HttpStatus.OK, () -> {
					PointPayment refunded = payments.refund(tenant, id, idempotencyKey);
					return response(tenant, programs.get(tenant, refunded.programId()), refunded, true);
				})
			.toResponseEntity();
	}

	private PointPaymentResponse response(TenantId tenant, Program program, PointPayment payment,
			boolean withBalance) {
		Money basket = payment.basket();
		HoldResponse hold = payment.holdId() == null ? null : holds.find(tenant, payment.holdId())
			.map(PointPaymentController::hold)
			.orElseThrow(() -> new IllegalStateException("no hold " + payment.holdId()));
		Long available = null;
		if (withBalance) {
			MemberBalance balance = balances.of(tenant, payment.memberId()).get(program.id());
			available = balance == null ? 0 : balance.available();
		}
		return new PointPaymentResponse(payment.id(), program.code(), payment.memberId(), payment.status(),
				payment.points(), Amounts.text(basket.minorUnits(), basket.currency()),
				Amounts.text(payment.discount().minorUnits(), basket.currency()),
				Amounts.text(basket.minorUnits() - payment.discount().minorUnits(), basket.currency()),
				basket.currency().getCurrencyCode(), payment.store(), payment.reference(), payment.transactionId(),
				hold, payment.refundTransactionId(), available, payment.createdAt(), payment.refundedAt());
	}

	private static HoldResponse hold(Hold hold) {
		return new HoldResponse(hold.id(), hold.status(), hold.captured(), hold.expiresAt());
	}
}
