package io.fidelis.membership;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.fidelis.member.Member;
import io.fidelis.program.Programs;
import io.fidelis.reward.RewardGrants;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;

/**
 * Starts, renews and cancels memberships, and moves them on as time passes; each change is kept in the membership's
 * history and published as an event, in the caller's transaction. Changes time brought are applied before any
 * other, dated when they happened: a membership looks the same whether the term job ran on time or not.
 */
@Service
class MembershipLifecycle {

	private final Memberships memberships;
	private final MembershipPlans plans;
	private final Programs programs;
	private final RewardGrants rewards;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	MembershipLifecycle(Memberships memberships, MembershipPlans plans, Programs programs, RewardGrants rewards,
			ApplicationEventPublisher events, Clock clock) {
		this.memberships = memberships;
		this.plans = plans;
		this.programs = programs;
		this.rewards = rewards;
		this.events = events;
		this.clock = clock;
	}

	/** A payment the till or shop reports: its reference is unique in the tenant. */
	record Payment(String reference, BigDecimal amount, String currency) {
	}

	/** Whether a cancellation takes effect at once or when the paid term ends. */
	enum Effective {
		AT_TERM_END, NOW
	}

	Membership start(TenantId tenant, Member member, String planCode, Payment payment) {
		MembershipPlans.Entry entry = plans.get(tenant, planCode);
		if (entry.retiredAt() != null) {
			throw new BusinessException(ErrorCode.MEMBERSHIP_PLAN_RETIRED, "The plan '" + planCode + "' was retired");
		}
		MembershipPlan plan = entry.plan();
		Money paid = paid(plan, payment);
		Instant now = clock.instant();
		Instant trialUntil = plan.trialDays() > 0 ? now.plus(Duration.ofDays(plan.trialDays())) : null;
		Instant termStart = trialUntil == null ? now : trialUntil;
		Membership membership = new Membership(Ids.newId(clock), member.id().value(), planCode,
				programs.get(tenant, plan.program()).id(),
				trialUntil == null ? MembershipStatus.ACTIVE : MembershipStatus.TRIAL, now, trialUntil, termStart,
				plan.term().end(termStart, plan.termDays()), plan.graceDays(), plan.autoRenew(), false, null, now);
		memberships.insert(tenant, membership);
		memberships.recordPayment(tenant, membership.id(), payment.reference(), paid);
		StringBuilder note = new StringBuilder("payment ").append(payment.reference()).append(", ").append(paid);
		if (trialUntil != null) {
			note.append("; trial until ").append(trialUntil);
		}
		for (String reward : plan.rewards()) {
			Optional<String> refusal = rewards.grant(tenant, member, reward, 1,
					"membership-" + membership.id() + "-" + reward, "membership plan '" + planCode + "'");
			note.append(refusal.map(reason -> "; reward " + reward + " not given: " + reason)
				.orElse("; reward " + reward + " given"));
		}
		record(tenant, new Membership.Change(membership, Membership.ChangeKind.STARTED, now, note.toString()),
				payment.reference());
		return membership;
	}

	/** One more term after the current one, paid for; a past-due membership is active again. */
	Membership renew(TenantId tenant, UUID id, Payment payment) {
		Membership membership = catchUp(tenant, memberships.lock(tenant, id), clock.instant());
		requireOpen(membership);
		MembershipPlan plan = plans.get(tenant, membership.plan()).plan();
		Money paid = paid(plan, payment);
		memberships.recordPayment(tenant, id, payment.reference(), paid);
		Membership renewed = membership.renewed(plan.term().end(membership.termEnd(), plan.termDays()));
		memberships.update(tenant, renewed);
		record(tenant, new Membership.Change(renewed, Membership.ChangeKind.RENEWED, clock.instant(),
				"payment " + payment.reference() + ", " + paid + "; the term now ends at " + renewed.termEnd()),
				payment.reference());
		return renewed;
	}

	/**
	 * At the term's end (a past-due membership, whose term is over, is cancelled at once), or at once with a note of
	 * what of the paid term is unused, pro rata; Fidelis takes no payments, so the refund is the till's or shop's.
	 *
	 * @param by who asked, "member" or "operator"
	 */
	Membership cancel(TenantId tenant, UUID id, Effective effective, String by) {
		Instant now = clock.instant();
		Membership membership = catchUp(tenant, memberships.lock(tenant, id), now);
		requireOpen(membership);
		if (effective == Effective.AT_TERM_END && membership.status() != MembershipStatus.PAST_DUE) {
			if (membership.cancelAtTermEnd()) {
				return membership;
			}
			Membership scheduled = membership.cancellingAtTermEnd();
			memberships.update(tenant, scheduled);
			record(tenant, new Membership.Change(scheduled, Membership.ChangeKind.CANCELLATION_SCHEDULED, now,
					"asked by the " + by + "; ends at " + scheduled.termEnd()), null);
			return scheduled;
		}
		Membership cancelled = membership.cancelled(now);
		memberships.update(tenant, cancelled);
		record(tenant, new Membership.Change(cancelled, Membership.ChangeKind.CANCELLED, now,
				"asked by the " + by + ", at once; " + proRata(tenant, membership, now)), null);
		return cancelled;
	}

	/** Applies, in order, every change time brought the membership by {@code now}; the row is locked. */
	Membership catchUp(TenantId tenant, Membership membership, Instant now) {
		Optional<Membership.Change> change = membership.due(now);
		while (change.isPresent()) {
			membership = change.get().membership();
			memberships.update(tenant, membership);
			record(tenant, change.get(), null);
			change = membership.due(now);
		}
		return membership;
	}

	private String proRata(TenantId tenant, Membership membership, Instant now) {
		MembershipPlan plan = plans.get(tenant, membership.plan()).plan();
		Money price = Money.parse(plan.price(), Money.currency(plan.currency(), "currency"), "price");
		long term = Duration.between(membership.termStart(), membership.termEnd()).getSeconds();
		Instant from = now.isAfter(membership.termStart()) ? now : membership.termStart();
		long unused = Math.max(0, Duration.between(from, membership.termEnd()).getSeconds());
		if (unused == 0 || term <= 0) {
			return "nothing of the paid term unused";
		}
		long minor = BigDecimal.valueOf(price.minorUnits())
			.multiply(BigDecimal.valueOf(unused))
			.divide(BigDecimal.valueOf(term), 0, RoundingMode.DOWN)
			.longValueExact();
		return "pro rata: %d of %d days of the paid term unused, %s of %s".formatted(unused / 86_400, term / 86_400,
				new Money(minor, price.currency()), price);
	}

	/** The payment's amount, once it is the plan's price. */
	private static Money paid(MembershipPlan plan, Payment payment) {
		Money amount = Money.parse(payment.amount(), Money.currency(payment.currency(), "currency"), "amount");
		Money price = Money.parse(plan.price(), Money.currency(plan.currency(), "currency"), "price");
		if (!amount.equals(price)) {
			throw new BusinessException(ErrorCode.PAYMENT_AMOUNT_MISMATCH,
					"The plan '" + plan.code() + "' costs " + price + "; the payment reported is " + amount,
					List.of(new FieldError("amount", "must be the plan's price, " + price)));
		}
		return amount;
	}

	private static void requireOpen(Membership membership) {
		if (!membership.status().open()) {
			throw new BusinessException(ErrorCode.MEMBERSHIP_ENDED,
					"The membership is " + membership.status().name().toLowerCase() + " since " + membership.endedAt());
		}
	}

	private void record(TenantId tenant, Membership.Change change, String paymentReference) {
		memberships.recordChange(tenant, change);
		Membership m = change.membership();
		switch (change.kind()) {
			case STARTED:
				events.publishEvent(new MembershipStarted(tenant, m.id(), m.memberId(), m.plan(), m.status(),
						paymentReference, m.termEnd(), change.at()));
				break;
			case ACTIVATED:
				events.publishEvent(new MembershipActivated(tenant, m.id(), m.memberId(), m.plan(), m.termEnd(),
						change.at()));
				break;
			case RENEWED:
				events.publishEvent(new MembershipRenewed(tenant, m.id(), m.memberId(), m.plan(), paymentReference,
						m.termEnd(), change.at()));
				break;
			case PAST_DUE:
				events.publishEvent(new MembershipPastDue(tenant, m.id(), m.memberId(), m.plan(), m.graceUntil(),
						change.at()));
				break;
			case LAPSED:
				events.publishEvent(
						new MembershipLapsed(tenant, m.id(), m.memberId(), m.plan(), change.note(), change.at()));
				break;
			case CANCELLED:
				events.publishEvent(
						new MembershipCancelled(tenant, m.id(), m.memberId(), m.plan(), change.note(), change.at()));
				break;
			default:
				// A cancellation asked for at the term's end changes no status: the history says so, no event.
				break;
		}
	}
}
