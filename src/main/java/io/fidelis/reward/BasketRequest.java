package io.fidelis.reward;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.fidelis.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A basket as a till sends it with a voucher: the total to pay and, for vouchers that look at items, the items. A
 * ticket to an experience is checked in without a basket: then the request names only the store and reference.
 *
 * @param store where the voucher is used; {@code reference} the till's transaction id, for the operator's records
 * @param holdId the checkout's hold, to use a voucher it holds
 */
record BasketRequest(BigDecimal amount, @Size(max = 3) String currency,
		@Size(max = 500) List<@NotNull @Valid ItemRequest> items, @Size(max = 64) String store,
		@Size(max = 200) String reference, UUID holdId) {

	record ItemRequest(@NotBlank @Size(max = 64) String sku, @Size(max = 64) String category,
			@NotNull @Min(1) @Max(10_000) Integer quantity, @NotNull BigDecimal unitPrice) {
	}

	/** The basket in minor units, or null if none was given; refuses amounts the currency cannot have. */
	Basket basket() {
		if (amount == null && currency == null && items == null) {
			return null;
		}
		Money total = Money.parse(amount, Money.currency(currency, "currency"), "amount");
		List<Basket.Item> parsed = items == null ? List.of() : items.stream().map(item -> {
			long unitPrice = Money.parse(item.unitPrice(), total.currency(), "items.unitPrice").minorUnits();
			return new Basket.Item(item.sku(), item.category(), item.quantity(), unitPrice);
		}).toList();
		return new Basket(total, parsed);
	}
}
