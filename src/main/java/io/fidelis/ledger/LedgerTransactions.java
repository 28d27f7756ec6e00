package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Ids;
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
