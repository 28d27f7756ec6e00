package io.fidelis.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** The lots of member accounts. Callers hold the lock of the account whose lots they read or change. */
@Repository
class Lots {

	private static final String COLUMNS = """
			l.id, l.account_id, a.member_id, l.origin_transaction_id, l.amount, l.remaining, l.earned_at,
			l.expires_at, l.activates_at""";

	private final JdbcClient jdbc;
	private final Clock clock;

	Lots(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void open(TenantId tenant, ProgramId program, UUID accountId, UUID originTransactionId, long amount,
			Instant earnedAt, Instant expiresAt, Instant activatesAt) {
		jdbc.sql("""
				INSERT INTO ledger_lot (id, tenant_id, program_id, account_id, origin_transaction_id, amount, remaining,
				earned_at, expires_at, activates_at)
				VALUES (:id, :tenant, :program, :account, :origin, :amount, :amount, :earnedAt, :expiresAt,
				:activatesAt)""")
			.param("id", Ids.newId(clock))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("account", accountId)
			.param("origin", originTransactionId)
			.param("amount", amount)
			.param("earnedAt", Timestamps.sql(earnedAt))
			.param("expiresAt", Timestamps.sql(expiresAt))
			.param("activatesAt", Timestamps.sql(activatesAt))
			.update();
	}

	/** The lots of an account that still hold units. */
	List<Lot> open(UUID accountId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM ledger_lot l JOIN ledger_account a ON a.id = l.account_id
				WHERE l.account_id = :account AND l.remaining > 0""")
			.param("account", accountId)
			.query(Lots::lot)
			.list();
	}

	/** Lots of a program that still hold units and stop being valid at or before {@code cutoff}. */
	List<Lot> expiring(TenantId tenant, ProgramId program, Instant cutoff) {
		return due(tenant, program, "expires_at", cutoff);
	}

	/** Pending lots of a program that still hold units and are due to become available at or before {@code now}. */
	List<Lot> activating(TenantId tenant, ProgramId program, Instant now) {
		return due(tenant, program, "activates_at", now);
	}

	private List<Lot> due(TenantId tenant, ProgramId program, String dueColumn, Instant instant) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM ledger_lot l JOIN ledger_account a ON a.id = l.account_id
				WHERE l.tenant_id = :tenant AND l.program_id = :program AND l.remaining > 0
				AND l.""" + dueColumn + " <= :instant")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("instant", Timestamps.sql(instant))
			.query(Lots::lot)
			.list();
	}

	void take(UUID lotId, long amount) {
		int updated = jdbc.sql("UPDATE ledger_lot SET remaining = remaining - :amount WHERE id = :id "
				+ "AND remaining >= :amount")
			.param("amount", amount)
			.param("id", lotId)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("lot " + lotId + " holds less than " + amount);
		}
	}

	void take(List<LotConsumption.Take> plan) {
		plan.forEach(take -> take(take.lotId(), take.amount()));
	}

	private static Lot lot(ResultSet rs, int row) throws SQLException {
		return new Lot(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("member_id", UUID.class), rs.getObject("origin_transaction_id", UUID.class),
				rs.getLong("amount"), rs.getLong("remaining"),
				Timestamps.instant(rs.getObject("earned_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("activates_at", OffsetDateTime.class)));
	}
}
