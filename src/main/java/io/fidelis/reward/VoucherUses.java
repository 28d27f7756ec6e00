package io.fidelis.reward;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
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
	private final Members members;
	private final Clock clock;

	VoucherUses(Vouchers vouchers, Members members, Clock clock) {
		this.vouchers = vouchers;
		this.members = members;
		this.clock = clock;
	}

	/** What the voucher would take off the basket now, changing nothing; a voucher held by a checkout can be seen. */
	Use check(TenantId tenant, String code, Basket basket) {
		Voucher voucher = vouchers.get(tenant, code);
		refuseIfUnusable(voucher, clock.instant(), voucher.holdId());
		requireActiveHolder(tenant, voucher);
		return new Use(voucher, discount(voucher, basket));
	}

	/**
	 * Burns the voucher on this basket; it can never be used again. A held voucher is burnt only by the checkout that
	 * holds it ({@code holdId}).
	 */
	@Transactional
	Use burn(TenantId tenant, String code, Basket basket, UUID holdId, String store, String reference) {
		Voucher voucher = vouchers.lock(tenant, code);
		refuseIfUnusable(voucher, clock.instant(), holdId);
		requireActiveHolder(tenant, voucher);
		long discount = discount(voucher, basket);
		vouchers.markRedeemed(voucher, discount, store, reference);
		return new Use(vouchers.get(tenant, code), discount);
	}

	/**
	 * Sets the voucher aside for one checkout until {@code until}: no other till can burn it, nobody can cancel it,
	 * until the checkout burns or releases it or the time is up.
	 */
	@Transactional
	Voucher hold(TenantId tenant, String code, Instant until) {
		Voucher voucher = vouchers.lock(tenant, code);
		refuseIfUnusable(voucher, clock.instant(), null);
		requireActiveHolder(tenant, voucher);
		UUID holdId = UUID.randomUUID();
		vouchers.hold(voucher, holdId, until);
		return vouchers.get(tenant, code);
	}

	/** Ends the checkout's hold; the voucher can be used by anyone again. */
	@Transactional
	Voucher release(TenantId tenant, String code, UUID holdId) {
		Voucher voucher = vouchers.lock(tenant, code);
		refuseIfUnusable(voucher, clock.instant(), holdId);
		if (voucher.status(clock.instant()) != VoucherStatus.HELD) {
			throw new BusinessException(ErrorCode.VOUCHER_NOT_HELD, "Voucher " + voucher.code() + " is not held");
		}
		vouchers.hold(voucher, null, null);
		return vouchers.get(tenant, code);
	}

	/** A blocked member's vouchers cannot be used ({@link ErrorCode#MEMBER_BLOCKED}) until they are unblocked. */
	private void requireActiveHolder(TenantId tenant, Voucher voucher) {
		members.active(tenant, new MemberId(voucher.memberId()));
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

	/** Refuses a voucher that cannot be used now, or that is held by another checkout than {@code holdId}. */
	static void refuseIfUnusable(Voucher voucher, Instant now, UUID holdId) {
		switch (voucher.status(now)) {
			case HELD -> {
				if (!voucher.holdId().equals(holdId)) {
					throw new BusinessException(ErrorCode.VOUCHER_HELD,
							"Voucher " + voucher.code() + " is held by a checkout until " + voucher.heldUntil());
				}
			}
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
