package io.fidelis.earning;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.EventFacts;
import io.fidelis.ledger.Credit;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.member.Member;
import io.fidelis.member.MemberReference;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Problem;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.Qualification;
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
 * membership plans) are applied together, set-based, in one transaction: a statement per table for all of them
 * (stored answers, members, purchase counts, ledger accounts, transactions, postings, totals, lots, purchases, tier
 * activity, answers), whatever their number. The rules are evaluated in memory for each. Returns, activities and the
 * events of programs with limits, budgets, rewards to give, label conditions, tiers or memberships need row locks
 * and reads per event: they are applied one by one after them, each in its own transaction, exactly as
 * {@code POST /events} applies them. Events of one member are applied in the order sent within each group.
 */
@Service
class EventBatches {

	static final int MAX_EVENTS = 1000;
	/** The fingerprint's operation of {@code POST /events}: an event sent alone is a replay in a batch, and back. */
	private static final String OPERATION = "POST /events";
	private static final String INSTANCE = "/api/v1/events:batch";
	private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

	private final Events events;
	private final EventIntake intake;
	private final EventFields fields;
	private final Purchases purchases;
	private final MemberActivity memberActivity;
	private final RuleEarning earning;
	private final Members members;
	private final Ledger ledger;
	private final Qualification qualification;
	private final IdempotentRequests idempotentRequests;
	private final TransactionTemplate transactions;
	private final JsonMapper json;
	private final Validator validator;
	private final Clock clock;

	EventBatches(Events events, EventIntake intake, EventFields fields, Purchases purchases,
			MemberActivity memberActivity, RuleEarning earning, Members members, Ledger ledger,
			Qualification qualification, IdempotentRequests idempotentRequests, TransactionTemplate transactions,
			JsonMapper json, Validator validator, Clock clock) {
		this.events = events;
		this.intake = intake;
		this.fields = fields;
		this.purchases = purchases;
		this.memberActivity = memberActivity;
		this.earning = earning;
		this.members = members;
		this.ledger = ledger;
		this.qualification = qualification;
		this.idempotentRequests = idempotentRequests;
		this.transactions = transactions;
		this.json = json;
		this.validator = validator;
		this.clock = clock;
	}

	/** One event of the batch on its way: what was read of it, then its outcome. */
	private static final class Slot {

		final int index;
		EventRequest event;
		String storeId;
		String fingerprint;
		/** Set for the purchases that go set-based. */
		EventIntake.CheckedPurchase purchase;
		List<Program> programs;
		/** An earlier event of the batch with the same transaction id. */
		Slot first;
		EventBatchResult.Item outcome;

		Slot(int index) {
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

	/** @param storeOf the store an event may say it happened in, as the caller is allowed to say */
	EventBatchResult submit(TenantId tenant, UnaryOperator<String> storeOf, List<JsonNode> batch) {
		List<Slot> slots = new ArrayList<>();
		Map<String, Slot> byTransactionId = new HashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			Slot slot = new Slot(i);
			slots.add(slot);
			read(slot, batch.get(i), storeOf);
			if (slot.outcome == null) {
				slot.first = byTransactionId.putIfAbsent(slot.transactionId(), slot);
			}
		}
		List<Slot> together = new ArrayList<>();
		List<Slot> alone = new ArrayList<>();
		for (Slot slot : slots) {
			if (slot.outcome == null && slot.first == null) {
				(classify(tenant, slot) ? together : alone).add(slot);
			}
		}
		if (!together.isEmpty()) {
			applyTogether(tenant, together);
		}
		for (Slot slot : alone) {
			try {
				slot.answer(events.submit(tenant, slot.storeId, slot.event));
			}
			catch (BusinessException refusal) {
				slot.refuse(refusal);
			}
		}
		for (Slot slot : slots) {
			if (slot.first != null) {
				answerAsFirst(slot);
			}
		}
		return EventBatchResult.of(slots.stream().map(slot -> slot.outcome).toList());
	}

	/** Reads and checks one event as {@code POST /events} would, refusing it alone if it is not one. */
	private void read(Slot slot, JsonNode node, UnaryOperator<String> storeOf) {
		if (node == null || !node.isObject()) {
			slot.refuse(Problem.invalid(List.of(new FieldError("events[" + slot.index + "]", "must be an event object")),
					INSTANCE));
			return;
		}
		try {
			slot.event = json.treeToValue(node, EventRequest.class);
		}
		catch (JacksonException unmappable) {
			slot.refuse(Problem.unmappable(unmappable, INSTANCE));
			return;
		}
		List<FieldError> violations = validator.validate(slot.event)
			.stream()
			.map(EventBatches::fieldError)
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		if (!violations.isEmpty()) {
			slot.refuse(Problem.invalid(violations, INSTANCE));
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
	private boolean classify(TenantId tenant, Slot slot) {
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

	/** Retried as {@link IdempotentRequests} retries: a deadlock, or a transaction id claimed meanwhile. */
	private void applyTogether(TenantId tenant, List<Slot> slots) {
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(tx -> writeTogether(tenant, slots));
				return;
			}
			catch (TransientDataAccessException | DuplicateKeyException contention) {
				if (attempt == IdempotentRequests.MAX_ATTEMPTS) {
					throw contention;
				}
				log.debug("Retrying a batch of {} events after {}", slots.size(), contention.getMessage());
				slots.forEach(slot -> slot.outcome = null);
				IdempotentRequests.pause(attempt);
			}
		}
	}

	private void writeTogether(TenantId tenant, List<Slot> candidates) {
		Map<String, IdempotentRequests.Stored> stored = idempotentRequests.stored(tenant,
				candidates.stream().map(Slot::transactionId).toList());
		Map<MemberReference, Member> named = members.resolveAll(tenant, candidates.stream()
			.filter(slot -> slot.purchase.event().member() != null)
			.map(slot -> slot.purchase.event().member().toReference())
			.toList());
		List<Slot> slots = new ArrayList<>();
		Map<Slot, Member> memberOf = new HashMap<>();
		for (Slot slot : candidates) {
			try {
				IdempotentRequests.Stored answered = stored.get(slot.transactionId());
				if (answered != null) {
					slot.answer(idempotentRequests.replay(slot.transactionId(), answered, slot.fingerprint,
							EventResult.class));
					continue;
				}
				EventRequest.Member reference = slot.purchase.event().member();
				if (reference != null) {
					Member member = named.get(reference.toReference());
					// Not found: resolving it alone says why, as POST /events does.
					memberOf.put(slot, member != null ? member
							: fields.member(tenant, reference, "member").orElseThrow());
				}
				slots.add(slot);
			}
			catch (BusinessException refusal) {
				slot.refuse(refusal);
			}
		}
		if (slots.isEmpty()) {
			return;
		}

		// Purchase counts: each member's count after the batch, then each purchase's, counting back.
		TreeMap<UUID, Integer> perMember = new TreeMap<>();
		memberOf.values().forEach(member -> perMember.merge(member.id().value(), 1, Integer::sum));
		boolean readCounts = slots.stream().anyMatch(slot -> intake.looksAtPurchases(tenant, slot.programs));
		Map<UUID, Long> counts = new HashMap<>(memberActivity.countPurchases(tenant, perMember, readCounts));
		Map<Slot, Long> countOf = new HashMap<>();
		for (int i = slots.size() - 1; i >= 0; i--) {
			Member member = memberOf.get(slots.get(i));
			if (member != null && readCounts) {
				countOf.put(slots.get(i), counts.merge(member.id().value(), -1L, Long::sum) + 1);
			}
		}

		// The rules' verdicts, in memory; then every credit at once.
		Map<Slot, List<RuleEarning.Decision>> decisions = new LinkedHashMap<>();
		List<Credit> credits = new ArrayList<>();
		for (Slot slot : slots) {
			Member member = memberOf.get(slot);
			List<RuleEarning.Decision> decided = new ArrayList<>();
			if (member != null) {
				EventFacts facts = slot.purchase.facts();
				for (Program program : slot.programs) {
					RuleEarning.Decision decision = earning.decide(tenant, program, facts, member,
							countOf.getOrDefault(slot, 0L), Beneficiary.MEMBER, slot.transactionId());
					decided.add(decision);
					if (decision.credit() != null) {
						credits.add(decision.credit());
					}
				}
			}
			decisions.put(slot, decided);
		}
		List<Posted> posted = ledger.creditAll(tenant, credits);

		List<Purchase> rows = new ArrayList<>();
		List<List<PurchaseItem>> items = new ArrayList<>();
		List<Qualification.Activity> activity = new ArrayList<>();
		List<IdempotentRequests.Answered> answers = new ArrayList<>();
		int credit = 0;
		for (Slot slot : slots) {
			Member member = memberOf.get(slot);
			UUID memberId = member == null ? null : member.id().value();
			rows.add(slot.purchase.purchase(Ids.newId(clock), memberId));
			items.add(slot.purchase.items());
			List<EventResult.Effect> effects = new ArrayList<>();
			for (RuleEarning.Decision decision : decisions.get(slot)) {
				if (decision.credit() == null) {
					effects.add(decision.effect(null));
					continue;
				}
				effects.add(decision.effect(posted.get(credit++)));
				activity.add(new Qualification.Activity(memberId, decision.program().id(),
						slot.purchase.occurredAt(), decision.credit().amount(), null, 0, slot.transactionId()));
			}
			if (member != null) {
				activity.add(new Qualification.Activity(memberId, null, slot.purchase.occurredAt(), 0,
						slot.purchase.amount(), 1, slot.transactionId()));
			}
			EventResult result = slot.purchase.result(memberId, effects);
			answers.add(new IdempotentRequests.Answered(slot.transactionId(), slot.fingerprint, HttpStatus.CREATED,
					result));
			slot.answer(new IdempotentResponse<>(result, HttpStatus.CREATED, false));
		}
		purchases.addAll(tenant, rows, items);
		qualification.recordAll(tenant, activity);
		idempotentRequests.storeAll(tenant, answers);
	}

	/** A transaction id sent twice in one batch: the second is answered as a replay of the first. */
	private void answerAsFirst(Slot slot) {
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
