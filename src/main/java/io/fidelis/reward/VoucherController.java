package io.fidelis.reward;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Vouchers at the till: look one up, see what it takes off a basket, burn it, cancel it (its points go back), show
 * it as a QR code.
 */
@RestController
@RequestMapping("/api/v1/vouchers/{code}")
class VoucherController {

	/** Big enough for a phone screen and a till's scanner; small enough to send quickly. */
	private static final int QR_SIZE_PIXELS = 300;
	/** Sanity: a checkout does not last more than a day. */
	private static final int MAX_HOLD_SECONDS = 86_400;
	private static final int DEFAULT_HOLD_SECONDS = 900;

	private final Vouchers vouchers;
	private final VoucherUses uses;
	private final Cancellations cancellations;
	private final VoucherResponses responses;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	VoucherController(Vouchers vouchers, VoucherUses uses, Cancellations cancellations, VoucherResponses responses,
			IdempotentRequests idempotentRequests, Clock clock) {
		this.vouchers = vouchers;
		this.uses = uses;
		this.cancellations = cancellations;
		this.responses = responses;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	/**
	 * @param discount what the voucher takes off the basket; {@code toPay} what is left to pay, with the voucher's
	 *        cash price (both null for a ticket checked in without a basket)
	 */
	record UseResponse(VoucherResponses.VoucherResponse voucher, String discount, String toPay, String currency) {
	}

	@GetMapping
	VoucherResponses.VoucherResponse get(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		return responses.of(tenant, vouchers.get(tenant, code));
	}

	@GetMapping(value = "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qrCode(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Voucher voucher = vouchers.get(tenant, code);
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noStore())
			.body(QrCodes.png(voucher.code(), QR_SIZE_PIXELS));
	}

	/** What the voucher would take off this basket; changes nothing. */
	@PostMapping("/validate")
	UseResponse validate(Caller caller, @PathVariable String code, @Valid @RequestBody BasketRequest request) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Basket basket = request.basket();
		return response(tenant, uses.check(tenant, code, basket), basket);
	}

	/** Burns the voucher on this basket: used once, whatever the number of tills trying. */
	@PostMapping("/redeem")
	ResponseEntity<UseResponse> redeem(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody BasketRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /vouchers/" + code + "/redeem", request,
				UseResponse.class, HttpStatus.OK, () -> {
					Basket basket = request.basket();
					return response(tenant,
							uses.burn(tenant, code, basket, request.holdId(), caller.store(request.store()),
									request.reference()),
							basket);
				})
			.toResponseEntity();
	}

	/** @param holdId what the checkout shows to burn or release the voucher it holds */
	record HoldResponse(VoucherResponses.VoucherResponse voucher, UUID holdId, Instant heldUntil) {
	}

	record HoldRequest(@Min(30) @Max(MAX_HOLD_SECONDS) Integer timeoutSeconds) {
	}

	record ReleaseRequest(@NotNull UUID holdId) {
	}

	/** Sets the voucher aside for this checkout; it is burnt with the hold id, or released, or the hold times out. */
	@PostMapping("/hold")
	ResponseEntity<HoldResponse> hold(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody(required = false) HoldRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		HoldRequest hold = request == null ? new HoldRequest(null) : request;
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /vouchers/" + code + "/hold", hold,
				HoldResponse.class, HttpStatus.OK, () -> {
					int timeout = hold.timeoutSeconds() == null ? DEFAULT_HOLD_SECONDS : hold.timeoutSeconds();
					Voucher held = uses.hold(tenant, code, clock.instant().plusSeconds(timeout));
					return new HoldResponse(responses.of(tenant, held), held.holdId(), held.heldUntil());
				})
			.toResponseEntity();
	}

	@PostMapping("/release")
	ResponseEntity<VoucherResponses.VoucherResponse> release(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody ReleaseRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /vouchers/" + code + "/release", request,
				VoucherResponses.VoucherResponse.class, HttpStatus.OK,
				() -> responses.of(tenant, uses.release(tenant, code, request.holdId())))
			.toResponseEntity();
	}

	/** Cancels an unused voucher; its points go back to the member and it goes back in stock. */
	@PostMapping("/cancel")
	ResponseEntity<VoucherResponses.VoucherResponse> cancel(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /vouchers/" + code + "/cancel", code,
				VoucherResponses.VoucherResponse.class, HttpStatus.OK,
				() -> responses.of(tenant, cancellations.cancelVoucher(tenant, code, idempotencyKey)))
			.toResponseEntity();
	}

	private UseResponse response(TenantId tenant, VoucherUses.Use use, Basket basket) {
		if (basket == null) {
			return new UseResponse(responses.of(tenant, use.voucher()), null, null, null);
		}
		Currency currency = basket.total().currency();
		long toPay = basket.total().minorUnits() - use.discount() + use.voucher().offer().cashPrice();
		return new UseResponse(responses.of(tenant, use.voucher()), Amounts.text(use.discount(), currency),
				Amounts.text(toPay, currency), currency.getCurrencyCode());
	}
}
