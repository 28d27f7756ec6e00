package io.fidelis.reward;

/** A physical gift's way to the member: ordered, shipped, delivered; or cancelled before it was shipped. */
public enum GiftOrderStatus {
	ORDERED, SHIPPED, DELIVERED, CANCELLED
}
