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

	/**
	 * The member's balances in every program where they have an account, with the soonest expiry among their
	 * available lots and how much expires then: one statement, the account rows and index lookups of their lots.
	 */
	public Map<ProgramId, MemberBalance> of(TenantId tenant, UUID memberId) {
		record Row(ProgramId program, AccountKind kind, long balance, MemberBalance.Expiring expiring) {
		}
		List<Row> rows = jdbc.sql("""
				SELECT b.program_id, b.kind, b.balance, b.expires_at,
				(SELECT SUM(l.remaining) FROM ledger_lot l
				 WHERE l.account_id = b.id AND l.remaining > 0 AND l.expires_at = b.expires_at) AS expiring
				FROM (SELECT a.id, a.program_id, a.kind, a.credits_posted - a.debits_posted AS balance,
				      (SELECT MIN(l.expires_at) FROM ledger_lot l
				       WHERE l.account_id = a.id AND a.kind = 'AVAILABLE' AND l.remaining > 0
				       AND l.expires_at IS NOT NULL) AS expires_at
				      FROM ledger_account a WHERE a.tenant_id = :tenant AND a.member_id = :member) b""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.query((rs, n) -> {
				OffsetDateTime expiresAt = rs.getObject("expires_at", OffsetDateTime.class);
				return new Row(new ProgramId(rs.getObject("program_id", UUID.class)),
						AccountKind.valueOf(rs.getString("kind")), rs.getLong("balance"), expiresAt == null ? null
								: new MemberBalance.Expiring(rs.getLong("expiring"), Timestamps.instant(expiresAt)));
			})
			.list();
		Map<ProgramId, Map<AccountKind, Long>> byProgram = new HashMap<>();
		Map<ProgramId, MemberBalance.Expiring> expiring = new HashMap<>();
		for (Row row : rows) {
			byProgram.computeIfAbsent(row.program(), program -> new EnumMap<>(AccountKind.class))
				.put(row.kind(), row.balance());
			if (row.expiring() != null) {
				expiring.put(row.program(), row.expiring());
			}
		}
		Map<ProgramId, MemberBalance> balances = new HashMap<>();
		byProgram.forEach((program, kinds) -> balances.put(program,
				new MemberBalance(program, kinds.getOrDefault(AccountKind.AVAILABLE, 0L),
						kinds.getOrDefault(AccountKind.PENDING, 0L), kinds.getOrDefault(AccountKind.HELD, 0L),
						expiring.get(program))));
		return balances;
	}
}
