package io.fidelis.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Ids;
import io.fidelis.shared.MultiRowInsert;
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

	/** A lot to open with others in {@link #openAll}. */
	record NewLot(ProgramId program, UUID accountId, UUID originTransactionId, long amount, Instant earnedAt,
			Instant expiresAt, Instant activatesAt) {
	}

	/** Opens many lots, as {@link #open} does one, in one statement. */
	void openAll(TenantId tenant, List<NewLot> lots) {
		MultiRowInsert insert = MultiRowInsert.into("ledger_lot", "id", "tenant_id", "program_id", "account_id",
				"origin_transaction_id", "amount", "remaining", "earned_at", "expires_at", "activates_at");
		for (NewLot lot : lots) {
			insert.row(Ids.newId(clock), tenant.value(), lot.program().value(), lot.accountId(),
					lot.originTransactionId(), lot.amount(), lot.amount(), Timestamps.sql(lot.earnedAt()),
					Timestamps.sql(lot.expiresAt()), Timestamps.sql(lot.activatesAt()));
		}
		insert.execute(jdbc);
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

	/** Takes the plan's units from their lots for a spending transaction, and records which, to give them back. */
	void use(TenantId tenant, UUID transactionId, List<LotConsumption.Take> plan) {
		for (LotConsumption.Take take : plan) {
			take(take.lotId(), take.amount());
			jdbc.sql("""
					INSERT INTO ledger_lot_use (transaction_id, lot_id, tenant_id, amount)
					VALUES (:transaction, :lot, :tenant, :amount)""")
				.param("transaction", transactionId)
				.param("lot", take.lotId())
				.param("tenant", tenant.value())
				.param("amount", take.amount())
				.update();
		}
	}

	/**
	 * Gives back {@code amount} of what a spending transaction took, the latest-expiring units first (what a
	 * partial capture kept is what a debit would have taken). Of those, the soonest-expiring {@code debt} units pay
	 * the account's debt instead of returning to their lots. Never gives back more than was taken.
	 */
	void giveBack(UUID transactionId, long amount, long debt) {
		giveBack(null, null, transactionId, amount, debt, null);
	}

	/**
	 * As {@link #giveBack(UUID, long, long)}, but the units given back open new lots of {@code reopenIn} (with the
	 * expiry of those they were taken from) instead of refilling them: the account they were taken from was merged
	 * into another member's, {@code reopenIn}, whose debt {@code debt} is.
	 */
	void giveBack(TenantId tenant, ProgramId program, UUID transactionId, long amount, long debt, UUID reopenIn) {
		record Used(Lot lot, long left) {
		}
		List<Used> used = jdbc.sql("SELECT " + COLUMNS + """
				, u.amount - u.returned AS left_over
				FROM ledger_lot_use u JOIN ledger_lot l ON l.id = u.lot_id JOIN ledger_account a ON a.id = l.account_id
				WHERE u.transaction_id = :transaction AND u.amount > u.returned""")
			.param("transaction", transactionId)
			.query((rs, n) -> new Used(lot(rs, n), rs.getLong("left_over")))
			.list()
			.stream()
			.sorted(Comparator.comparing(Used::lot, LotConsumption.SOONEST_EXPIRING).reversed())
			.toList();
		List<Used> returned = new ArrayList<>();
		long left = amount;
		for (Used use : used) {
			long back = Math.min(left, use.left());
			if (back > 0) {
				returned.add(new Used(use.lot(), back));
				left -= back;
			}
		}
		if (left > 0) {
			throw new IllegalStateException("transaction " + transactionId + " took less than " + amount);
		}
		Collections.reverse(returned);
		long toDebt = debt;
		for (Used back : returned) {
			long paysDebt = Math.min(toDebt, back.left());
			toDebt -= paysDebt;
			jdbc.sql("UPDATE ledger_lot_use SET returned = returned + :back WHERE transaction_id = :transaction "
					+ "AND lot_id = :lot")
				.param("back", back.left())
				.param("transaction", transactionId)
				.param("lot", back.lot().id())
				.update();
			if (back.left() > paysDebt && reopenIn != null) {
				open(tenant, program, reopenIn, back.lot().originTransactionId(), back.left() - paysDebt,
						back.lot().earnedAt(), back.lot().expiresAt(), null);
			}
			else if (back.left() > paysDebt) {
				jdbc.sql("UPDATE ledger_lot SET remaining = remaining + :back WHERE id = :id")
					.param("back", back.left() - paysDebt)
					.param("id", back.lot().id())
					.update();
			}
		}
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
