package io.fidelis.reward;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * A till using a voucher: first to see what it would take off a basket, then to burn it. Burning locks the voucher's
 * row, so when tills race with one code, one burns it and the others are told it was used.
 */
@Service
class VoucherUses {

	private final Vouchers vouchers;
	private final Clock clock;

	VoucherUses(Vouchers vouchers, Clock clock) {
		this.vouchers = vouchers;
		this.clock = clock;
	}

	/** What the voucher would take off the basket now, changing nothing. */
	Use check(TenantId tenant, String code, Basket basket) {
		Voucher voucher = vouchers.get(tenant, code);
		refuseIfUnusable(voucher, clock.instant());
		return new Use(voucher, discount(voucher, basket));
	}

	/** Burns the voucher on this basket; it can never be used again. */
	@Transactional
	Use burn(TenantId tenant, String code, Basket basket, String store, String reference) {
		Voucher voucher = vouchers.lock(tenant, code);
		refuseIfUnusable(voucher, clock.instant());
		long discount = discount(voucher, basket);
		vouchers.markRedeemed(voucher, discount, store, reference);
		return new Use(vouchers.get(tenant, code), discount);
	}

	private static long discount(Voucher voucher, Basket basket) {
		if (basket == null && voucher.offer().needsBasket()) {
			throw BusinessException.invalid("amount", "is required: this voucher takes money off a basket");
		}
		return voucher.offer().discountFor(basket);
	}

	/** A voucher and the discount it gives (minor units of its currency). */
	record Use(Voucher voucher, long discount) {
	}

	static void refuseIfUnusable(Voucher voucher, Instant now) {
		switch (voucher.status(now)) {
			case REDEEMED -> throw new BusinessException(ErrorCode.VOUCHER_REDEEMED,
					"Voucher " + voucher.code() + " was used at " + voucher.redeemedAt());
			case CANCELLED -> throw new BusinessException(ErrorCode.VOUCHER_CANCELLED,
					"Voucher " + voucher.code() + " was cancelled at " + voucher.cancelledAt());
			case EXPIRED -> throw new BusinessException(ErrorCode.VOUCHER_EXPIRED,
					"Voucher " + voucher.code() + " expired at " + voucher.expiresAt());
			case ISSUED -> {
			}
		}
	}
}
