package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.TenantId;

/**
 * An operator's credit or debit of a member's balance by hand, with the reason the member will read. The API and the
 * back-office both adjust through here.
 */
@Service
public class Adjustments {

	/** Sanity: one adjustment moves at most a billion units. */
	public static final long MAX_ADJUSTMENT = 1_000_000_000L;
	public static final int MAX_REASON_LENGTH = 500;

	private final Members members;
	private final Programs programs;
	private final Ledger ledger;
	private final Balances balances;
	private final ExplanationTexts texts;
	private final Clock clock;

	Adjustments(Members members, Programs programs, Ledger ledger, Balances balances, ExplanationTexts texts,
			Clock clock) {
		this.members = members;
		this.programs = programs;
		this.ledger = ledger;
		this.balances = balances;
		this.texts = texts;
		this.clock = clock;
	}

	/** What an adjustment did: its transaction, and the member's available balance after it. */
	public record Adjusted(UUID transactionId, String program, long points, long available,
			ExplanationView explanation) {
	}

	/**
	 * Credits (points above zero) or debits (below zero) a member's balance in a program. A debit never overdraws
	 * ({@link InsufficientPoints}).
	 *
	 * @param reference the idempotency key of the request, kept on the transaction
	 */
	@Transactional
	public Adjusted adjust(TenantId tenant, UUID memberId, String programCode, long points, String reason,
			String reference) {
		if (points == 0 || Math.abs(points) > MAX_ADJUSTMENT) {
			throw BusinessException.invalid("points", "must be between -" + MAX_ADJUSTMENT + " and " + MAX_ADJUSTMENT
					+ ", and not 0");
		}
		if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
			throw BusinessException.invalid("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters");
		}
		Member member = members.get(tenant, new MemberId(memberId)).requireNotMerged();
		Program program = programs.get(tenant, programCode);
		Instant now = clock.instant();
		long units = Math.abs(points);
		Explanation explanation = new Explanation(points > 0 ? "adjustment.credit" : "adjustment.debit",
				Map.of("points", Long.toString(units), "reason", reason, ExplanationTexts.UNIT, program.kind().unit()));
		Posted posted = points > 0
				? ledger.credit(new Credit(tenant, program.id(), member.id().value(), units, AccountKind.ADJUSTMENT,
						TransactionKind.ADJUSTMENT, reference, now, program.expiresAt(now).orElse(null), null,
						explanation))
				: ledger.debit(new Debit(tenant, program.id(), member.id().value(), units, AccountKind.ADJUSTMENT,
						TransactionKind.ADJUSTMENT, reference, now, explanation));
		long available = Objects.requireNonNull(balances.of(tenant, member.id().value()).get(program.id())).available();
		return new Adjusted(posted.transactionId(), program.code(), points, available,
				texts.view(explanation, Locale.forLanguageTag(member.locale())));
	}
}
