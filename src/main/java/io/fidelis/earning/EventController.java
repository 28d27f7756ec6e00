package io.fidelis.earning;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** Where tills and shops send what happened: purchases and returns. */
@RestController
class EventController {

	private final Events events;
	private final EventBatches batches;

	EventController(Events events, EventBatches batches) {
		this.events = events;
		this.batches = batches;
	}

	/**
	 * Applies an event once. Its {@code transactionId} is its idempotency key: a replay answers what the first call
	 * answered, with {@code Idempotent-Replayed: true}; the same id with a different event is 409.
	 */
	@PostMapping("/api/v1/events")
	ResponseEntity<EventResult> post(Caller caller, @Valid @RequestBody EventRequest event) {
		TenantId tenant = caller.require(Scope.EVENTS_WRITE);
		return events.submit(tenant, caller.store(event.storeId()), event).toResponseEntity();
	}

	/**
	 * Up to 1,000 events at once, each applied once per {@code transactionId} and answered as {@code POST /events}
	 * answers it, in the order sent: a result, a replayed result, or its own problem; the batch itself is 200 unless
	 * it is not a batch. Plain purchases are written set-based (see {@link EventBatches}).
	 */
	@PostMapping("/api/v1/events:batch")
	EventBatchResult batch(Caller caller, @Valid @RequestBody EventBatchRequest batch) {
		TenantId tenant = caller.require(Scope.EVENTS_WRITE);
		return batches.submit(tenant, caller::store, batch.events());
	}

	/**
	 * What the event would earn or take back now, with every rule's verdict, written nowhere. Tills use it to show a
	 * member what a basket earns; operators, to test rules.
	 */
	// A full path: under a class-level /api/v1/events, Spring would make this /api/v1/events/:simulate.
	@PostMapping("/api/v1/events:simulate")
	EventResult simulate(Caller caller, @Valid @RequestBody EventRequest event) {
		TenantId tenant = caller.scopes().contains(Scope.PROGRAMS_WRITE) ? caller.tenantId()
				: caller.require(Scope.EVENTS_WRITE);
		return events.simulate(tenant, caller.store(event.storeId()), event);
	}
}
