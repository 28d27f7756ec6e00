package io.fidelis.reward;

/** What redeeming a reward gives the member. */
public enum RewardType {

	/** A voucher for an amount or a percentage off a basket. */
	DISCOUNT_VOUCHER,
	/** A voucher for one unit of a product (by sku), free. */
	FREE_PRODUCT,
	/** A voucher that makes the cheapest item of the basket (of a category, if given) free. */
	CHEAPEST_ITEM_FREE
}
