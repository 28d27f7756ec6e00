package io.fidelis.reward;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Fulfilment of physical gifts: operators list the orders to send, mark them shipped (with the carrier's tracking
 * number) and delivered, or cancel one not shipped yet (the member's points come back).
 */
@RestController
@RequestMapping("/api/v1/gift-orders")
class GiftOrderController {

	private final GiftOrders orders;
	private final GiftFulfilment fulfilment;
	private final Rewards rewards;
	private final IdempotentRequests idempotentRequests;

	GiftOrderController(GiftOrders orders, GiftFulfilment fulfilment, Rewards rewards,
			IdempotentRequests idempotentRequests) {
		this.orders = orders;
		this.fulfilment = fulfilment;
		this.rewards = rewards;
		this.idempotentRequests = idempotentRequests;
	}

	record GiftOrderResponse(UUID id, String reward, UUID memberId, int quantity, GiftOrderStatus status,
			Shipping shipping, String carrier, String trackingNumber, Instant createdAt, Instant updatedAt) {
	}

	record ShipmentRequest(@NotBlank @Size(max = 64) String carrier, @NotBlank @Size(max = 100) String trackingNumber) {
	}

	@GetMapping
	Page<GiftOrderResponse> list(Caller caller, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		PageRequest page = PageRequest.of(limit, cursor);
		Page<GiftOrder> found = page.page(orders.list(tenant, status == null ? null : status(status), page),
				GiftOrder::createdAt, GiftOrder::id);
		return new Page<>(found.items().stream().map(order -> response(tenant, order)).toList(), found.nextCursor());
	}

	@GetMapping("/{id}")
	GiftOrderResponse get(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		return response(tenant, orders.get(tenant, id));
	}

	@PostMapping("/{id}/ship")
	ResponseEntity<GiftOrderResponse> ship(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody ShipmentRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /gift-orders/" + id + "/ship", request,
				GiftOrderResponse.class, HttpStatus.OK,
				() -> response(tenant, fulfilment.ship(tenant, id, request.carrier(), request.trackingNumber())))
			.toResponseEntity();
	}

	@PostMapping("/{id}/deliver")
	ResponseEntity<GiftOrderResponse> deliver(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /gift-orders/" + id + "/deliver", id,
				GiftOrderResponse.class, HttpStatus.OK, () -> response(tenant, fulfilment.deliver(tenant, id)))
			.toResponseEntity();
	}

	/** Cancels an order not shipped yet: the member's points come back and the gift goes back in stock. */
	@PostMapping("/{id}/cancel")
	ResponseEntity<GiftOrderResponse> cancel(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /gift-orders/" + id + "/cancel", id,
				GiftOrderResponse.class, HttpStatus.OK,
				() -> response(tenant, fulfilment.cancel(tenant, id, idempotencyKey)))
			.toResponseEntity();
	}

	/** Statuses are lower case on the wire, as every enum of the API. */
	private static GiftOrderStatus status(String status) {
		return Arrays.stream(GiftOrderStatus.values())
			.filter(candidate -> candidate.name().toLowerCase(Locale.ROOT).equals(status))
			.findFirst()
			.orElseThrow(() -> BusinessException.invalid("status", "must be one of ordered, shipped, delivered, "
					+ "cancelled"));
	}

	private GiftOrderResponse response(TenantId tenant, GiftOrder order) {
		return response(order, rewards.get(tenant, order.rewardId()));
	}

	static GiftOrderResponse response(GiftOrder order, Reward reward) {
		return new GiftOrderResponse(order.id(), reward.code(), order.memberId(), order.quantity(), order.status(),
				order.shipping(), order.carrier(), order.trackingNumber(), order.createdAt(), order.updatedAt());
	}
}
