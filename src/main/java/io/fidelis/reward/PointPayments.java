package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Balances;
import io.fidelis.ledger.Debit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Hold;
import io.fidelis.ledger.HoldRequest;
import io.fidelis.ledger.Holds;
import io.fidelis.ledger.InsufficientPoints;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.ledger.Reversal;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Members paying part of a basket with units at a checkout, at the program's unit value: the discount is what the
 * units are worth, rounded down to a minor unit, and the member pays only the units that discount is worth, so that
 * no unit goes for a fraction of a cent. The ledger's debit (or hold) locks the member's account, so parallel
 * payments never take more than the balance; a refund locks the payment, so it happens once.
 */
@Service
class PointPayments {

	private static final String COLUMNS = """
			id, program_id, member_id, points, discount, basket, currency, store, reference, status, transaction_id,
			hold_id, refund_transaction_id, created_at, refunded_at""";

	private final SpendingTerms terms;
	private final Programs programs;
	private final Balances balances;
	private final Ledger ledger;
	private final Holds holds;
	private final JdbcClient jdbc;
	private final Clock clock;

	PointPayments(SpendingTerms terms, Programs programs, Balances balances, Ledger ledger, Holds holds,
			JdbcClient jdbc, Clock clock) {
		this.terms = terms;
		this.programs = programs;
		this.balances = balances;
		this.ledger = ledger;
		this.holds = holds;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The basket a member pays with units: its total, where, and the till's reference for it.
	 *
	 * @param store where the member pays; {@code reference} the till's transaction id (both may be null)
	 */
	record Checkout(Money basket, String store, String reference) {
	}

	/**
	 * Pays part of the checkout's basket with {@code points} of the member's units (null: as many as the terms and
	 * the balance allow), debited at once, or set aside by a hold until {@code holdUntil} if it is given.
	 *
	 * @param ledgerReference the reference of the ledger's transaction
	 */
	@Transactional
	PointPayment pay(TenantId tenant, Member member, Program program, Checkout checkout, Long points,
			Instant holdUntil, String ledgerReference) {
		Money basket = checkout.basket();
		if (!basket.currency().equals(program.currency())) {
			String message = "must be " + program.currency().getCurrencyCode() + ", the currency of program '"
					+ program.code() + "'";
			throw new BusinessException(ErrorCode.CURRENCY_MISMATCH, "currency: " + message,
					List.of(new FieldError("currency", message)));
		}
		UUID memberId = member.id().value();
		PointPaymentTerms programTerms = terms.pointPayments(tenant, program.id());
		Price price = price(program, programTerms, basket,
				points != null ? points : mostAllowed(tenant, memberId, program, programTerms, basket),
				points == null);
		long spent = price.points();
		long discount = price.discount();
		Instant now = clock.instant();
		Map<String, String> details = Map.of("points", Long.toString(spent), ExplanationTexts.UNIT,
				program.kind().unit(), "discount", money(discount, basket.currency()).toString(), "amount",
				basket.toString());
		UUID transactionId = null;
		UUID holdId = null;
		PointPaymentStatus status;
		if (holdUntil == null) {
			transactionId = ledger.debit(new Debit(tenant, program.id(), memberId, spent, AccountKind.REDEMPTION,
					TransactionKind.REDEMPTION, ledgerReference, now, new Explanation("point-payment.paid", details)))
				.transactionId();
			status = PointPaymentStatus.PAID;
		}
		else {
			Hold hold = holds.place(new HoldRequest(tenant, program.id(), memberId, spent, holdUntil, ledgerReference,
					new Explanation("point-payment.held", details)));
			holdId = hold.id();
			status = PointPaymentStatus.HELD;
		}
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO point_payment (id, tenant_id, program_id, member_id, points, discount, basket, currency,
				store, reference, status, transaction_id, hold_id, created_at)
				VALUES (:id, :tenant, :program, :member, :points, :discount, :basket, :currency, :store, :reference,
				:status, :transaction, :hold, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("member", memberId)
			.param("points", spent)
			.param("discount", discount)
			.param("basket", basket.minorUnits())
			.param("currency", basket.currency().getCurrencyCode())
			.param("store", checkout.store())
			.param("reference", checkout.reference())
			.param("status", status.name())
			.param("transaction", transactionId)
			.param("hold", holdId)
			.param("now", Timestamps.sql(now))
			.update();
		return new PointPayment(id, program.id(), memberId, spent, money(discount, basket.currency()), basket,
				checkout.store(), checkout.reference(), status, transactionId, holdId, null, now, null);
	}

	/** {@code points} units taking {@code discount} minor units off a basket. */
	private record Price(long points, long discount) {
	}

	/**
	 * What {@code offered} units pay of the basket: the discount they are worth, and the units that discount costs
	 * (no more than offered); refused outside the program's terms.
	 *
	 * @param mostAllowed whether the offer is the most allowed rather than the member's choice, for the refusal
	 */
	private static Price price(Program program, PointPaymentTerms terms, Money basket, long offered,
			boolean mostAllowed) {
		UnitValue value = UnitValue.of(program);
		String unit = program.kind().unit();
		long maxDiscount = terms.maxDiscount(basket.minorUnits());
		long discount = value.worth(offered);
		if (discount > maxDiscount) {
			throw new BusinessException(ErrorCode.POINT_PAYMENT_ABOVE_MAX_SHARE, offered + " " + unit + " are worth "
					+ money(discount, basket.currency()) + ", more than the " + terms.maxSharePercent() + " % of "
					+ basket + " that they may pay (" + money(maxDiscount, basket.currency()) + ")");
		}
		if (discount == 0) {
			throw new BusinessException(ErrorCode.POINT_PAYMENT_BELOW_MINIMUM, offered + " " + unit
					+ (mostAllowed ? " (the most the balance and the program's terms allow on " + basket + ")" : "")
					+ " are worth less than " + money(1, basket.currency()));
		}
		long points = value.unitsFor(discount);
		if (points < terms.minPoints()) {
			throw new BusinessException(ErrorCode.POINT_PAYMENT_BELOW_MINIMUM, "A payment takes at least "
					+ terms.minPoints() + " " + unit + "; this one would take " + points + " for "
					+ money(discount, basket.currency()));
		}
		return new Price(points, discount);
	}

	/**
	 * The most units the member can pay this basket with: their balance, up to what the terms let units pay. The
	 * balance is read without a lock; the debit checks it again under its lock.
	 */
	private long mostAllowed(TenantId tenant, UUID memberId, Program program, PointPaymentTerms programTerms,
			Money basket) {
		MemberBalance balance = balances.of(tenant, memberId).get(program.id());
		long available = balance == null ? 0 : Math.max(0, balance.available());
		if (available < programTerms.minPoints()) {
			throw new InsufficientPoints(available, programTerms.minPoints());
		}
		return Math.min(available, UnitValue.of(program).unitsWithin(programTerms.maxDiscount(basket.minorUnits())));
	}

	/**
	 * Gives a payment made at once back whole: its units return into the lots they came from. Once: the payment's row
	 * is locked, so of parallel refunds one does it and the others are told it is done.
	 */
	@Transactional
	PointPayment refund(TenantId tenant, UUID id, String ledgerReference) {
		PointPayment payment = jdbc.sql("SELECT " + COLUMNS
				+ " FROM point_payment WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(PointPayments::payment)
			.optional()
			.orElseThrow(() -> notFound(id));
		switch (payment.status()) {
			case HELD -> throw new BusinessException(ErrorCode.POINT_PAYMENT_HELD,
					"The payment's units are held by hold " + payment.holdId()
							+ ": the till captures or releases it there");
			case REFUNDED -> throw new BusinessException(ErrorCode.POINT_PAYMENT_REFUNDED,
					"The payment was refunded at " + payment.refundedAt());
			case PAID -> {
			}
		}
		Instant now = clock.instant();
		UUID refund = ledger.reverse(new Reversal(tenant, payment.transactionId(), payment.points(), ledgerReference,
				now, new Explanation("point-payment.refunded", Map.of("points", Long.toString(payment.points()),
						"discount", payment.discount().toString(), ExplanationTexts.UNIT,
						programs.get(tenant, payment.programId()).kind().unit()))))
			.transactionId();
		int updated = jdbc.sql("""
				UPDATE point_payment SET status = 'REFUNDED', refund_transaction_id = :refund, refunded_at = :now
				WHERE id = :id AND status = 'PAID'""")
			.param("refund", refund)
			.param("now", Timestamps.sql(now))
			.param("id", id)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("point payment " + id + " changed under its lock");
		}
		return get(tenant, id);
	}

	PointPayment get(TenantId tenant, UUID id) {
		return find(tenant, id).orElseThrow(() -> notFound(id));
	}

	Optional<PointPayment> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM point_payment WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(PointPayments::payment)
			.optional();
	}

	private static BusinessException notFound(UUID id) {
		return new BusinessException(ErrorCode.POINT_PAYMENT_NOT_FOUND, "No point payment " + id);
	}

	private static Money money(long minorUnits, Currency currency) {
		return new Money(minorUnits, currency);
	}

	private static PointPayment payment(ResultSet rs, int n) throws SQLException {
		Currency currency = Currency.getInstance(rs.getString("currency"));
		return new PointPayment(rs.getObject("id", UUID.class), new ProgramId(rs.getObject("program_id", UUID.class)),
				rs.getObject("member_id", UUID.class), rs.getLong("points"), money(rs.getLong("discount"), currency),
				money(rs.getLong("basket"), currency), rs.getString("store"), rs.getString("reference"),
				PointPaymentStatus.valueOf(rs.getString("status")), rs.getObject("transaction_id", UUID.class),
				rs.getObject("hold_id", UUID.class), rs.getObject("refund_transaction_id", UUID.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("refunded_at", OffsetDateTime.class)));
	}
}
