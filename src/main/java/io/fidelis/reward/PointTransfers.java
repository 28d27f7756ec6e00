package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Transfer;
import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Members giving units to other members of the same program, within the program's limits. The ledger's transfer locks
 * the giver's account, so one member's transfers take turns: the month's total is counted under that lock, and
 * parallel transfers never give more than the monthly limit (nor the balance).
 */
@Service
class PointTransfers {

	private static final String COLUMNS = """
			id, program_id, from_member_id, to_member_id, points, note, transaction_id, created_at""";

	private final SpendingTerms terms;
	private final Ledger ledger;
	private final JdbcClient jdbc;
	private final Clock clock;

	PointTransfers(SpendingTerms terms, Ledger ledger, JdbcClient jdbc, Clock clock) {
		this.terms = terms;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	PointTransfer give(TenantId tenant, Program program, Member from, Member to, long points, String note,
			String reference) {
		TransferLimits limits = terms.transfers(tenant, program.id());
		String unit = program.kind().unit();
		if (limits.maxPointsPerTransfer() != null && points > limits.maxPointsPerTransfer()) {
			throw new BusinessException(ErrorCode.TRANSFER_LIMIT_EXCEEDED, "A transfer moves at most "
					+ limits.maxPointsPerTransfer() + " " + unit + "; " + points + " were asked");
		}
		Instant now = clock.instant();
		Map<String, String> details = Map.of("points", Long.toString(points), ExplanationTexts.UNIT, unit);
		UUID transaction = ledger.transfer(new Transfer(tenant, program.id(), from.id().value(), to.id().value(),
				points, reference, now, new Explanation("transfer.sent", details),
				new Explanation("transfer.received", details)))
			.transactionId();
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO point_transfer (id, tenant_id, program_id, from_member_id, to_member_id, points, note,
				transaction_id, created_at)
				VALUES (:id, :tenant, :program, :from, :to, :points, :note, :transaction, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("from", from.id().value())
			.param("to", to.id().value())
			.param("points", points)
			.param("note", note)
			.param("transaction", transaction)
			.param("now", Timestamps.sql(now))
			.update();
		// Under the giver's account lock, taken by the transfer: no other transfer of theirs counts meanwhile.
		if (limits.maxPointsPerMonth() != null) {
			Instant monthStart = now.atZone(program.timeZone())
				.toLocalDate()
				.withDayOfMonth(1)
				.atStartOfDay(program.timeZone())
				.toInstant();
			long given = givenSince(tenant, program.id(), from.id().value(), monthStart);
			if (given > limits.maxPointsPerMonth()) {
				throw new BusinessException(ErrorCode.MONTHLY_TRANSFER_LIMIT_REACHED,
						"A member gives at most " + limits.maxPointsPerMonth() + " " + unit + " a month; this member "
								+ "gave " + (given - points) + " this month and " + points + " more were asked");
			}
		}
		return new PointTransfer(id, program.id(), from.id().value(), to.id().value(), points, note, transaction, now);
	}

	/** A page of the transfers the member gave or received, newest first. */
	List<PointTransfer> ofMember(TenantId tenant, UUID memberId, PageRequest page) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM point_transfer WHERE tenant_id = :tenant "
				+ "AND (from_member_id = :member OR to_member_id = :member)" + page.condition("created_at", "id")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query(PointTransfers::transfer)
			.list();
	}

	private long givenSince(TenantId tenant, ProgramId program, UUID memberId, Instant since) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(points), 0) FROM point_transfer
				WHERE tenant_id = :tenant AND from_member_id = :member AND created_at >= :since
				AND program_id = :program""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("since", Timestamps.sql(since))
			.param("program", program.value())
			.query(Long.class)
			.single();
	}

	private static PointTransfer transfer(ResultSet rs, int n) throws SQLException {
		return new PointTransfer(rs.getObject("id", UUID.class), new ProgramId(rs.getObject("program_id", UUID.class)),
				rs.getObject("from_member_id", UUID.class), rs.getObject("to_member_id", UUID.class),
				rs.getLong("points"), rs.getString("note"), rs.getObject("transaction_id", UUID.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)));
	}
}
