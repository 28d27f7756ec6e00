package io.fidelis.ledger;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** Members' balances, read from the accounts' totals: a point read, however long the history. */
@Service
public class Balances {

	private final JdbcClient jdbc;

	Balances(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The member's balances in every program where they have an account. */
	public Map<ProgramId, MemberBalance> of(TenantId tenant, UUID memberId) {
		record Row(ProgramId program, AccountKind kind, long balance) {
		}
		List<Row> rows = jdbc.sql("""
				SELECT program_id, kind, credits_posted - debits_posted AS balance FROM ledger_account
				WHERE tenant_id = :tenant AND member_id = :member""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.query((rs, n) -> new Row(new ProgramId(rs.getObject("program_id", UUID.class)),
					AccountKind.valueOf(rs.getString("kind")), rs.getLong("balance")))
			.list();
		Map<ProgramId, MemberBalance.Expiring> expiring = expiringNext(tenant, memberId);
		Map<ProgramId, Map<AccountKind, Long>> byProgram = new HashMap<>();
		rows.forEach(row -> byProgram.computeIfAbsent(row.program(), program -> new EnumMap<>(AccountKind.class))
			.put(row.kind(), row.balance()));
		Map<ProgramId, MemberBalance> balances = new HashMap<>();
		byProgram.forEach((program, kinds) -> balances.put(program,
				new MemberBalance(program, kinds.getOrDefault(AccountKind.AVAILABLE, 0L),
						kinds.getOrDefault(AccountKind.PENDING, 0L), kinds.getOrDefault(AccountKind.HELD, 0L),
						expiring.get(program))));
		return balances;
	}

	/** Per program, the soonest expiry among the member's available lots and how much expires then. */
	private Map<ProgramId, MemberBalance.Expiring> expiringNext(TenantId tenant, UUID memberId) {
		record Row(ProgramId program, MemberBalance.Expiring expiring) {
		}
		Map<ProgramId, MemberBalance.Expiring> next = new HashMap<>();
		jdbc.sql("""
				SELECT l.program_id, l.expires_at, SUM(l.remaining) AS amount
				FROM ledger_account a JOIN ledger_lot l ON l.account_id = a.id
				WHERE a.tenant_id = :tenant AND a.member_id = :member AND a.kind = 'AVAILABLE'
				AND l.remaining > 0 AND l.expires_at IS NOT NULL
				GROUP BY l.program_id, l.expires_at
				ORDER BY l.expires_at""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.query((rs, n) -> new Row(new ProgramId(rs.getObject("program_id", UUID.class)),
					new MemberBalance.Expiring(rs.getLong("amount"),
							Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)))))
			.list()
			.forEach(row -> next.putIfAbsent(row.program(), row.expiring()));
		return next;
	}
}
