package io.fidelis.earning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
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
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.Qualification;

/**
 * The plain purchases of a batch ({@link EventBatches}), applied together in one transaction, set-based: a statement
 * per table for all of them whatever their number (stored answers, members, purchase counts, ledger accounts,
 * transactions, postings, totals, lots, purchases, tier activity, answers). Each is decided, credited and answered
 * exactly as {@code POST /events} does it alone; the rules run in memory for each.
 */
@Component
class PlainPurchases {

	private static final Logger log = LoggerFactory.getLogger(PlainPurchases.class);

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
	private final Clock clock;

	PlainPurchases(EventIntake intake, EventFields fields, Purchases purchases, MemberActivity memberActivity,
			RuleEarning earning, Members members, Ledger ledger, Qualification qualification,
			IdempotentRequests idempotentRequests, TransactionTemplate transactions, Clock clock) {
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
		this.clock = clock;
	}

	/** Retried as {@link IdempotentRequests} retries: a deadlock, or a transaction id claimed meanwhile. */
	void apply(TenantId tenant, List<BatchedEvent> slots) {
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(tx -> write(tenant, slots));
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

	private void write(TenantId tenant, List<BatchedEvent> candidates) {
		Map<BatchedEvent, Member> memberOf = new HashMap<>();
		List<BatchedEvent> slots = admit(tenant, candidates, memberOf);
		if (slots.isEmpty()) {
			return;
		}
		Map<BatchedEvent, Long> countOf = countPurchases(tenant, slots, memberOf);
		// The rules' verdicts, in memory; then every credit at once.
		Map<BatchedEvent, List<RuleEarning.Decision>> decisions = new LinkedHashMap<>();
		List<Credit> credits = new ArrayList<>();
		for (BatchedEvent slot : slots) {
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
		record(tenant, decisions, memberOf, ledger.creditAll(tenant, credits));
	}

	/**
	 * The events to write, with their members (looked up all at once): those answered before are replayed instead,
	 * and those naming an unknown member are refused.
	 */
	private List<BatchedEvent> admit(TenantId tenant, List<BatchedEvent> candidates,
			Map<BatchedEvent, Member> memberOf) {
		Map<String, IdempotentRequests.Stored> stored = idempotentRequests.stored(tenant,
				candidates.stream().map(BatchedEvent::transactionId).toList());
		Map<MemberReference, Member> named = members.resolveAll(tenant, candidates.stream()
			.filter(slot -> slot.purchase.event().member() != null)
			.map(slot -> slot.purchase.event().member().toReference())
			.toList());
		List<BatchedEvent> admitted = new ArrayList<>();
		for (BatchedEvent slot : candidates) {
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
				admitted.add(slot);
			}
			catch (BusinessException refusal) {
				slot.refuse(refusal);
			}
		}
		return admitted;
	}

	/**
	 * Counts the purchases, and when a rule looks at it, says each purchase's place among its member's: their count
	 * after the batch, counted back over the batch's later purchases of theirs.
	 */
	private Map<BatchedEvent, Long> countPurchases(TenantId tenant, List<BatchedEvent> slots,
			Map<BatchedEvent, Member> memberOf) {
		TreeMap<UUID, MemberActivity.Tally> perMember = new TreeMap<>();
		for (BatchedEvent slot : slots) {
			Member member = memberOf.get(slot);
			if (member != null) {
				Instant at = slot.purchase.occurredAt();
				perMember.merge(member.id().value(), new MemberActivity.Tally(1, at), (tally, one) -> tally.add(at));
			}
		}
		boolean read = slots.stream().anyMatch(slot -> intake.looksAtPurchases(tenant, slot.programs));
		Map<UUID, Long> counts = new HashMap<>(memberActivity.countPurchases(tenant, perMember, read));
		Map<BatchedEvent, Long> countOf = new HashMap<>();
		for (int i = slots.size() - 1; read && i >= 0; i--) {
			Member member = memberOf.get(slots.get(i));
			if (member != null) {
				countOf.put(slots.get(i), counts.merge(member.id().value(), -1L, Long::sum) + 1);
			}
		}
		return countOf;
	}

	/** Writes the purchases, what they tell tiers and their answers, and answers each event. */
	private void record(TenantId tenant, Map<BatchedEvent, List<RuleEarning.Decision>> decisions,
			Map<BatchedEvent, Member> memberOf, List<Posted> posted) {
		List<Purchase> rows = new ArrayList<>();
		List<List<PurchaseItem>> items = new ArrayList<>();
		List<Qualification.Activity> activity = new ArrayList<>();
		List<IdempotentRequests.Answered> answers = new ArrayList<>();
		int credit = 0;
		for (Map.Entry<BatchedEvent, List<RuleEarning.Decision>> decided : decisions.entrySet()) {
			BatchedEvent slot = decided.getKey();
			Member member = memberOf.get(slot);
			UUID memberId = member == null ? null : member.id().value();
			rows.add(slot.purchase.purchase(Ids.newId(clock), memberId));
			items.add(slot.purchase.items());
			List<EventResult.Effect> effects = new ArrayList<>();
			for (RuleEarning.Decision decision : decided.getValue()) {
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
}
