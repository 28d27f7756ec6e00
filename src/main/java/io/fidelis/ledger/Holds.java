package io.fidelis.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Two-phase spending, as payment ledgers do it: a hold moves units from the member's available account to their held
 * account; capturing posts them on to redemption (and what was not spent back), releasing or expiring posts them all
 * back into the lots they came from. A hold's row is locked before its member's accounts, by every operation, so
 * that a capture, a release and the expiry job never both succeed.
 */
@Service
public class Holds {

	private static final String COLUMNS = """
			tenant_id, id, program_id, member_id, amount, captured, status, reference, expires_at, created_at, resolved_at,
			hold_transaction_id""";

	private final LedgerAccounts accounts;
	private final LedgerTransactions transactions;
	private final Lots lots;
	private final JdbcClient jdbc;
	private final TransactionTemplate inTransaction;
	private final Clock clock;

	Holds(LedgerAccounts accounts, LedgerTransactions transactions, Lots lots, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.accounts = accounts;
		this.transactions = transactions;
		this.lots = lots;
		this.jdbc = jdbc;
		this.inTransaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Sets units aside; refused with insufficient-points beyond the available balance. */
	@Transactional
	public Hold place(HoldRequest request) {
		List<LedgerAccount> locked = accounts.lock(request.tenant(), request.program(), request.memberId(),
				AccountKind.AVAILABLE, AccountKind.HELD);
		LedgerAccount available = locked.get(0);
		if (available.balance() < request.amount()) {
			throw new InsufficientPoints(Math.max(available.balance(), 0), request.amount());
		}
		List<LotConsumption.Take> plan = LotConsumption.plan(lots.open(available.id()), request.amount());
		Instant now = clock.instant();
		UUID transaction = transactions.record(request.tenant(), request.program(), request.memberId(),
				TransactionKind.HOLD, request.reference(), null, now, request.explanation(),
				List.of(new Posting(available, locked.get(1), request.amount())));
		lots.use(request.tenant(), transaction, plan);
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO ledger_hold (id, tenant_id, program_id, member_id, amount, status, reference,
				hold_transaction_id, expires_at, created_at)
				VALUES (:id, :tenant, :program, :member, :amount, 'PENDING', :reference, :transaction, :expiresAt, :now)""")
			.param("id", id)
			.param("tenant", request.tenant().value())
			.param("program", request.program().value())
			.param("member", request.memberId())
			.param("amount", request.amount())
			.param("reference", request.reference())
			.param("transaction", transaction)
			.param("expiresAt", Timestamps.sql(request.expiresAt()))
			.param("now", Timestamps.sql(now))
			.update();
		return new Hold(id, request.program(), request.memberId(), request.amount(), 0, HoldStatus.PENDING,
				request.reference(), request.expiresAt(), now, null);
	}

	public Optional<Hold> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_hold WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Holds::row)
			.optional()
			.map(Row::hold);
	}

	/**
	 * Spends {@code amount} of a pending hold (at most what it holds) and gives the rest back, in one transaction.
	 * Refused once the hold is resolved or past its expiry.
	 */
	@Transactional
	public Hold capture(TenantId tenant, UUID id, long amount, Explanation explanation) {
		Row row = lockPending(tenant, id);
		if (amount <= 0 || amount > row.hold().amount()) {
			throw new BusinessException(ErrorCode.CAPTURE_EXCEEDS_HOLD,
					"The hold sets " + row.hold().amount() + " aside; " + amount + " cannot be captured");
		}
		return resolve(tenant, row, amount, HoldStatus.CAPTURED, TransactionKind.CAPTURE, explanation);
	}

	/** Gives a pending hold's units back. Refused once the hold is resolved or past its expiry. */
	@Transactional
	public Hold release(TenantId tenant, UUID id, Explanation explanation) {
		return resolve(tenant, lockPending(tenant, id), 0, HoldStatus.RELEASED, TransactionKind.RELEASE, explanation);
	}

	/**
	 * Gives back the units of every pending hold whose time ran out by {@code now}, one transaction per hold (a
	 * failure leaves the others done). Running it again finds nothing more to do.
	 *
	 * @return how many holds expired
	 */
	public int expireDue(Instant now, BiFunction<TenantId, Hold, Explanation> explanation) {
		List<UUID> due = jdbc.sql("""
				SELECT id FROM ledger_hold WHERE status = 'PENDING' AND expires_at <= :now ORDER BY expires_at""")
			.param("now", Timestamps.sql(now))
			.query(UUID.class)
			.list();
		int expired = 0;
		for (UUID id : due) {
			if (Boolean.TRUE.equals(inTransaction.execute(status -> expireOne(id, now, explanation)))) {
				expired++;
			}
		}
		return expired;
	}

	private boolean expireOne(UUID id, Instant now, BiFunction<TenantId, Hold, Explanation> explanation) {
		Optional<Row> row = jdbc.sql("SELECT " + COLUMNS + " FROM ledger_hold WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(Holds::row)
			.optional()
			.filter(candidate -> candidate.hold().status() == HoldStatus.PENDING)
			.filter(candidate -> !candidate.hold().expiresAt().isAfter(now));
		row.ifPresent(due -> resolve(due.tenant(), due, 0, HoldStatus.EXPIRED, TransactionKind.RELEASE,
				explanation.apply(due.tenant(), due.hold())));
		return row.isPresent();
	}

	private Row lockPending(TenantId tenant, UUID id) {
		Row row = jdbc.sql("SELECT " + COLUMNS
				+ " FROM ledger_hold WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Holds::row)
			.optional()
			.orElseThrow(() -> new BusinessException(ErrorCode.HOLD_NOT_FOUND, "No hold " + id));
		if (row.hold().status() != HoldStatus.PENDING) {
			throw new BusinessException(ErrorCode.HOLD_RESOLVED,
					"The hold is already " + row.hold().status().name().toLowerCase(Locale.ROOT));
		}
		if (!row.hold().expiresAt().isAfter(clock.instant())) {
			throw new BusinessException(ErrorCode.HOLD_EXPIRED,
					"The hold expired at " + row.hold().expiresAt() + "; its units go back to the member");
		}
		return row;
	}

	/** Posts a pending hold's units: {@code spent} to redemption, the rest back to the member's lots. */
	private Hold resolve(TenantId tenant, Row row, long spent, HoldStatus status, TransactionKind kind,
			Explanation explanation) {
		Hold hold = row.hold();
		List<LedgerAccount> locked = accounts.lock(tenant, hold.program(), hold.memberId(), AccountKind.AVAILABLE,
				AccountKind.HELD);
		LedgerAccount available = locked.get(0);
		LedgerAccount held = locked.get(1);
		long back = hold.amount() - spent;
		List<Posting> postings = new ArrayList<>();
		if (spent > 0) {
			postings.add(new Posting(held, LedgerAccounts.system(hold.program(), AccountKind.REDEMPTION), spent));
		}
		if (back > 0) {
			postings.add(new Posting(held, available, back));
		}
		Instant now = clock.instant();
		UUID transaction = transactions.record(tenant, hold.program(), hold.memberId(), kind, hold.reference(),
				row.transactionId(), now, explanation, postings);
		if (back > 0) {
			lots.giveBack(row.transactionId(), back, Math.max(0, -available.balance()));
		}
		int updated = jdbc.sql("""
				UPDATE ledger_hold SET status = :status, captured = :spent, resolution_transaction_id = :transaction,
				resolved_at = :now WHERE id = :id AND status = 'PENDING'""")
			.param("status", status.name())
			.param("spent", spent)
			.param("transaction", transaction)
			.param("now", Timestamps.sql(now))
			.param("id", hold.id())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("hold " + hold.id() + " changed under its lock");
		}
		return new Hold(hold.id(), hold.program(), hold.memberId(), hold.amount(), spent, status, hold.reference(),
				hold.expiresAt(), hold.createdAt(), now);
	}

	private record Row(TenantId tenant, Hold hold, UUID transactionId) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(new TenantId(rs.getObject("tenant_id", UUID.class)),
				new Hold(rs.getObject("id", UUID.class), new ProgramId(rs.getObject("program_id", UUID.class)),
						rs.getObject("member_id", UUID.class), rs.getLong("amount"), rs.getLong("captured"),
						HoldStatus.valueOf(rs.getString("status")), rs.getString("reference"),
						Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)),
						Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
						Timestamps.instant(rs.getObject("resolved_at", OffsetDateTime.class))),
				rs.getObject("hold_transaction_id", UUID.class));
	}
}
