package io.fidelis.earning;

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

import org.springframework.stereotype.Component;

import io.fidelis.ledger.Clawback;
import io.fidelis.ledger.EarnTransaction;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.tier.Qualification;

/**
 * Returns: a refund takes back, in every program, the share of what the purchase earned that everything refunded so
 * far stands for. Returns of one purchase are taken one at a time (its row is locked), so that together they never
 * take back more than it earned.
 */
@Component
class ReturnIntake {

	private final Purchases purchases;
	private final Members members;
	private final Programs programs;
	private final Ledger ledger;
	private final EventFields fields;
	private final ExplanationTexts texts;
	private final Qualification qualification;

	ReturnIntake(Purchases purchases, Members members, Programs programs, Ledger ledger, EventFields fields,
			ExplanationTexts texts, Qualification qualification) {
		this.purchases = purchases;
		this.members = members;
		this.programs = programs;
		this.ledger = ledger;
		this.fields = fields;
		this.texts = texts;
		this.qualification = qualification;
	}

	EventResult refund(TenantId tenant, EventRequest.Return event, String storeId) {
		Currency currency = Money.currency(event.currency(), "currency");
		Money refund = Money.parse(event.amount(), currency, "amount");
		if (refund.minorUnits() == 0) {
			throw BusinessException.invalid("amount", "must be more than 0");
		}
		Instant occurredAt = fields.occurredAt(event.occurredAt());
		Purchase purchase = purchases.lock(tenant, event.originalTransactionId())
			.orElseThrow(() -> new BusinessException(ErrorCode.PURCHASE_NOT_FOUND,
					"No purchase with transactionId '" + event.originalTransactionId() + "'"));
		if (!purchase.amount().currency().equals(currency)) {
			throw new BusinessException(ErrorCode.RETURN_MISMATCH, "The purchase was in "
					+ purchase.amount().currency().getCurrencyCode() + ", the return is in " + event.currency());
		}
		Optional<Member> named = fields.member(tenant, event.member(), "member");
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
		// A member merged since the purchase: the survivor holds its units and its tier activity now.
		Member member = purchase.memberId() == null ? null
				: members.current(tenant, new MemberId(purchase.memberId()));
		if (member != null) {
			Map<ProgramId, Program> byId = programs.list(tenant)
				.stream()
				.collect(Collectors.toMap(Program::id, Function.identity()));
			for (EarnTransaction earn : ledger.earnsFor(tenant, purchase.transactionId())) {
				long units = EarnCalculation.clawback(earn.amount(), purchase.amount().minorUnits(), refundedBefore,
						refund.minorUnits());
				if (units > 0) {
					// Tiers count what the return undoes, whether or not the balance could give it all back.
					qualification.takenBack(tenant, earn.program(), member.id().value(), units, purchase.occurredAt(),
							event.transactionId());
					effects.add(takeBack(tenant, byId.get(earn.program()), member, earn, units, event.transactionId(),
							occurredAt, refund, purchase));
				}
			}
		}
		if (member != null) {
			qualification.returned(tenant, member.id().value(), refund,
					refundedBefore + refund.minorUnits() == purchase.amount().minorUnits(), purchase.occurredAt(),
					event.transactionId());
		}
		return new EventResult(event.transactionId(), "return", purchase.memberId(), occurredAt,
				refund.majorUnits().toPlainString(), currency.getCurrencyCode(), purchase.transactionId(),
				new Money(refundedBefore + refund.minorUnits(), currency).majorUnits().toPlainString(), effects);
	}

	private EventResult.Effect takeBack(TenantId tenant, Program program, Member member, EarnTransaction earn,
			long units, String transactionId, Instant occurredAt, Money refund, Purchase purchase) {
		String unit = program.kind().unit();
		LongFunction<Explanation> explanation = taken -> taken == units
				? new Explanation("clawback.return", Map.of("points", Long.toString(taken), "refunded",
						refund.toString(), "amount", purchase.amount().toString(), ExplanationTexts.UNIT, unit))
				: new Explanation("clawback.return-forgiven", Map.of("points", Long.toString(taken), "forgiven",
						Long.toString(units - taken), "refunded", refund.toString(), "amount",
						purchase.amount().toString(), ExplanationTexts.UNIT, unit));
		Posted posted = ledger.clawBack(new Clawback(tenant, earn.transactionId(), units,
				program.allowNegativeBalance(), transactionId, occurredAt, explanation));
		return new EventResult.Effect(program.code(), member.id().value(), -posted.amount(),
				posted.amount() == 0 ? EventResult.Status.NONE : EventResult.Status.TAKEN_BACK,
				units - posted.amount(), null, null, posted.transactionId(),
				texts.view(explanation.apply(posted.amount()), Locale.forLanguageTag(member.locale())), null);
	}
}
