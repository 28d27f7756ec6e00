package io.fidelis.earning;

import java.util.List;

import io.fidelis.program.Program;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.Problem;

/** One event of a batch on its way ({@link EventBatches}): what was read of it, then its outcome. */
final class BatchedEvent {

	static final String INSTANCE = "/api/v1/events:batch";

	final int index;
	EventRequest event;
	String storeId;
	String fingerprint;
	/** Set for the purchases that go set-based. */
	EventIntake.CheckedPurchase purchase;
	List<Program> programs;
	/** An earlier event of the batch with the same transaction id. */
	BatchedEvent first;
	EventBatchResult.Item outcome;

	BatchedEvent(int index) {
		this.index = index;
	}

	String transactionId() {
		return event == null ? null : event.transactionId();
	}

	void answer(IdempotentResponse<EventResult> response) {
		outcome = new EventBatchResult.Item(index, transactionId(), response.status().value(),
				response.replayed(), response.body(), null);
	}

	void refuse(Problem problem) {
		outcome = new EventBatchResult.Item(index, transactionId(), problem.status(), false, null, problem);
	}

	void refuse(BusinessException refusal) {
		refuse(Problem.of(refusal, INSTANCE));
	}
}
