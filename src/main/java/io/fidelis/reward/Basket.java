package io.fidelis.reward;

import java.util.List;

import io.fidelis.shared.Money;

/** What a customer is about to pay for at a till, as a voucher sees it: the total and the items. */
record Basket(Money total, List<Item> items) {

	/** {@code quantity} units of {@code sku} at {@code unitPrice} each. */
	record Item(String sku, String category, int quantity, long unitPrice) {
	}
}
