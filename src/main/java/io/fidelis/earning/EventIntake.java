package io.fidelis.earning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.EventFacts;
import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.Qualification;

/**
 * Takes in purchases and activities: stores what happened, then lets each program's rules decide what the member
 * earns. Runs inside the transaction of the event's idempotency key, so an event is applied exactly once, entirely
 * or not at all.
 */
@Component
class EventIntake {

	private final Purchases purchases;
	private final Activities activities;
	private final MemberActivity memberActivity;
	private final Programs programs;
	private final EventTypes eventTypes;
	private final EventFields fields;
	private final RuleEarning earning;
	private final Qualification qualification;
	private final ApplicationEventPublisher publisher;
	private final Clock clock;

	EventIntake(Purchases purchases, Activities activities, MemberActivity memberActivity, Programs programs,
			EventTypes eventTypes, EventFields fields, RuleEarning earning, Qualification qualification,
			ApplicationEventPublisher publisher, Clock clock) {
		this.purchases = purchases;
		this.activities = activities;
		this.memberActivity = memberActivity;
		this.programs = programs;
		this.eventTypes = eventTypes;
		this.fields = fields;
		this.earning = earning;
		this.qualification = qualification;
		this.publisher = publisher;
		this.clock = clock;
	}

	/** A purchase's fields checked and parsed, before anything is read or written. */
	record CheckedPurchase(EventRequest.Purchase event, String storeId, Money amount, List<PurchaseItem> items,
			Instant occurredAt) {

		Purchase purchase(UUID id, UUID memberId) {
			return new Purchase(id, event.transactionId(), memberId, occurredAt, amount, storeId, event.channel());
		}

		EventFacts facts() {
			return new EventFacts("purchase", amount, items.stream()
				.map(item -> new EventFacts.Item(item.sku(), item.category(), item.quantity(), item.unitPriceMinor()))
				.toList(), storeId, event.channel(), occurredAt, Map.of());
		}

		EventResult result(UUID memberId, List<EventResult.Effect> effects) {
			return new EventResult(event.transactionId(), "purchase", memberId, occurredAt,
					amount.majorUnits().toPlainString(), amount.currency().getCurrencyCode(), null, null, effects);
		}
	}

	CheckedPurchase check(EventRequest.Purchase event, String storeId) {
		Currency currency = Money.currency(event.currency(), "currency");
		Money amount = Money.parse(event.amount(), currency, "amount");
		List<PurchaseItem> items = items(event.items(), currency);
		return new CheckedPurchase(event, storeId, amount, items, fields.occurredAt(event.occurredAt()));
	}

	EventResult purchase(TenantId tenant, EventRequest.Purchase event, String storeId) {
		CheckedPurchase checked = check(event, storeId);
		Money amount = checked.amount();
		Instant occurredAt = checked.occurredAt();
		Optional<Member> member = fields.member(tenant, event.member(), "member");
		List<Program> earningPrograms = programs(tenant, event.program());

		purchases.add(tenant, checked.purchase(Ids.newId(clock), member.map(m -> m.id().value()).orElse(null)),
				checked.items());
		List<EventResult.Effect> effects = new ArrayList<>();
		if (member.isPresent()) {
			memberActivity.countPurchase(tenant, member.get().id().value(), occurredAt);
			// PERF: the count is read back only for the programs whose rules may look at it.
			long count = looksAtPurchases(tenant, earningPrograms)
					? memberActivity.purchases(tenant, member.get().id().value()) : 0;
			EventFacts facts = checked.facts();
			UUID memberId = member.get().id().value();
			List<Qualification.Activity> activity = new ArrayList<>();
			for (Program program : earningPrograms) {
				RuleEarning.Decision decision = earning.decide(tenant, program, facts, member.get(), count,
						Beneficiary.MEMBER, event.transactionId());
				effects.add(earning.credit(decision));
				if (decision.credit() != null) {
					activity.add(new Qualification.Activity(memberId, program.id(), occurredAt,
							decision.credit().amount(), null, 0, event.transactionId()));
				}
			}
			// After the earns, in one statement: a purchase that reaches a tier upgrades the member for the next one.
			activity.add(new Qualification.Activity(memberId, null, occurredAt, 0, amount, 1, event.transactionId()));
			qualification.recordAll(tenant, activity);
		}
		return checked.result(member.map(m -> m.id().value()).orElse(null), effects);
	}

	boolean looksAtPurchases(TenantId tenant, List<Program> programs) {
		return programs.stream().anyMatch(program -> earning.looksAtPurchases(tenant, program));
	}

	/** A signup, review, referral...: the member's rules, and for a referral the referrer's, decide what each earns. */
	EventResult activity(TenantId tenant, EventRequest.Activity event, String storeId) {
		if (event.type() == null) {
			throw BusinessException.invalid("type", "is required: purchase, return or an activity");
		}
		Set<String> activityTypes = eventTypes.activities(tenant);
		if (!activityTypes.contains(event.type())) {
			throw BusinessException.invalid("type", "'" + event.type() + "' is not a known type: purchase, return, "
					+ String.join(", ", activityTypes));
		}
		if (!event.otherFields().isEmpty()) {
			throw BusinessException.invalid(event.otherFields().keySet().stream().sorted().findFirst().orElseThrow(),
					"is not a known field of a " + event.type() + " event");
		}
		if (event.member() == null) {
			throw BusinessException.invalid("member", "is required for a " + event.type() + " event");
		}
		boolean referral = "referral".equals(event.type());
		if (referral != (event.referrer() != null)) {
			throw BusinessException.invalid("referrer", referral ? "is required for a referral"
					: "is only for referral events");
		}
		Instant occurredAt = fields.occurredAt(event.occurredAt());
		Map<String, String> attributes = attributes(event.attributes());
		Integer score = "survey".equals(event.type()) ? surveyScore(attributes) : null;
		Member member = fields.member(tenant, event.member(), "member").orElseThrow();
		Optional<Member> referrer = fields.member(tenant, event.referrer(), "referrer");
		if (referrer.isPresent() && referrer.get().id().equals(member.id())) {
			throw BusinessException.invalid("referrer", "cannot be the member referred");
		}
		List<Program> earningPrograms = programs(tenant, event.program());

		activities.add(tenant, event.transactionId(), event.type(), member.id().value(),
				referrer.map(r -> r.id().value()).orElse(null), occurredAt, attributes, storeId, event.channel());
		if (score != null) {
			publisher.publishEvent(new SurveyAnswered(tenant, member.id().value(), score, occurredAt, storeId));
		}
		EventFacts facts = new EventFacts(event.type(), null, List.of(), storeId, event.channel(), occurredAt,
				attributes);
		long memberPurchases = memberActivity.purchases(tenant, member.id().value());
		long referrerPurchases = referrer.map(r -> memberActivity.purchases(tenant, r.id().value())).orElse(0L);
		List<EventResult.Effect> effects = new ArrayList<>();
		for (Program program : earningPrograms) {
			effects.add(earning.earn(tenant, program, facts, member, memberPurchases, Beneficiary.MEMBER,
					event.transactionId()));
			if (referrer.isPresent()) {
				effects.add(earning.earn(tenant, program, facts, referrer.get(), referrerPurchases,
						Beneficiary.REFERRER, event.transactionId()));
			}
		}
		return new EventResult(event.transactionId(), event.type(), member.id().value(), occurredAt, null, null, null,
				null, effects);
	}

	/** The programs an event earns in: the one it names, or all of the tenant's. */
	List<Program> programs(TenantId tenant, String code) {
		return code == null ? programs.list(tenant) : List.of(programs.get(tenant, code));
	}

	/**
	 * A survey's score, its attribute {@code score}: a whole number from 0 to 10; null if the survey has none (it then
	 * counts in no NPS).
	 */
	private static Integer surveyScore(Map<String, String> attributes) {
		String score = attributes.get("score");
		if (score == null) {
			return null;
		}
		if (!score.matches("(10|[0-9])")) {
			throw BusinessException.invalid("attributes.score", "must be a whole number from 0 to 10");
		}
		return Integer.valueOf(score);
	}

	/** Attributes as text, the one type rules compare them as; only text, numbers and true/false are accepted. */
	private static Map<String, String> attributes(Map<String, Object> given) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (given == null) {
			return attributes;
		}
		for (Map.Entry<String, Object> attribute : given.entrySet()) {
			Object value = attribute.getValue();
			String field = "attributes." + attribute.getKey();
			if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
				throw BusinessException.invalid(field, "must be text, a number or true/false");
			}
			String text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
			if (text.length() > 200) {
				throw BusinessException.invalid(field, "must be at most 200 characters");
			}
			attributes.put(attribute.getKey(), text);
		}
		return attributes;
	}

	private static List<PurchaseItem> items(List<EventRequest.Item> items, Currency currency) {
		if (items == null) {
			return List.of();
		}
		List<PurchaseItem> parsed = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			EventRequest.Item item = items.get(i);
			parsed.add(new PurchaseItem(item.sku(), item.category(), item.quantity(),
					Money.parse(item.unitPrice(), currency, "items[" + i + "].unitPrice").minorUnits()));
		}
		return parsed;
	}
}
