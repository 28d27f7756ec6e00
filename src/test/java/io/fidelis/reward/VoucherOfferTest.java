package io.fidelis.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Money;

/** What a voucher takes off a basket, and which definitions make a voucher at all. */
class VoucherOfferTest {

	private static final Currency EUR = Currency.getInstance("EUR");

	private static RewardDefinition definition(RewardType type, RewardDefinition.Discount discount, String sku,
			String category, String minBasket) {
		return new RewardDefinition("r", type, 100L, null, null, null, null, null,
				new RewardDefinition.Texts(new RewardDefinition.Text("R", null), null), null, discount, sku, category,
				minBasket == null ? null : new RewardDefinition.VoucherTerms(null, null, null, new BigDecimal(minBasket)),
				null, null, null, null);
	}

	private static VoucherOffer fixed(String amount, String minBasket) {
		return VoucherOffer.of(definition(RewardType.DISCOUNT_VOUCHER, new RewardDefinition.Discount(
				RewardDefinition.Discount.Kind.FIXED, new BigDecimal(amount), null, null), null, null, minBasket), EUR);
	}

	private static VoucherOffer percent(String percent, String max) {
		return VoucherOffer.of(definition(RewardType.DISCOUNT_VOUCHER,
				new RewardDefinition.Discount(RewardDefinition.Discount.Kind.PERCENT, null, new BigDecimal(percent),
						max == null ? null : new BigDecimal(max)),
				null, null, null), EUR);
	}

	private static Basket basket(long total, Basket.Item... items) {
		return new Basket(new Money(total, EUR), List.of(items));
	}

	private static Basket.Item item(String sku, String category, long unitPrice) {
		return new Basket.Item(sku, category, 1, unitPrice);
	}

	@ParameterizedTest(name = "{0} off a basket of {1} -> {2}")
	@CsvSource({ "5.00, 4990, 500", "5.00, 300, 300", "5.00, 500, 500" })
	void fixedDiscountNeverExceedsTheBasket(String amount, long basket, long discount) {
		assertThat(fixed(amount, null).discountFor(basket(basket))).isEqualTo(discount);
	}

	@ParameterizedTest(name = "{0}% (max {1}) of {2} -> {3}")
	@CsvSource({ "10, , 4999, 499", "10, 3.00, 4999, 300", "12.5, , 101, 12", "100, , 777, 777" })
	void percentDiscountRoundsDownToTheCentAndStopsAtItsMaximum(String percent, String max, long basket,
			long discount) {
		assertThat(percent(percent, max).discountFor(basket(basket))).isEqualTo(discount);
	}

	@Test
	void refusesABasketBelowTheMinimum() {
		VoucherOffer offer = fixed("5.00", "30.00");
		assertThat(offer.discountFor(basket(3000))).isEqualTo(500);
		assertThatThrownBy(() -> offer.discountFor(basket(2999))).isInstanceOf(BusinessException.class)
			.hasMessageContaining("minimum of 30.00 EUR")
			.extracting(failure -> ((BusinessException) failure).code())
			.isEqualTo(ErrorCode.VOUCHER_NOT_APPLICABLE);
	}

	@Test
	void refusesABasketInAnotherCurrency() {
		assertThatThrownBy(() -> fixed("5.00", null).discountFor(new Basket(new Money(1000,
				Currency.getInstance("USD")), List.of()))).hasMessageContaining("in EUR, the basket in USD");
	}

	@Test
	void freeProductTakesOneUnitOfItsProduct() {
		VoucherOffer offer = VoucherOffer.of(definition(RewardType.FREE_PRODUCT, null, "COFFEE", null, null), EUR);
		assertThat(offer.discountFor(basket(1050, item("CAKE", "food", 600), item("COFFEE", "drinks", 450))))
			.isEqualTo(450);
		assertThatThrownBy(() -> offer.discountFor(basket(600, item("CAKE", "food", 600))))
			.hasMessageContaining("no item COFFEE");
	}

	@Test
	void cheapestItemFreeTakesTheCheapestItemOfItsCategory() {
		VoucherOffer anyItem = VoucherOffer.of(definition(RewardType.CHEAPEST_ITEM_FREE, null, null, null, null),
				EUR);
		VoucherOffer drinks = VoucherOffer.of(definition(RewardType.CHEAPEST_ITEM_FREE, null, null, "drinks", null),
				EUR);
		Basket basket = basket(1500, item("CAKE", "food", 250), item("TEA", "drinks", 300),
				item("COFFEE", "drinks", 450), item("SANDWICH", "food", 500));
		assertThat(anyItem.discountFor(basket)).isEqualTo(250);
		assertThat(drinks.discountFor(basket)).isEqualTo(300);
		assertThatThrownBy(() -> drinks.discountFor(basket(250, item("CAKE", "food", 250))))
			.hasMessageContaining("no item of category drinks");
	}

	@Test
	void refusesDefinitionsThatDoNotSayWhatTheirTypeNeeds() {
		assertThatThrownBy(() -> VoucherOffer.of(definition(RewardType.DISCOUNT_VOUCHER, null, null, null, null), EUR))
			.hasMessage("discount: is required for a discount voucher");
		assertThatThrownBy(() -> VoucherOffer.of(definition(RewardType.FREE_PRODUCT, null, null, null, null), EUR))
			.hasMessage("sku: is required for a free product");
		assertThatThrownBy(() -> VoucherOffer.of(definition(RewardType.DISCOUNT_VOUCHER,
				new RewardDefinition.Discount(RewardDefinition.Discount.Kind.FIXED, new BigDecimal("5.001"), null,
						null),
				null, null, null), EUR)).hasMessage("discount.amount: has more than 2 decimal places for EUR");
		assertThatThrownBy(() -> VoucherOffer.of(definition(RewardType.DISCOUNT_VOUCHER,
				new RewardDefinition.Discount(RewardDefinition.Discount.Kind.PERCENT, new BigDecimal("5"),
						new BigDecimal("10"), null),
				null, null, null), EUR)).hasMessageContaining("a percent discount has a percent");
	}
}
