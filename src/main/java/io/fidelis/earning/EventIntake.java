package io.fidelis.earning;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Clawback;
import io.fidelis.ledger.Credit;
import io.fidelis.ledger.EarnTransaction;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;

/**
 * Takes in purchases and returns and turns them into ledger movements. Runs inside the transaction of the event's
 * idempotency key, so an event is applied exactly once, entirely or not at all.
 */
@Service
class EventIntake {

	/** Sanity: a till's clock may be ahead of ours, but not by more than a day. */
	private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
	/** Sanity: nothing that earns points happened before this. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private final Purchases purchases;
	private final Members members;
	private final Programs programs;
	private final Ledger ledger;
	private final ExplanationTexts texts;
	private final Clock clock;

	EventIntake(Purchases purchases, Members members, Programs programs, Ledger ledger, ExplanationTexts texts,
			Clock clock) {
		this.purchases = purchases;
		this.members = members;
		this.programs = programs;
		this.ledger = ledger;
		this.texts = texts;
		this.clock = clock;
	}

	EventResult purchase(TenantId tenant, EventRequest.Purchase event, String storeId) {
		Currency currency = Money.currency(event.currency(), "currency");
		Money amount = Money.parse(event.amount(), currency, "amount");
		List<PurchaseItem> items = items(event.items(), currency);
		Instant occurredAt = occurredAt(event);
		Optional<Member> member = member(tenant, event.member());
		List<Program> earning = event.program() == null ? programs.list(tenant)
				: List.of(programs.get(tenant, event.program()));

		purchases.add(tenant, new Purchase(Ids.newId(clock), event.transactionId(),
				member.map(m -> m.id().value()).orElse(null), occurredAt, amount, storeId, event.channel()), items);
		List<EventResult.Effect> effects = new ArrayList<>();
		if (member.isPresent()) {
			Locale locale = Locale.forLanguageTag(member.get().locale());
			for (Program program : earning) {
				effects.add(earn(tenant, program, member.get(), event.transactionId(), amount, occurredAt, locale));
			}
		}
		return new EventResult(event.transactionId(), "purchase", member.map(m -> m.id().value()).orElse(null),
				occurredAt, amount.majorUnits().toPlainString(), currency.getCurrencyCode(), null, null, effects);
	}

	private EventResult.Effect earn(TenantId tenant, Program program, Member member, String transactionId,
			Money amount, Instant occurredAt, Locale locale) {
		String unit = program.kind().unit();
		if (!program.currency().equals(amount.currency())) {
			return nothing(program, new Explanation("earn.currency-mismatch", Map.of("currency",
					amount.currency().getCurrencyCode(), "programCurrency", program.currency().getCurrencyCode(),
					ExplanationTexts.UNIT, unit)), locale);
		}
		long units = EarnCalculation.units(amount, program.earnRate());
		if (units == 0) {
			return nothing(program, new Explanation("earn.below-one-unit",
					Map.of("amount", amount.toString(), ExplanationTexts.UNIT, unit)), locale);
		}
		Instant now = clock.instant();
		// A purchase older than the pending period has passed its return window already: available at once.
		Instant activatesAt = program.activatesAt(occurredAt).filter(at -> at.isAfter(now)).orElse(null);
		Instant expiresAt = program.expiresAt(occurredAt).orElse(null);
		Explanation explanation = new Explanation("earn.purchase", Map.of("points", Long.toString(units), "amount",
				amount.toString(), "rate", program.earnRate().toPlainString(), "currency",
				amount.currency().getCurrencyCode(), ExplanationTexts.UNIT, unit));
		Posted posted = ledger.credit(new Credit(tenant, program.id(), member.id().value(), units,
				AccountKind.ISSUANCE, TransactionKind.EARN, transactionId, occurredAt, expiresAt, activatesAt,
				explanation));
		return new EventResult.Effect(program.code(), units,
				activatesAt == null ? EventResult.Status.AVAILABLE : EventResult.Status.PENDING, null,
				activatesAt, expiresAt, posted.transactionId(), texts.view(explanation, locale));
	}

	EventResult refund(TenantId tenant, EventRequest.Return event, String storeId) {
		Currency currency = Money.currency(event.currency(), "currency");
		Money refund = Money.parse(event.amount(), currency, "amount");
		if (refund.minorUnits() == 0) {
			throw BusinessException.invalid("amount", "must be more than 0");
		}
		Instant occurredAt = occurredAt(event);
		Purchase purchase = purchases.lock(tenant, event.originalTransactionId())
			.orElseThrow(() -> new BusinessException(ErrorCode.PURCHASE_NOT_FOUND,
					"No purchase with transactionId '" + event.originalTransactionId() + "'"));
		if (!purchase.amount().currency().equals(currency)) {
			throw new BusinessException(ErrorCode.RETURN_MISMATCH, "The purchase was in "
					+ purchase.amount().currency().getCurrencyCode() + ", the return is in " + event.currency());
		}
		Optional<Member> named = member(tenant, event.member());
		if (named.isPresent() && !named.get().id().value().equals(purchase.memberId())) {
			throw new BusinessException(ErrorCode.RETURN_MISMATCH, "The purchase was not made by this member");
		}
		long refundedBefore = purchases.refunded(purchase.id());
		long left = purchase.amount().minorUnits() - refundedBefore;
		if (refund.minorUnits() > left) {
			throw new BusinessException(ErrorCode.RETURN_EXCEEDS_PURCHASE, "Only "
					+ new Money(left, currency) + " of the " + purchase.amount() + " purchase is left to refund");
		}
		purchases.addReturn(tenant, purchase.id(), event.transactionId(), occurredAt, refund, storeId);

		List<EventResult.Effect> effects = new ArrayList<>();
		if (purchase.memberId() != null) {
			Member member = members.get(tenant, new MemberId(purchase.memberId()));
			Locale locale = Locale.forLanguageTag(member.locale());
			Map<ProgramId, Program> byId = programs.list(tenant)
				.stream()
				.collect(Collectors.toMap(Program::id, Function.identity()));
			for (EarnTransaction earn : ledger.earnsFor(tenant, purchase.transactionId())) {
				long units = EarnCalculation.clawback(earn.amount(), purchase.amount().minorUnits(), refundedBefore,
						refund.minorUnits());
				if (units > 0) {
					effects.add(takeBack(tenant, byId.get(earn.program()), earn, units, event, occurredAt, refund,
							purchase, locale));
				}
			}
		}
		return new EventResult(event.transactionId(), "return", purchase.memberId(), occurredAt,
				refund.majorUnits().toPlainString(), currency.getCurrencyCode(), purchase.transactionId(),
				new Money(refundedBefore + refund.minorUnits(), currency).majorUnits().toPlainString(), effects);
	}

	private EventResult.Effect takeBack(TenantId tenant, Program program, EarnTransaction earn, long units,
			EventRequest.Return event, Instant occurredAt, Money refund, Purchase purchase, Locale locale) {
		String unit = program.kind().unit();
		LongFunction<Explanation> explanation = taken -> taken == units
				? new Explanation("clawback.return", Map.of("points", Long.toString(taken), "refunded",
						refund.toString(), "amount", purchase.amount().toString(), ExplanationTexts.UNIT, unit))
				: new Explanation("clawback.return-forgiven", Map.of("points", Long.toString(taken), "forgiven",
						Long.toString(units - taken), "refunded", refund.toString(), "amount",
						purchase.amount().toString(), ExplanationTexts.UNIT, unit));
		Posted posted = ledger.clawBack(new Clawback(tenant, earn.transactionId(), units,
				program.allowNegativeBalance(), event.transactionId(), occurredAt, explanation));
		return new EventResult.Effect(program.code(), -posted.amount(),
				posted.amount() == 0 ? EventResult.Status.NONE : EventResult.Status.TAKEN_BACK,
				units - posted.amount(), null, null, posted.transactionId(),
				texts.view(explanation.apply(posted.amount()), locale));
	}

	private EventResult.Effect nothing(Program program, Explanation explanation, Locale locale) {
		return new EventResult.Effect(program.code(), 0, EventResult.Status.NONE, null, null, null, null,
				texts.view(explanation, locale));
	}

	private Optional<Member> member(TenantId tenant, EventRequest.Member reference) {
		if (reference == null) {
			return Optional.empty();
		}
		if (!reference.namesExactlyOne()) {
			throw BusinessException.invalid("member", "must give exactly one of id, cardNumber, email, phone, "
					+ "externalId");
		}
		return Optional.of(members.resolve(tenant, reference.toReference()));
	}

	private Instant occurredAt(EventRequest event) {
		Instant occurredAt;
		try {
			occurredAt = event.occurredAt().toInstant();
		}
		catch (DateTimeException outOfRange) {
			throw BusinessException.invalid("occurredAt", "is out of range");
		}
		if (occurredAt.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
			throw BusinessException.invalid("occurredAt", "is more than a day in the future");
		}
		if (occurredAt.isBefore(EARLIEST)) {
			throw BusinessException.invalid("occurredAt", "is before " + EARLIEST);
		}
		return occurredAt;
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
