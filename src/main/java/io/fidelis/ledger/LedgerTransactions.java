package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Ids;
import io.fidelis.shared.MultiRowInsert;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** Writes transactions with their postings, and keeps member accounts' totals in step with them. */
@Repository
class LedgerTransactions {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	LedgerTransactions(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** A transaction as other operations need it: what it was and whom it concerned. */
	record Header(UUID id, ProgramId program, UUID memberId, TransactionKind kind) {
	}

	/**
	 * Records a transaction and its postings and moves the totals of the member accounts they touch. The caller holds
	 * the locks of those accounts.
	 */
	UUID record(TenantId tenant, ProgramId program, UUID memberId, TransactionKind kind, String reference,
			UUID reversalOf, Instant occurredAt, Explanation explanation, List<Posting> postings) {
		if (postings.isEmpty()) {
			throw new IllegalArgumentException("a transaction has at least one posting");
		}
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO ledger_transaction (id, tenant_id, program_id, member_id, kind, reference, reversal_of,
				occurred_at, created_at, explanation)
				VALUES (:id, :tenant, :program, :member, :kind, :reference, :reversalOf, :occurredAt, :createdAt,
				:explanation)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", memberId)
			.param("kind", kind.name())
			.param("reference", reference)
			.param("reversalOf", reversalOf)
			.param("occurredAt", Timestamps.sql(occurredAt))
			.param("createdAt", Timestamps.sql(clock.instant()))
			.param("explanation", json.writeValueAsString(explanation))
			.update();
		for (int line = 0; line < postings.size(); line++) {
			Posting posting = postings.get(line);
			jdbc.sql("""
					INSERT INTO ledger_posting (transaction_id, line, tenant_id, source_account_id,
					destination_account_id, amount)
					VALUES (:transaction, :line, :tenant, :source, :destination, :amount)""")
				.param("transaction", id)
				.param("line", line)
				.param("tenant", tenant.value())
				.param("source", posting.source().id())
				.param("destination", posting.destination().id())
				.param("amount", posting.amount())
				.update();
			if (posting.source().kind().isMemberAccount()) {
				moveTotals(posting.source().id(), 0, posting.amount());
			}
			if (posting.destination().kind().isMemberAccount()) {
				moveTotals(posting.destination().id(), posting.amount(), 0);
			}
		}
		return id;
	}

	/** A transaction to record with others in {@link #recordAll}. */
	record Entry(ProgramId program, UUID memberId, TransactionKind kind, String reference, Instant occurredAt,
			Explanation explanation, List<Posting> postings) {
	}

	/**
	 * Records many transactions as {@link #record} does one, set-based: one statement for the transactions, one for
	 * their postings, one moving the totals of every member account they touch. The caller holds the locks.
	 *
	 * @return the transactions' ids, in the order of the entries
	 */
	List<UUID> recordAll(TenantId tenant, List<Entry> entries) {
		Instant now = clock.instant();
		MultiRowInsert transactions = MultiRowInsert.into("ledger_transaction", "id", "tenant_id", "program_id",
				"member_id", "kind", "reference", "reversal_of", "occurred_at", "created_at", "explanation");
		MultiRowInsert postings = MultiRowInsert.into("ledger_posting", "transaction_id", "line", "tenant_id",
				"source_account_id", "destination_account_id", "amount");
		Map<UUID, long[]> totals = new TreeMap<>();
		List<UUID> ids = new ArrayList<>();
		for (Entry entry : entries) {
			if (entry.postings().isEmpty()) {
				throw new IllegalArgumentException("a transaction has at least one posting");
			}
			UUID id = Ids.newId(clock);
			ids.add(id);
			transactions.row(id, tenant.value(), entry.program().value(), entry.memberId(), entry.kind().name(),
					entry.reference(), null, Timestamps.sql(entry.occurredAt()), Timestamps.sql(now),
					json.writeValueAsString(entry.explanation()));
			for (int line = 0; line < entry.postings().size(); line++) {
				Posting posting = entry.postings().get(line);
				postings.row(id, line, tenant.value(), posting.source().id(), posting.destination().id(),
						posting.amount());
				if (posting.source().kind().isMemberAccount()) {
					totals.computeIfAbsent(posting.source().id(), account -> new long[2])[1] += posting.amount();
				}
				if (posting.destination().kind().isMemberAccount()) {
					totals.computeIfAbsent(posting.destination().id(), account -> new long[2])[0] += posting.amount();
				}
			}
		}
		transactions.execute(jdbc);
		postings.execute(jdbc);
		moveTotals(totals);
		return ids;
	}

	/** Adds to each account's credits and debits ({@code [credits, debits]}), in one statement. */
	private void moveTotals(Map<UUID, long[]> totals) {
		if (totals.isEmpty()) {
			return;
		}
		StringBuilder credits = new StringBuilder("CASE id");
		StringBuilder debits = new StringBuilder("CASE id");
		List<Object> params = new ArrayList<>();
		List<Object> debitParams = new ArrayList<>();
		totals.forEach((account, moved) -> {
			credits.append(" WHEN ? THEN CAST(? AS BIGINT)");
			params.add(account);
			params.add(moved[0]);
			debits.append(" WHEN ? THEN CAST(? AS BIGINT)");
			debitParams.add(account);
			debitParams.add(moved[1]);
		});
		params.addAll(debitParams);
		params.addAll(totals.keySet());
		int updated = jdbc.sql("UPDATE ledger_account SET credits_posted = credits_posted + " + credits
				+ " ELSE 0 END, debits_posted = debits_posted + " + debits + " ELSE 0 END WHERE id IN ("
				+ String.join(", ", Collections.nCopies(totals.size(), "?")) + ")")
			.params(params)
			.update();
		if (updated != totals.size()) {
			throw new IllegalStateException("moved the totals of " + updated + " ledger accounts, not " + totals.size());
		}
	}

	Optional<Header> find(TenantId tenant, UUID id) {
		return jdbc.sql("""
				SELECT id, program_id, member_id, kind FROM ledger_transaction WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, n) -> new Header(rs.getObject("id", UUID.class),
					new ProgramId(rs.getObject("program_id", UUID.class)), rs.getObject("member_id", UUID.class),
					TransactionKind.valueOf(rs.getString("kind"))))
			.optional();
	}

	private void moveTotals(UUID accountId, long credits, long debits) {
		int updated = jdbc.sql("""
				UPDATE ledger_account SET credits_posted = credits_posted + :credits,
				debits_posted = debits_posted + :debits WHERE id = :id""")
			.param("credits", credits)
			.param("debits", debits)
			.param("id", accountId)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("no ledger account " + accountId);
		}
	}
}
