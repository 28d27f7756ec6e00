package io.fidelis.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * The only way units move. Every operation locks the member accounts it touches, writes one transaction of postings,
 * moves the accounts' totals and lots with it, and commits all of that together or nothing.
 */
@Service
public class Ledger {

	private final LedgerAccounts accounts;
	private final LedgerTransactions transactions;
	private final Lots lots;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	Ledger(LedgerAccounts accounts, LedgerTransactions transactions, Lots lots, JdbcClient jdbc,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.transactions = transactions;
		this.lots = lots;
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Gives units to a member. If the available balance is below zero (a clawback took it there), the credit pays
	 * that debt first and only the rest becomes a lot that can be spent or expire. A credit to the available balance
	 * announces {@link UnitsAvailable}.
	 */
	@Transactional
	public Posted credit(Credit credit) {
		return creditAll(credit.tenant(), List.of(credit)).get(0);
	}

	/**
	 * Gives units to many members at once, each credit exactly as {@link #credit} gives it (a debt paid first, the
	 * rest a lot, {@link UnitsAvailable} announced), in the order given, set-based: one statement locks the accounts,
	 * one writes the transactions, one their postings, one moves the accounts' totals, one opens the lots.
	 *
	 * @return what each credit posted, in the order of the credits
	 */
	@Transactional
	public List<Posted> creditAll(TenantId tenant, List<Credit> credits) {
		if (credits.isEmpty()) {
			return List.of();
		}
		List<LedgerAccounts.Key> keys = credits.stream()
			.map(credit -> new LedgerAccounts.Key(credit.program(), credit.memberId(), destination(credit)))
			.toList();
		Map<UUID, LedgerAccount> locked = accounts.lockAll(tenant, keys);
		List<LedgerTransactions.Entry> entries = new ArrayList<>();
		for (int i = 0; i < credits.size(); i++) {
			Credit credit = credits.get(i);
			entries.add(new LedgerTransactions.Entry(credit.program(), credit.memberId(), credit.kind(),
					credit.reference(), credit.occurredAt(), credit.explanation(), List.of(new Posting(
							LedgerAccounts.system(credit.program(), credit.source()), locked.get(keys.get(i).id()),
							credit.amount()))));
		}
		List<UUID> ids = transactions.recordAll(tenant, entries);
		// Each account's balance as the credits before this one left it: a debt is paid by the first credits.
		Map<UUID, Long> balances = new HashMap<>();
		locked.forEach((id, account) -> balances.put(id, account.balance()));
		List<Lots.NewLot> opened = new ArrayList<>();
		List<Posted> posted = new ArrayList<>();
		for (int i = 0; i < credits.size(); i++) {
			Credit credit = credits.get(i);
			UUID account = keys.get(i).id();
			long balance = balances.get(account);
			long kept = credit.amount() - Math.min(credit.amount(), Math.max(0, -balance));
			balances.put(account, balance + credit.amount());
			if (kept > 0) {
				opened.add(new Lots.NewLot(credit.program(), account, ids.get(i), kept, credit.occurredAt(),
						credit.expiresAt(), credit.activatesAt()));
			}
			posted.add(new Posted(ids.get(i), credit.amount()));
		}
		lots.openAll(tenant, opened);
		for (Credit credit : credits) {
			if (destination(credit) == AccountKind.AVAILABLE) {
				events.publishEvent(new UnitsAvailable(credit.tenant(), credit.program(), credit.memberId(),
						credit.reference()));
			}
		}
		return posted;
	}

	private static AccountKind destination(Credit credit) {
		return credit.activatesAt() == null ? AccountKind.AVAILABLE : AccountKind.PENDING;
	}

	/** Takes units from a member's available balance, soonest-expiring lots first; never more than the balance. */
	@Transactional
	public Posted debit(Debit debit) {
		LedgerAccount source = accounts.lock(debit.tenant(), debit.program(), debit.memberId(),
				AccountKind.AVAILABLE);
		if (source.balance() < debit.amount()) {
			throw new InsufficientPoints(Math.max(source.balance(), 0), debit.amount());
		}
		List<LotConsumption.Take> plan = coveringPlan(source, debit.amount());
		UUID transaction = transactions.record(debit.tenant(), debit.program(), debit.memberId(), debit.kind(),
				debit.reference(), null, debit.occurredAt(), debit.explanation(), List.of(
						new Posting(source, LedgerAccounts.system(debit.program(), debit.destination()), debit.amount())));
		lots.use(debit.tenant(), transaction, plan);
		return new Posted(transaction, debit.amount());
	}

	/**
	 * Undoes {@code amount} units of a spending (a redemption or a donation): they come back from the system account
	 * they went to, into the very lots they were taken from, with their expiry (a lot that expired meanwhile expires
	 * at the next expiry run); a member merged since gets them back as the member they were merged into, in new lots
	 * with the same expiry. A debt of the member is paid first. The caller makes sure a spending is not given
	 * back twice; the ledger refuses to give back more than it took.
	 */
	@Transactional
	public Posted reverse(Reversal reversal) {
		LedgerTransactions.Header spending = transactions.find(reversal.tenant(), reversal.transactionId())
			.orElseThrow(() -> new IllegalArgumentException("no transaction " + reversal.transactionId()));
		AccountKind from = switch (spending.kind()) {
			case REDEMPTION -> AccountKind.REDEMPTION;
			case DONATION -> AccountKind.CHARITY;
			default -> throw new IllegalArgumentException(spending.kind() + " cannot be reversed");
		};
		// A member merged since the spending: the units go back to the member they were merged into.
		UUID holder = accounts.holder(spending.program(), spending.memberId());
		LedgerAccount available = accounts.lock(reversal.tenant(), spending.program(), holder, AccountKind.AVAILABLE);
		UUID transaction = transactions.record(reversal.tenant(), spending.program(), holder,
				TransactionKind.REVERSAL, reversal.reference(), spending.id(), reversal.occurredAt(),
				reversal.explanation(), List.of(new Posting(LedgerAccounts.system(spending.program(), from), available,
						reversal.amount())));
		lots.giveBack(reversal.tenant(), spending.program(), spending.id(), reversal.amount(),
				Math.max(0, -available.balance()), holder.equals(spending.memberId()) ? null : available.id());
		return new Posted(transaction, reversal.amount());
	}

	/** Moves units spent on something never used from redemption to breakage (see {@link WriteOff}). */
	@Transactional
	public Posted writeOff(WriteOff writeOff) {
		UUID transaction = transactions.record(writeOff.tenant(), writeOff.program(), writeOff.memberId(),
				TransactionKind.EXPIRY, writeOff.reference(), null, writeOff.occurredAt(), writeOff.explanation(),
				List.of(new Posting(LedgerAccounts.system(writeOff.program(), AccountKind.REDEMPTION),
						LedgerAccounts.system(writeOff.program(), AccountKind.BREAKAGE), writeOff.amount())));
		return new Posted(transaction, writeOff.amount());
	}

	/**
	 * Moves units from one member's available balance to another's in the same program, through the program's
	 * transfer account: one transaction out of the giver's statement and one into the receiver's, committed together.
	 * The units keep their expiry: each lot taken from the giver opens a lot of the receiver that expires when it did
	 * (after paying any debt of the receiver).
	 *
	 * @return the receiver's transaction
	 */
	@Transactional
	public Posted transfer(Transfer transfer) {
		Map<UUID, LedgerAccount> locked = accounts.lockAvailable(transfer.tenant(), transfer.program(),
				transfer.fromMemberId(), transfer.toMemberId());
		LedgerAccount source = locked.get(transfer.fromMemberId());
		LedgerAccount destination = locked.get(transfer.toMemberId());
		if (source.balance() < transfer.amount()) {
			throw new InsufficientPoints(Math.max(source.balance(), 0), transfer.amount());
		}
		LedgerAccount transit = LedgerAccounts.system(transfer.program(), AccountKind.TRANSFER);
		List<Lot> sourceLots = lots.open(source.id());
		List<LotConsumption.Take> plan = coveringPlan(source, transfer.amount());
		UUID sent = transactions.record(transfer.tenant(), transfer.program(), transfer.fromMemberId(),
				TransactionKind.TRANSFER, transfer.reference(), null, transfer.occurredAt(), transfer.sent(),
				List.of(new Posting(source, transit, transfer.amount())));
		lots.use(transfer.tenant(), sent, plan);
		UUID received = transactions.record(transfer.tenant(), transfer.program(), transfer.toMemberId(),
				TransactionKind.TRANSFER, transfer.reference(), null, transfer.occurredAt(), transfer.received(),
				List.of(new Posting(transit, destination, transfer.amount())));
		long debt = Math.max(0, -destination.balance());
		for (LotConsumption.Take take : plan) {
			Lot lot = sourceLots.stream()
				.filter(candidate -> candidate.id().equals(take.lotId()))
				.findFirst()
				.orElseThrow();
			long repaid = Math.min(debt, take.amount());
			debt -= repaid;
			if (take.amount() > repaid) {
				lots.open(transfer.tenant(), transfer.program(), destination.id(), received, take.amount() - repaid,
						lot.earnedAt(), lot.expiresAt(), null);
			}
		}
		return new Posted(received, transfer.amount());
	}

	/**
	 * Moves all a merged member holds in one program to the member they were merged into, through the program's
	 * transfer account: one transaction out of the duplicate's statement and one into the survivor's, committed
	 * together, explained as {@code merge.sent} and {@code merge.received}. Available units keep their lots' expiry
	 * (after paying any debt of the survivor's); pending units stay pending until their own activation; a debt of the
	 * duplicate's becomes the survivor's. Moved lots keep the earn they came from, so that a return of the
	 * duplicate's purchase takes back the very units. Writes nothing if the duplicate holds nothing; units set aside
	 * by an open hold of theirs are {@link ErrorCode#MERGE_REFUSED}.
	 */
	@Transactional
	void merge(TenantId tenant, ProgramId program, UUID duplicateId, UUID survivorId, String reference,
			Instant occurredAt, String unit) {
		List<LedgerAccount> locked = accounts.lock(tenant, program,
				List.of(new LedgerAccounts.AccountKey(duplicateId, AccountKind.AVAILABLE),
						new LedgerAccounts.AccountKey(duplicateId, AccountKind.PENDING),
						new LedgerAccounts.AccountKey(duplicateId, AccountKind.HELD),
						new LedgerAccounts.AccountKey(survivorId, AccountKind.AVAILABLE),
						new LedgerAccounts.AccountKey(survivorId, AccountKind.PENDING)));
		LedgerAccount fromAvailable = locked.get(0);
		LedgerAccount fromPending = locked.get(1);
		LedgerAccount toAvailable = locked.get(3);
		LedgerAccount toPending = locked.get(4);
		if (locked.get(2).balance() != 0) {
			throw new BusinessException(ErrorCode.MERGE_REFUSED, "Member " + duplicateId + " has "
					+ locked.get(2).balance() + " " + unit + " set aside by open holds: capture or release them first");
		}
		if (fromPending.balance() < 0) {
			throw new IllegalStateException("member " + duplicateId + " has " + fromPending.balance() + " pending");
		}
		long available = fromAvailable.balance();
		long pending = fromPending.balance();
		if (available == 0 && pending == 0) {
			return;
		}
		LedgerAccount transit = LedgerAccounts.system(program, AccountKind.TRANSFER);
		List<Posting> out = new ArrayList<>();
		List<Posting> in = new ArrayList<>();
		if (available > 0) {
			out.add(new Posting(fromAvailable, transit, available));
			in.add(new Posting(transit, toAvailable, available));
		}
		else if (available < 0) {
			out.add(new Posting(transit, fromAvailable, -available));
			in.add(new Posting(toAvailable, transit, -available));
		}
		if (pending > 0) {
			out.add(new Posting(fromPending, transit, pending));
			in.add(new Posting(transit, toPending, pending));
		}
		Map<String, String> details = new HashMap<>(Map.of("points", Long.toString(available + pending),
				"available", Long.toString(available), "pending", Long.toString(pending), ExplanationTexts.UNIT,
				unit));
		details.put("member", survivorId.toString());
		UUID sent = transactions.record(tenant, program, duplicateId, TransactionKind.TRANSFER, reference, null,
				occurredAt, new Explanation("merge.sent", details), out);
		details.put("member", duplicateId.toString());
		UUID received = transactions.record(tenant, program, survivorId, TransactionKind.TRANSFER, reference, null,
				occurredAt, new Explanation("merge.received", details), in);

		if (available > 0) {
			List<LotConsumption.Take> plan = coveringPlan(fromAvailable, available);
			Map<UUID, Lot> byId = new HashMap<>();
			lots.open(fromAvailable.id()).forEach(lot -> byId.put(lot.id(), lot));
			lots.use(tenant, sent, plan);
			long debt = Math.max(0, -toAvailable.balance());
			for (LotConsumption.Take take : plan) {
				Lot lot = byId.get(take.lotId());
				long repaid = Math.min(debt, take.amount());
				debt -= repaid;
				if (take.amount() > repaid) {
					lots.open(tenant, program, toAvailable.id(), lot.originTransactionId(), take.amount() - repaid,
							lot.earnedAt(), lot.expiresAt(), null);
				}
			}
		}
		else if (available < 0) {
			// The survivor's lots hold max(balance, 0): the debt taken on consumes them, soonest-expiring first.
			lots.use(tenant, received, LotConsumption.plan(lots.open(toAvailable.id()), -available));
		}
		for (Lot lot : lots.open(fromPending.id())) {
			lots.take(lot.id(), lot.remaining());
			lots.open(tenant, program, toPending.id(), lot.originTransactionId(), lot.remaining(), lot.earnedAt(),
					lot.expiresAt(), lot.activatesAt());
		}
		if (available > 0) {
			events.publishEvent(new UnitsAvailable(tenant, program, survivorId, reference));
		}
	}

	/** Marks the merged member's accounts: from now on they take no posting (see {@link #merge}). */
	void closeMerged(TenantId tenant, UUID duplicateId, UUID survivorId) {
		accounts.closeMerged(tenant, duplicateId, survivorId);
	}

	/** The lots a spending of {@code amount} takes, soonest-expiring first; the caller checked the balance. */
	private List<LotConsumption.Take> coveringPlan(LedgerAccount source, long amount) {
		List<LotConsumption.Take> plan = LotConsumption.plan(lots.open(source.id()), amount);
		if (LotConsumption.total(plan) != amount) {
			throw new IllegalStateException("lots of account " + source.id() + " do not cover its balance");
		}
		return plan;
	}

	/**
	 * Takes back units of an earn: what is still pending of it first, then from the available balance, that earn's
	 * own lot first. Without {@code allowNegativeBalance} it takes no more than the balance holds, and the rest is
	 * forgiven: the result says how much was taken. If the earn's member was merged since, the units are taken from
	 * the member they were merged into.
	 */
	@Transactional
	public Posted clawBack(Clawback clawback) {
		LedgerTransactions.Header earn = transactions.find(clawback.tenant(), clawback.earnTransactionId())
			.filter(header -> header.kind() == TransactionKind.EARN)
			.orElseThrow(() -> new IllegalArgumentException("no earn " + clawback.earnTransactionId()));
		// A member merged since the earn: the units, their lots with this earn as origin, are the survivor's now.
		UUID holder = accounts.holder(earn.program(), earn.memberId());
		List<LedgerAccount> locked = accounts.lock(clawback.tenant(), earn.program(), holder, AccountKind.PENDING,
				AccountKind.AVAILABLE);
		LedgerAccount pending = locked.get(0);
		LedgerAccount available = locked.get(1);
		LedgerAccount issuance = LedgerAccounts.system(earn.program(), AccountKind.ISSUANCE);
		List<Posting> postings = new ArrayList<>();

		List<Lot> stillPending = lots.open(pending.id())
			.stream()
			.filter(lot -> lot.originTransactionId().equals(earn.id()))
			.toList();
		List<LotConsumption.Take> fromPending = LotConsumption.plan(stillPending, clawback.amount());
		long takenFromPending = LotConsumption.total(fromPending);
		if (takenFromPending > 0) {
			lots.take(fromPending);
			postings.add(new Posting(pending, issuance, takenFromPending));
		}

		long rest = clawback.amount() - takenFromPending;
		long takenFromAvailable = clawback.allowNegativeBalance() ? rest
				: Math.min(rest, Math.max(0, available.balance()));
		if (takenFromAvailable > 0) {
			// Lots hold max(balance, 0); what they cannot cover takes the balance below zero.
			lots.take(LotConsumption.planReversal(lots.open(available.id()), earn.id(), takenFromAvailable));
			postings.add(new Posting(available, issuance, takenFromAvailable));
		}
		if (postings.isEmpty()) {
			return new Posted(null, 0);
		}
		long taken = takenFromPending + takenFromAvailable;
		UUID transaction = transactions.record(clawback.tenant(), earn.program(), holder, TransactionKind.CLAWBACK, clawback.reference(), earn.id(), clawback.occurredAt(),
				clawback.explanation().apply(taken), postings);
		return new Posted(transaction, taken);
	}

	/**
	 * Expires every lot of the program that is no longer valid at {@code cutoff}: what is left of it goes to
	 * breakage, in one transaction per member. Running it again finds nothing more to do.
	 */
	@Transactional
	public RunSummary expire(TenantId tenant, ProgramId program, Instant cutoff, String reference,
			Explanation explanation) {
		LedgerAccount breakage = LedgerAccounts.system(program, AccountKind.BREAKAGE);
		int members = 0;
		int lotCount = 0;
		long units = 0;
		Map<UUID, List<Lot>> byMember = byMember(lots.expiring(tenant, program, cutoff));
		for (UUID member : byMember.keySet()) {
			List<Posting> postings = new ArrayList<>();
			for (LedgerAccount account : accounts.lock(tenant, program, member, AccountKind.AVAILABLE,
					AccountKind.PENDING)) {
				// Re-read under the lock: a debit may have consumed some of these lots meanwhile.
				List<Lot> due = lots.open(account.id())
					.stream()
					.filter(lot -> lot.expiresAt() != null && !lot.expiresAt().isAfter(cutoff))
					.toList();
				long expired = due.stream().mapToLong(Lot::remaining).sum();
				if (expired > 0) {
					due.forEach(lot -> lots.take(lot.id(), lot.remaining()));
					postings.add(new Posting(account, breakage, expired));
					lotCount += due.size();
					units += expired;
				}
			}
			if (!postings.isEmpty()) {
				transactions.record(tenant, program, member, TransactionKind.EXPIRY, reference, null, cutoff,
						explanation, postings);
				members++;
			}
		}
		return new RunSummary(members, lotCount, units);
	}

	/**
	 * Makes pending lots available once their pending period is over at {@code now}, in one transaction per member.
	 * Each becomes a lot of the available account with the same expiry and origin.
	 */
	@Transactional
	public RunSummary activate(TenantId tenant, ProgramId program, Instant now, String reference,
			Explanation explanation) {
		int members = 0;
		int lotCount = 0;
		long units = 0;
		Map<UUID, List<Lot>> byMember = byMember(lots.activating(tenant, program, now));
		for (UUID member : byMember.keySet()) {
			List<LedgerAccount> locked = accounts.lock(tenant, program, member, AccountKind.PENDING,
					AccountKind.AVAILABLE);
			LedgerAccount pending = locked.get(0);
			LedgerAccount available = locked.get(1);
			List<Lot> due = lots.open(pending.id())
				.stream()
				.filter(lot -> lot.activatesAt() != null && !lot.activatesAt().isAfter(now))
				.toList();
			long activated = due.stream().mapToLong(Lot::remaining).sum();
			if (activated == 0) {
				continue;
			}
			due.forEach(lot -> lots.take(lot.id(), lot.remaining()));
			transactions.record(tenant, program, member, TransactionKind.ACTIVATION, reference, null, now,
					explanation, List.of(new Posting(pending, available, activated)));
			long debt = Math.max(0, -available.balance());
			for (Lot lot : due) {
				long repaid = Math.min(debt, lot.remaining());
				debt -= repaid;
				if (lot.remaining() > repaid) {
					lots.open(tenant, program, available.id(), lot.originTransactionId(), lot.remaining() - repaid,
							lot.earnedAt(), lot.expiresAt(), null);
				}
			}
			events.publishEvent(new UnitsAvailable(tenant, program, member, reference));
			members++;
			lotCount += due.size();
			units += activated;
		}
		return new RunSummary(members, lotCount, units);
	}

	/** The earn transactions recorded for an outside reference (a purchase's transaction id), per program. */
	public List<EarnTransaction> earnsFor(TenantId tenant, String reference) {
		return jdbc.sql("""
				SELECT t.id, t.program_id, t.member_id, SUM(p.amount) AS amount
				FROM ledger_transaction t JOIN ledger_posting p ON p.transaction_id = t.id
				WHERE t.tenant_id = :tenant AND t.reference = :reference AND t.kind = 'EARN'
				GROUP BY t.id, t.program_id, t.member_id""")
			.param("tenant", tenant.value())
			.param("reference", reference)
			.query((rs, n) -> new EarnTransaction(rs.getObject("id", UUID.class),
					new ProgramId(rs.getObject("program_id", UUID.class)), rs.getObject("member_id", UUID.class),
					rs.getLong("amount")))
			.list();
	}

	/** Members in a stable order, the order in which every multi-member operation locks them. */
	private static Map<UUID, List<Lot>> byMember(List<Lot> due) {
		Map<UUID, List<Lot>> byMember = new TreeMap<>();
		due.forEach(lot -> byMember.computeIfAbsent(lot.memberId(), member -> new ArrayList<>()).add(lot));
		return byMember;
	}
}
