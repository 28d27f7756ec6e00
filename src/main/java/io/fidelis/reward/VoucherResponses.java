package io.fidelis.reward;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.fidelis.shared.TenantId;

/** How the API shows a voucher, wherever it appears (a redemption, a member's list, the voucher itself). */
@Component
class VoucherResponses {

	private final Rewards rewards;
	private final Clock clock;

	VoucherResponses(Rewards rewards, Clock clock) {
		this.rewards = rewards;
		this.clock = clock;
	}

	/**
	 * @param discount what it took off the basket it was used on (null until used)
	 * @param heldUntil while a checkout holds it, until when
	 * @param qrCode where to get the code as a QR code image
	 */
	record VoucherResponse(String code, String reward, UUID memberId, VoucherStatus status, Offer offer,
			Instant expiresAt, Instant createdAt, Instant redeemedAt, String redeemedStore, String discount,
			Instant cancelledAt, Instant heldUntil, String qrCode) {
	}

	/** What the voucher gives, in major units of {@code currency}; fields that do not apply are null. */
	record Offer(RewardType type, String currency, String amountOff, BigDecimal percentOff, String maxAmount,
			String sku, String category, String minBasket, String cashPrice) {
	}

	VoucherResponse of(TenantId tenant, Voucher voucher) {
		return of(tenant, voucher, rewards.get(tenant, voucher.rewardId()));
	}

	VoucherResponse of(TenantId tenant, Voucher voucher, Reward reward) {
		VoucherOffer offer = voucher.offer();
		Currency currency = Currency.getInstance(offer.currency());
		boolean percent = offer.percentOff() != null;
		Offer shown = new Offer(offer.type(), offer.currency(), percent ? null : major(offer.amountOff(), currency),
				offer.percentOff(), percent ? major(offer.amountOff(), currency) : null, offer.sku(), offer.category(),
				major(offer.minBasket(), currency), major(offer.cashPrice(), currency));
		return new VoucherResponse(voucher.code(), reward.code(), voucher.memberId(), voucher.status(clock.instant()),
				shown, voucher.expiresAt(), voucher.createdAt(), voucher.redeemedAt(), voucher.redeemedStore(),
				voucher.discount() == null ? null : Amounts.text(voucher.discount(), currency),
				voucher.cancelledAt(),
				voucher.status(clock.instant()) == VoucherStatus.HELD ? voucher.heldUntil() : null,
				"/api/v1/vouchers/" + voucher.code() + "/qr.png");
	}

	/** Null for nothing (0): what does not apply to the voucher reads null rather than 0.00. */
	private static String major(long minorUnits, Currency currency) {
		return minorUnits == 0 ? null : Amounts.text(minorUnits, currency);
	}
}
