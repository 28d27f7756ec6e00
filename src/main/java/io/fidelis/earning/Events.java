package io.fidelis.earning;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.TenantId;

/**
 * The way in for events, whoever sends them (the API, the cashier page, an import): each is applied once per
 * {@code transactionId}, entirely or not at all.
 */
@Service
public class Events {

	private final EventIntake intake;
	private final IdempotentRequests idempotentRequests;

	Events(EventIntake intake, IdempotentRequests idempotentRequests) {
		this.intake = intake;
		this.idempotentRequests = idempotentRequests;
	}

	/**
	 * @param storeId the store the event happened in, as the caller is allowed to say
	 */
	public IdempotentResponse<EventResult> submit(TenantId tenant, String storeId, EventRequest event) {
		IdempotentRequests.requireValidKey(event.transactionId(), "transactionId");
		return idempotentRequests.execute(tenant, event.transactionId(), "POST /events", event, EventResult.class,
				HttpStatus.CREATED, () -> event instanceof EventRequest.Purchase purchase
						? intake.purchase(tenant, purchase, storeId)
						: intake.refund(tenant, (EventRequest.Return) event, storeId));
	}
}
