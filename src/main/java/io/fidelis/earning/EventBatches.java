package io.fidelis.earning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Problem;
import io.fidelis.shared.TenantId;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch intake ({@code POST /events:batch}): up to {@value #MAX_EVENTS} events, each applied once per
 * {@code transactionId} and answered as {@code POST /events} would answer it alone.
 * <p>
 * Purchases whose programs are all plain ({@link RuleEarning#plain}: rules that only compute points, no tiers, no
 * membership plans) are applied together, set-based, in one transaction ({@link PlainPurchases}). Returns, activities
 * and the events of programs with limits, budgets, rewards to give, label conditions, tiers or memberships need row
 * locks and reads per event: they are applied one by one after them, each in its own transaction, exactly as
 * {@code POST /events} applies them. A member's events are applied in the order sent: when one of them goes alone,
 * all of theirs do (a member named in two ways, by card and by e-mail, is two members here).
 */
@Service
class EventBatches {

	static final int MAX_EVENTS = 1000;
	/** The fingerprint's operation of {@code POST /events}: an event sent alone is a replay in a batch, and back. */
	private static final String OPERATION = "POST /events";

	private final Events events;
	private final EventIntake intake;
	private final RuleEarning earning;
	private final PlainPurchases plainPurchases;
	private final IdempotentRequests idempotentRequests;
	private final JsonMapper json;
	private final Validator validator;

	EventBatches(Events events, EventIntake intake, RuleEarning earning, PlainPurchases plainPurchases,
			IdempotentRequests idempotentRequests, JsonMapper json, Validator validator) {
		this.events = events;
		this.intake = intake;
		this.earning = earning;
		this.plainPurchases = plainPurchases;
		this.idempotentRequests = idempotentRequests;
		this.json = json;
		this.validator = validator;
	}

	/** @param storeOf the store an event may say it happened in, as the caller is allowed to say */
	EventBatchResult submit(TenantId tenant, UnaryOperator<String> storeOf, List<JsonNode> batch) {
		List<BatchedEvent> slots = new ArrayList<>();
		Map<String, BatchedEvent> byTransactionId = new HashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			BatchedEvent slot = new BatchedEvent(i);
			slots.add(slot);
			read(slot, batch.get(i), storeOf);
			if (slot.outcome == null) {
				slot.first = byTransactionId.putIfAbsent(slot.transactionId(), slot);
			}
		}
		Map<BatchedEvent, Boolean> plain = new LinkedHashMap<>();
		Set<EventRequest.Member> namedAlone = new HashSet<>();
		for (BatchedEvent slot : slots) {
			if (slot.outcome == null && slot.first == null) {
				boolean isPlain = classify(tenant, slot);
				plain.put(slot, isPlain);
				if (!isPlain) {
					namedAlone.addAll(members(slot.event));
				}
			}
		}
		// A member's events stay in the order sent: if one of them goes alone, all of theirs do.
		List<BatchedEvent> together = new ArrayList<>();
		List<BatchedEvent> alone = new ArrayList<>();
		plain.forEach((slot, isPlain) -> (isPlain && Collections.disjoint(members(slot.event), namedAlone)
				? together : alone).add(slot));
		if (!together.isEmpty()) {
			plainPurchases.apply(tenant, together);
		}
		for (BatchedEvent slot : alone) {
			try {
				slot.answer(events.submit(tenant, slot.storeId, slot.event));
			}
			catch (BusinessException refusal) {
				slot.refuse(refusal);
			}
		}
		for (BatchedEvent slot : slots) {
			if (slot.first != null) {
				answerAsFirst(slot);
			}
		}
		return EventBatchResult.of(slots.stream().map(slot -> slot.outcome).toList());
	}

	/** The members an event names, as it names them. */
	private static List<EventRequest.Member> members(EventRequest event) {
		List<EventRequest.Member> named = new ArrayList<>();
		if (event instanceof EventRequest.Purchase purchase && purchase.member() != null) {
			named.add(purchase.member());
		}
		if (event instanceof EventRequest.Return refund && refund.member() != null) {
			named.add(refund.member());
		}
		if (event instanceof EventRequest.Activity activity) {
			Stream.of(activity.member(), activity.referrer()).filter(Objects::nonNull).forEach(named::add);
		}
		return named;
	}

	/** Reads and checks one event as {@code POST /events} would, refusing it alone if it is not one. */
	private void read(BatchedEvent slot, JsonNode node, UnaryOperator<String> storeOf) {
		if (node == null || !node.isObject()) {
			slot.refuse(Problem.invalid(List.of(new FieldError("events[" + slot.index + "]", "must be an event object")),
					BatchedEvent.INSTANCE));
			return;
		}
		try {
			slot.event = json.treeToValue(node, EventRequest.class);
		}
		catch (JacksonException unmappable) {
			slot.refuse(Problem.unmappable(unmappable, BatchedEvent.INSTANCE));
			return;
		}
		List<FieldError> violations = validator.validate(slot.event)
			.stream()
			.map(EventBatches::fieldError)
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		if (!violations.isEmpty()) {
			slot.refuse(Problem.invalid(violations, BatchedEvent.INSTANCE));
			return;
		}
		try {
			IdempotentRequests.requireValidKey(slot.event.transactionId(), "transactionId");
			slot.storeId = storeOf.apply(slot.event.storeId());
		}
		catch (BusinessException refusal) {
			slot.refuse(refusal);
			return;
		}
		slot.fingerprint = idempotentRequests.fingerprint(OPERATION, slot.event);
	}

	private static FieldError fieldError(ConstraintViolation<EventRequest> violation) {
		return new FieldError(violation.getPropertyPath().toString(), violation.getMessage());
	}

	/** Whether the event goes set-based: a well-formed purchase whose programs are all plain. */
	private boolean classify(TenantId tenant, BatchedEvent slot) {
		if (!(slot.event instanceof EventRequest.Purchase purchase)) {
			return false;
		}
		try {
			slot.purchase = intake.check(purchase, slot.storeId);
			if (purchase.member() != null && !purchase.member().namesExactlyOne()) {
				return false;
			}
			slot.programs = intake.programs(tenant, purchase.program());
		}
		catch (BusinessException refusal) {
			// Applied alone, it is refused the same way, with its own problem.
			return false;
		}
		return slot.programs.stream().allMatch(program -> earning.plain(tenant, program));
	}

	/** A transaction id sent twice in one batch: the second is answered as a replay of the first. */
	private void answerAsFirst(BatchedEvent slot) {
		EventBatchResult.Item first = slot.first.outcome;
		if (!slot.fingerprint.equals(slot.first.fingerprint)) {
			slot.refuse(new BusinessException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "The key '"
					+ slot.transactionId() + "' was first used for a different event; use a new transactionId"));
		}
		else if (first.problem() != null) {
			slot.refuse(first.problem());
		}
		else {
			slot.outcome = new EventBatchResult.Item(slot.index, slot.transactionId(), first.status(), true,
					first.result(), null);
		}
	}
}
