package io.fidelis.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** Members' statements: their transactions, newest first, with what each did to their balances and why. */
@Service
public class Statements {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Statements(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** One page of the member's statement, in one program or (with a null {@code program}) in all. */
	public Page<StatementLine> of(TenantId tenant, UUID memberId, ProgramId program, PageRequest page) {
		String programCondition = program == null ? "" : " AND program_id = :program";
		List<StatementLine> lines = jdbc.sql("""
				SELECT t.id, t.program_id, t.kind, t.reference, t.reversal_of, t.occurred_at, t.created_at,
				       t.explanation,
				       SUM(CASE WHEN d.member_id = t.member_id AND d.kind = 'AVAILABLE' THEN p.amount ELSE 0 END)
				     - SUM(CASE WHEN s.member_id = t.member_id AND s.kind = 'AVAILABLE' THEN p.amount ELSE 0 END)
				       AS available_change,
				       SUM(CASE WHEN d.member_id = t.member_id AND d.kind = 'PENDING' THEN p.amount ELSE 0 END)
				     - SUM(CASE WHEN s.member_id = t.member_id AND s.kind = 'PENDING' THEN p.amount ELSE 0 END)
				       AS pending_change
				FROM (SELECT * FROM ledger_transaction
				      WHERE tenant_id = :tenant AND member_id = :member""" + programCondition
				+ page.condition("created_at", "id") + """
				      ORDER BY created_at DESC, id DESC LIMIT :limit) t
				JOIN ledger_posting p ON p.transaction_id = t.id
				JOIN ledger_account s ON s.id = p.source_account_id
				JOIN ledger_account d ON d.id = p.destination_account_id
				GROUP BY t.id, t.program_id, t.kind, t.reference, t.reversal_of, t.occurred_at, t.created_at,
				         t.explanation
				ORDER BY t.created_at DESC, t.id DESC""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("program", program == null ? null : program.value())
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query((rs, n) -> new StatementLine(rs.getObject("id", UUID.class),
					new ProgramId(rs.getObject("program_id", UUID.class)),
					TransactionKind.valueOf(rs.getString("kind")), rs.getLong("available_change"),
					rs.getLong("pending_change"), rs.getString("reference"), rs.getObject("reversal_of", UUID.class),
					Timestamps.instant(rs.getObject("occurred_at", OffsetDateTime.class)),
					Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
					json.readValue(rs.getString("explanation"), Explanation.class)))
			.list();
		return page.page(lines, StatementLine::createdAt, StatementLine::transactionId);
	}
}
