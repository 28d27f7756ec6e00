package io.fidelis.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Currency;
import java.util.Optional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Money;

/**
 * What one voucher gives, fixed when it is issued (a later change of the reward does not change vouchers already in
 * members' hands). Amounts are in minor units of {@code currency}.
 *
 * @param amountOff a fixed discount, or (with {@code percentOff}) the most a percentage may give; 0 for none
 * @param minBasket the smallest basket total it can be used on; 0 for any
 * @param cashPrice what the member pays at the till on top of the points; 0 for nothing
 */
record VoucherOffer(RewardType type, String currency, long amountOff, BigDecimal percentOff, String sku,
		String category, long minBasket, long cashPrice) {

	/**
	 * The offer a reward's vouchers make; refuses a definition that does not say what its type needs. (Fields that
	 * belong to another type are refused before, by {@link RewardChecks}.)
	 */
	static VoucherOffer of(RewardDefinition definition, Currency currency) {
		RewardDefinition.VoucherTerms terms = definition.voucher();
		long minBasket = terms == null || terms.minBasket() == null ? 0
				: Money.parse(terms.minBasket(), currency, "voucher.minBasket").minorUnits();
		long cashPrice = definition.cashPrice() == null ? 0
				: Money.parse(definition.cashPrice(), currency, "cashPrice").minorUnits();
		String code = currency.getCurrencyCode();
		RewardType type = definition.type();
		if (type == RewardType.DISCOUNT_VOUCHER) {
			RewardDefinition.Discount discount = definition.discount();
			if (discount == null) {
				throw BusinessException.invalid("discount", "is required for a discount voucher");
			}
			if (discount.kind() == RewardDefinition.Discount.Kind.FIXED) {
				if (discount.amount() == null || discount.percent() != null || discount.maxAmount() != null) {
					throw BusinessException.invalid("discount", "a fixed discount has an amount, and no percent");
				}
				return new VoucherOffer(type, code, Money.parse(discount.amount(), currency, "discount.amount")
					.minorUnits(), null, null, null, minBasket, cashPrice);
			}
			if (discount.percent() == null || discount.amount() != null) {
				throw BusinessException.invalid("discount", "a percent discount has a percent (and maybe a maxAmount)");
			}
			long max = discount.maxAmount() == null ? 0
					: Money.parse(discount.maxAmount(), currency, "discount.maxAmount").minorUnits();
			return new VoucherOffer(type, code, max, discount.percent().stripTrailingZeros(), null, null, minBasket,
					cashPrice);
		}
		if (type == RewardType.FREE_PRODUCT) {
			if (definition.sku() == null) {
				throw BusinessException.invalid("sku", "is required for a free product");
			}
			return new VoucherOffer(type, code, 0, null, definition.sku(), null, minBasket, cashPrice);
		}
		if (!type.issuesVouchers()) {
			throw new IllegalArgumentException(type + " rewards issue no vouchers");
		}
		// A cheapest-item voucher, or an experience's ticket (which takes nothing off a basket).
		return new VoucherOffer(type, code, 0, null, null, definition.category(), minBasket, cashPrice);
	}

	/**
	 * The discount this voucher gives off the basket, never more than the basket's total; refused when the basket
	 * does not qualify.
	 */
	long discountFor(Basket basket) {
		if (!needsBasket()) {
			return 0;
		}
		if (!basket.total().currency().getCurrencyCode().equals(currency)) {
			throw notApplicable("The voucher is in " + currency + ", the basket in "
					+ basket.total().currency().getCurrencyCode());
		}
		long total = basket.total().minorUnits();
		if (total < minBasket) {
			throw notApplicable("The basket is below the voucher's minimum of "
					+ new Money(minBasket, basket.total().currency()));
		}
		long discount = switch (type) {
			case DISCOUNT_VOUCHER -> percentOff == null ? amountOff : percentDiscount(total);
			case FREE_PRODUCT -> basket.items()
				.stream()
				.filter(item -> item.sku().equals(sku))
				.map(Basket.Item::unitPrice)
				.findFirst()
				.orElseThrow(() -> notApplicable("The basket has no item " + sku));
			case CHEAPEST_ITEM_FREE -> cheapest(basket)
				.orElseThrow(() -> notApplicable(category == null ? "The basket has no items"
						: "The basket has no item of category " + category));
			case EXPERIENCE, CASHBACK_CREDIT, PHYSICAL_GIFT -> throw new IllegalStateException(type + " has no discount");
		};
		return Math.min(discount, total);
	}

	/** Whether using it needs a basket: a ticket to an experience is only checked in. */
	boolean needsBasket() {
		return type != RewardType.EXPERIENCE;
	}

	private long percentDiscount(long total) {
		// Down to the minor unit: a discount never gives a fraction of a cent more than it says.
		long discount = BigDecimal.valueOf(total)
			.multiply(percentOff)
			.divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
			.longValueExact();
		return amountOff > 0 ? Math.min(discount, amountOff) : discount;
	}

	private Optional<Long> cheapest(Basket basket) {
		return basket.items()
			.stream()
			.filter(item -> category == null || category.equals(item.category()))
			.map(Basket.Item::unitPrice)
			.min(Comparator.naturalOrder());
	}

	private static BusinessException notApplicable(String detail) {
		return new BusinessException(ErrorCode.VOUCHER_NOT_APPLICABLE, detail);
	}
}
