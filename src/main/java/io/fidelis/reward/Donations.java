package io.fidelis.reward;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Debit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Members donating units to charity causes: a debit to the program's charity account (which locks the member's
 * account, so parallel donations never take more than the balance), recorded with its money value for the cause's
 * report.
 */
@Service
class Donations {

	private final Ledger ledger;
	private final JdbcClient jdbc;
	private final Clock clock;

	Donations(Ledger ledger, JdbcClient jdbc, Clock clock) {
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	Donation donate(TenantId tenant, Member member, Program program, Cause cause, long points, String reference) {
		if (cause.retiredAt() != null) {
			throw new BusinessException(ErrorCode.CAUSE_RETIRED,
					"Cause '" + cause.code() + "' was retired at " + cause.retiredAt());
		}
		Instant now = clock.instant();
		UnitValue unitValue = UnitValue.of(program);
		Money value = new Money(unitValue.worth(points), unitValue.currency());
		String language = Locale.forLanguageTag(member.locale()).getLanguage();
		UUID transaction = ledger.debit(new Debit(tenant, program.id(), member.id().value(), points,
				AccountKind.CHARITY, TransactionKind.DONATION, reference, now,
				new Explanation("donation", Map.of("points", Long.toString(points), ExplanationTexts.UNIT,
						program.kind().unit(), "cause", cause.name(language), "value", value.toString()))))
			.transactionId();
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO donation (id, tenant_id, cause_id, program_id, member_id, points, amount, currency,
				transaction_id, created_at)
				VALUES (:id, :tenant, :cause, :program, :member, :points, :amount, :currency, :transaction, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("cause", cause.id())
			.param("program", program.id().value())
			.param("member", member.id().value())
			.param("points", points)
			.param("amount", value.minorUnits())
			.param("currency", value.currency().getCurrencyCode())
			.param("transaction", transaction)
			.param("now", Timestamps.sql(now))
			.update();
		return new Donation(id, cause.id(), program.id(), member.id().value(), points, value, transaction, now);
	}

	/** What members gave the cause, in all and per program. */
	CauseReport report(TenantId tenant, Cause cause) {
		record Totals(long donations, long donors) {
		}
		Totals totals = jdbc.sql("""
				SELECT COUNT(*), COUNT(DISTINCT member_id) FROM donation
				WHERE tenant_id = :tenant AND cause_id = :cause""")
			.param("tenant", tenant.value())
			.param("cause", cause.id())
			.query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2)))
			.single();
		return new CauseReport(totals.donations(), totals.donors(), jdbc.sql("""
				SELECT program_id, currency, COUNT(*) AS donations, COUNT(DISTINCT member_id) AS donors,
				SUM(points) AS points, SUM(amount) AS amount
				FROM donation WHERE tenant_id = :tenant AND cause_id = :cause
				GROUP BY program_id, currency ORDER BY program_id, currency""")
			.param("tenant", tenant.value())
			.param("cause", cause.id())
			.query((rs, n) -> new CauseReport.ProgramGiving(new ProgramId(rs.getObject("program_id", UUID.class)),
					rs.getLong("donations"), rs.getLong("donors"), rs.getLong("points"),
					new Money(rs.getLong("amount"), Currency.getInstance(rs.getString("currency")))))
			.list());
	}
}
