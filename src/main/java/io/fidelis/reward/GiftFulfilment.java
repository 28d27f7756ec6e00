package io.fidelis.reward;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/** Moves gift orders forward, each under its row's lock: ordered, shipped, delivered; or cancelled before shipping. */
@Service
class GiftFulfilment {

	private final GiftOrders orders;
	private final Cancellations cancellations;

	GiftFulfilment(GiftOrders orders, Cancellations cancellations) {
		this.orders = orders;
		this.cancellations = cancellations;
	}

	@Transactional
	GiftOrder ship(TenantId tenant, UUID id, String carrier, String trackingNumber) {
		GiftOrder order = move(tenant, id, GiftOrderStatus.ORDERED, GiftOrderStatus.SHIPPED);
		orders.move(order, GiftOrderStatus.SHIPPED, carrier, trackingNumber);
		return orders.get(tenant, id);
	}

	@Transactional
	GiftOrder deliver(TenantId tenant, UUID id) {
		GiftOrder order = move(tenant, id, GiftOrderStatus.SHIPPED, GiftOrderStatus.DELIVERED);
		orders.move(order, GiftOrderStatus.DELIVERED, null, null);
		return orders.get(tenant, id);
	}

	@Transactional
	GiftOrder cancel(TenantId tenant, UUID id, String reference) {
		GiftOrder order = move(tenant, id, GiftOrderStatus.ORDERED, GiftOrderStatus.CANCELLED);
		cancellations.giveBack(tenant, order.redemptionId(), order.quantity(), reference, "order",
				order.id().toString());
		orders.move(order, GiftOrderStatus.CANCELLED, null, null);
		return orders.get(tenant, id);
	}

	private GiftOrder move(TenantId tenant, UUID id, GiftOrderStatus from, GiftOrderStatus to) {
		GiftOrder order = orders.lock(tenant, id);
		if (order.status() != from) {
			throw new BusinessException(ErrorCode.GIFT_ORDER_STATUS, "The order is " + name(order.status())
					+ "; only an order " + name(from) + " can be " + name(to));
		}
		return order;
	}

	private static String name(GiftOrderStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}
}
