package io.fidelis.reward;

/** What redeeming a reward gives the member. */
public enum RewardType {

	/** A voucher for an amount or a percentage off a basket. */
	DISCOUNT_VOUCHER(true),
	/** A voucher for one unit of a product (by sku), free. */
	FREE_PRODUCT(true),
	/** A voucher that makes the cheapest item of the basket (of a category, if given) free. */
	CHEAPEST_ITEM_FREE(true),
	/** Money credit in a cashback program (a wallet), spent at checkout like a gift card. */
	CASHBACK_CREDIT(false),
	/** A seat at an event or an experience, as a ticket (a voucher checked in at the door); its stock is the capacity. */
	EXPERIENCE(true),
	/** A gift sent to the member: an order that is shipped and delivered. */
	PHYSICAL_GIFT(false);

	private final boolean vouchers;

	RewardType(boolean vouchers) {
		this.vouchers = vouchers;
	}

	/** Whether redeeming it issues vouchers (one per unit) that a till burns. */
	public boolean issuesVouchers() {
		return vouchers;
	}
}
