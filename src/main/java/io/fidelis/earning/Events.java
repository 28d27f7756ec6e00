package io.fidelis.earning;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.TenantId;

/**
 * The way in for events, whoever sends them (the API, enrolment, the cashier page, an import): each is applied once
 * per {@code transactionId}, entirely or not at all.
 */
@Service
public class Events {

	/** Who changes a rule tried in a simulation, in versions that are rolled back with it. */
	private static final String SIMULATION = "simulation";

	private final EventIntake intake;
	private final ReturnIntake returns;
	private final IdempotentRequests idempotentRequests;
	private final TransactionTemplate transactions;
	private final Rules rules;

	Events(EventIntake intake, ReturnIntake returns, IdempotentRequests idempotentRequests,
			TransactionTemplate transactions, Rules rules) {
		this.intake = intake;
		this.returns = returns;
		this.idempotentRequests = idempotentRequests;
		this.transactions = transactions;
		this.rules = rules;
	}

	/**
	 * @param storeId the store the event happened in, as the caller is allowed to say
	 */
	public IdempotentResponse<EventResult> submit(TenantId tenant, String storeId, EventRequest event) {
		IdempotentRequests.requireValidKey(event.transactionId(), "transactionId");
		return idempotentRequests.execute(tenant, event.transactionId(), "POST /events", event, EventResult.class,
				HttpStatus.CREATED, () -> apply(tenant, storeId, event));
	}

	/**
	 * What the event would do now, written nowhere: it is applied for real, limits and budgets included, in a
	 * transaction that is then rolled back. A purchase or activity is applied under a fresh transaction id, so that
	 * one already sent can be simulated again; the answer carries the id it was sent with.
	 */
	public EventResult simulate(TenantId tenant, String storeId, EventRequest event) {
		return simulate(tenant, storeId, event, (RuleDraft) null);
	}

	/**
	 * What the event would do if the draft were saved and active: as {@link #simulate(TenantId, String, EventRequest)}
	 * does, with the draft saved as the next version of its rule (or as a new rule), switched on, in the transaction
	 * that is rolled back. It is checked as saving it would check it: a draft that could not be saved is refused the
	 * same way.
	 */
	public EventResult simulate(TenantId tenant, String storeId, EventRequest event, RuleDraft draft) {
		EventRequest simulated = event instanceof EventRequest.Return ? event
				: event.withTransactionId("simulation:" + UUID.randomUUID());
		return transactions.execute(transaction -> {
			transaction.setRollbackOnly();
			if (draft != null) {
				Rule tried = draft.ruleId() == null
						? rules.create(tenant, draft.program(), draft.definition(), SIMULATION)
						: rules.update(tenant, draft.program(), draft.ruleId(), draft.definition(), SIMULATION);
				rules.activate(tenant, draft.program(), tried.id(), true, SIMULATION);
			}
			return apply(tenant, storeId, simulated).simulated(event.transactionId());
		});
	}

	private EventResult apply(TenantId tenant, String storeId, EventRequest event) {
		if (event instanceof EventRequest.Purchase purchase) {
			return intake.purchase(tenant, purchase, storeId);
		}
		if (event instanceof EventRequest.Return refund) {
			return returns.refund(tenant, refund, storeId);
		}
		return intake.activity(tenant, (EventRequest.Activity) event, storeId);
	}
}
