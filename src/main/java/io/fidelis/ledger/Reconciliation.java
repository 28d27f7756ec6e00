package io.fidelis.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * Recomputes a program's ledger from its postings and compares: the report lists every place where the kept totals,
 * the lots or the zero sum disagree. An empty list is the proof that no unit was created or lost.
 */
@Service
public class Reconciliation {

	private final JdbcClient jdbc;

	Reconciliation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One disagreement: which check failed, on which account (null for the program as a whole), and how. */
	public record Discrepancy(String check, UUID accountId, String detail) {
	}

	/**
	 * @param memberBalances the sum of all member balances (available, pending and held) per the accounts' totals
	 * @param issued units ever issued and not taken back (minus the issuance account's balance)
	 */
	public record Report(ProgramId program, int accounts, long memberBalances, long issued,
			List<Discrepancy> discrepancies) {

		public boolean balanced() {
			return discrepancies.isEmpty();
		}
	}

	public Report reconcile(TenantId tenant, ProgramId program, boolean allowNegativeBalance) {
		List<Discrepancy> discrepancies = new ArrayList<>();
		record Account(UUID id, String kind, boolean member, long credits, long debits, long postedCredits,
				long postedDebits, long lots) {

			long balance() {
				return postedCredits - postedDebits;
			}
		}
		List<Account> accounts = jdbc.sql("""
				SELECT a.id, a.kind, a.member_id IS NOT NULL AS member, a.credits_posted, a.debits_posted,
				       COALESCE((SELECT SUM(p.amount) FROM ledger_posting p
				                 WHERE p.destination_account_id = a.id), 0) AS posted_credits,
				       COALESCE((SELECT SUM(p.amount) FROM ledger_posting p
				                 WHERE p.source_account_id = a.id), 0) AS posted_debits,
				       COALESCE((SELECT SUM(l.remaining) FROM ledger_lot l WHERE l.account_id = a.id), 0) AS lots
				FROM ledger_account a
				WHERE a.tenant_id = :tenant AND a.program_id = :program
				ORDER BY a.id""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query((rs, n) -> new Account(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getBoolean("member"), rs.getLong("credits_posted"), rs.getLong("debits_posted"),
					rs.getLong("posted_credits"), rs.getLong("posted_debits"), rs.getLong("lots")))
			.list();
		long sum = 0;
		long memberBalances = 0;
		long issued = 0;
		for (Account account : accounts) {
			// Member accounts count by their kept totals, system accounts by their postings: a drift of the totals
			// shows here as well as below.
			sum += account.member() ? account.credits() - account.debits() : account.balance();
			if (account.kind().equals(AccountKind.ISSUANCE.name())) {
				issued = -account.balance();
			}
			if (!account.member()) {
				continue;
			}
			memberBalances += account.credits() - account.debits();
			if (account.credits() != account.postedCredits() || account.debits() != account.postedDebits()) {
				discrepancies.add(new Discrepancy("totals", account.id(),
						"totals say " + account.credits() + " in, " + account.debits() + " out; postings say "
								+ account.postedCredits() + " in, " + account.postedDebits() + " out"));
			}
			// Available lots hold what is not owed; pending lots all of it; held units stay in their hold's record.
			long expectedLots = switch (AccountKind.valueOf(account.kind())) {
				case AVAILABLE -> Math.max(0, account.balance());
				case HELD -> 0;
				default -> account.balance();
			};
			if (account.lots() != expectedLots) {
				discrepancies.add(new Discrepancy("lots", account.id(),
						"lots hold " + account.lots() + " for a balance of " + account.balance()));
			}
			boolean mayBeNegative = allowNegativeBalance && account.kind().equals(AccountKind.AVAILABLE.name());
			if (account.balance() < 0 && !mayBeNegative) {
				discrepancies.add(new Discrepancy("negative-balance", account.id(),
						account.kind() + " balance is " + account.balance()));
			}
		}
		if (sum != 0) {
			discrepancies.add(new Discrepancy("zero-sum", null, "the accounts of the program sum to " + sum));
		}
		record HeldAccount(UUID id, long balance, long pendingHolds) {
		}
		jdbc.sql("""
				SELECT a.id, a.credits_posted - a.debits_posted AS balance,
				       COALESCE((SELECT SUM(h.amount) FROM ledger_hold h
				                 WHERE h.tenant_id = a.tenant_id AND h.program_id = a.program_id
				                 AND h.member_id = a.member_id AND h.status = 'PENDING'), 0) AS pending_holds
				FROM ledger_account a
				WHERE a.tenant_id = :tenant AND a.program_id = :program AND a.kind = 'HELD'""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query((rs, n) -> new HeldAccount(rs.getObject("id", UUID.class), rs.getLong("balance"),
					rs.getLong("pending_holds")))
			.list()
			.stream()
			.filter(held -> held.balance() != held.pendingHolds())
			.forEach(held -> discrepancies.add(new Discrepancy("holds", held.id(),
					"held balance is " + held.balance() + " but pending holds set " + held.pendingHolds() + " aside")));
		jdbc.sql("""
				SELECT t.id FROM ledger_transaction t
				JOIN ledger_posting p ON p.transaction_id = t.id
				JOIN ledger_account s ON s.id = p.source_account_id
				JOIN ledger_account d ON d.id = p.destination_account_id
				WHERE t.tenant_id = :tenant AND t.program_id = :program
				AND (s.program_id <> t.program_id OR d.program_id <> t.program_id
				     OR s.tenant_id <> t.tenant_id OR d.tenant_id <> t.tenant_id)""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list()
			.forEach(transaction -> discrepancies.add(new Discrepancy("cross-program", null,
					"transaction " + transaction + " moves units of another program or tenant")));
		return new Report(program, accounts.size(), memberBalances, issued, discrepancies);
	}
}
