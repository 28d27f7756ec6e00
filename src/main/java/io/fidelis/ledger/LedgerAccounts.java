package io.fidelis.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramCreated;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.MultiRowInsert;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The accounts of each program. Ids are name-based UUIDs of (program, member, kind): anyone can compute an account's
 * id, and creating it twice is harmless. System accounts are created with their program; a member's accounts on
 * their first movement.
 */
@Repository
class LedgerAccounts {

	private final JdbcClient jdbc;
	private final Clock clock;

	LedgerAccounts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	static UUID id(ProgramId program, UUID memberId, AccountKind kind) {
		String name = "fidelis:account:" + program + ":" + (memberId == null ? "system" : memberId) + ":" + kind;
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
	}

	static LedgerAccount system(ProgramId program, AccountKind kind) {
		if (kind.isMemberAccount()) {
			throw new IllegalArgumentException(kind + " is a member account");
		}
		return new LedgerAccount(id(program, null, kind), kind, null, 0, 0);
	}

	@EventListener
	void on(ProgramCreated created) {
		for (AccountKind kind : AccountKind.values()) {
			if (!kind.isMemberAccount()) {
				create(created.tenantId(), created.programId(), null, kind);
			}
		}
	}

	/**
	 * Locks a member's accounts of one program, creating those that do not exist yet, and returns them in the order
	 * of the kinds asked for. Rows are locked in the order of their ids, and runs over many members take the members
	 * in one order too, so two transactions do not wait for each other. (Only while a member's accounts are being
	 * created can two of them deadlock; the database then aborts one, and the request is retried.)
	 */
	List<LedgerAccount> lock(TenantId tenant, ProgramId program, UUID memberId, AccountKind... kinds) {
		List<AccountKey> keys = new ArrayList<>();
		for (AccountKind kind : kinds) {
			keys.add(new AccountKey(memberId, kind));
		}
		return lock(tenant, program, keys);
	}

	/** Locks the available accounts of several members of one program, as {@link #lock} does; by member. */
	Map<UUID, LedgerAccount> lockAvailable(TenantId tenant, ProgramId program, UUID... memberIds) {
		Map<UUID, LedgerAccount> byMember = new HashMap<>();
		lock(tenant, program, Arrays.stream(memberIds).map(id -> new AccountKey(id, AccountKind.AVAILABLE)).toList())
			.forEach(account -> byMember.put(account.memberId(), account));
		return byMember;
	}

	/** A member's account of the program being locked. */
	record AccountKey(UUID memberId, AccountKind kind) {
	}

	/** Locks accounts of several members of one program, as {@link #lock} does; in the order of the keys. */
	List<LedgerAccount> lock(TenantId tenant, ProgramId program, List<AccountKey> keys) {
		List<UUID> ids = keys.stream().map(key -> id(program, key.memberId(), key.kind())).toList();
		List<LedgerAccount> locked = select(ids);
		if (locked.size() < ids.size()) {
			keys.forEach(key -> create(tenant, program, key.memberId(), key.kind()));
			locked = select(ids);
		}
		List<LedgerAccount> inOrderAsked = new ArrayList<>();
		for (UUID id : ids) {
			inOrderAsked.add(locked.stream().filter(account -> account.id().equals(id)).findFirst().orElseThrow());
		}
		return inOrderAsked;
	}

	/** A member's account of a program, for {@link #lockAll}. */
	record Key(ProgramId program, UUID memberId, AccountKind kind) {

		UUID id() {
			return LedgerAccounts.id(program, memberId, kind);
		}
	}

	/**
	 * Locks the accounts of many members at once, as {@link #lock} does one member's: one statement, rows in the
	 * order of their ids; those that do not exist yet are created first, in one statement too.
	 */
	Map<UUID, LedgerAccount> lockAll(TenantId tenant, Collection<Key> keys) {
		List<UUID> ids = keys.stream().map(Key::id).distinct().toList();
		List<LedgerAccount> locked = select(ids);
		if (locked.size() < ids.size()) {
			Set<UUID> existing = locked.stream().map(LedgerAccount::id).collect(Collectors.toSet());
			MultiRowInsert missing = MultiRowInsert
				.into("ledger_account", "id", "tenant_id", "program_id", "member_id", "kind", "created_at")
				.then("ON CONFLICT DO NOTHING");
			Set<UUID> added = new HashSet<>();
			for (Key key : keys) {
				if (!existing.contains(key.id()) && added.add(key.id())) {
					missing.row(key.id(), tenant.value(), key.program().value(), key.memberId(), key.kind().name(),
							Timestamps.sql(clock.instant()));
				}
			}
			missing.execute(jdbc);
			locked = select(ids);
		}
		Map<UUID, LedgerAccount> byId = new HashMap<>();
		locked.forEach(account -> byId.put(account.id(), account));
		return byId;
	}

	LedgerAccount lock(TenantId tenant, ProgramId program, UUID memberId, AccountKind kind) {
		return lock(tenant, program, memberId, new AccountKind[] { kind }).get(0);
	}

	private List<LedgerAccount> select(List<UUID> ids) {
		return jdbc.sql("""
				SELECT id, kind, member_id, credits_posted, debits_posted, merged_into FROM ledger_account
				WHERE id IN (:ids) ORDER BY id FOR UPDATE""")
			.param("ids", ids.stream().sorted(Comparator.naturalOrder()).toList())
			.query((rs, n) -> {
				UUID mergedInto = rs.getObject("merged_into", UUID.class);
				if (mergedInto != null) {
					// The member was merged while this request was on its way (it looked them up before the merge
					// committed): their accounts take nothing more. A collision like a deadlock: the request's retry
					// looks the member up again, and reaches the one they were merged into.
					throw new ConcurrencyFailureException("member " + rs.getObject("member_id", UUID.class)
							+ " was merged into member " + mergedInto + " meanwhile");
				}
				return new LedgerAccount(rs.getObject("id", UUID.class), AccountKind.valueOf(rs.getString("kind")),
						rs.getObject("member_id", UUID.class), rs.getLong("credits_posted"),
						rs.getLong("debits_posted"));
			})
			.list();
	}

	/** Marks every account of a merged member: locking one refuses from now on (see {@link #select}). */
	void closeMerged(TenantId tenant, UUID duplicateId, UUID survivorId) {
		// The accounts of members merged into the duplicate before point to the survivor too: one hop, never a chain.
		jdbc.sql("""
				UPDATE ledger_account SET merged_into = :survivor
				WHERE tenant_id = :tenant AND (member_id = :duplicate OR merged_into = :duplicate)""")
			.param("survivor", survivorId)
			.param("tenant", tenant.value())
			.param("duplicate", duplicateId)
			.update();
	}

	/** The member who holds a member's units of the program now: the one they were merged into, or themselves. */
	UUID holder(ProgramId program, UUID memberId) {
		return jdbc.sql("SELECT merged_into FROM ledger_account WHERE id = :id")
			.param("id", id(program, memberId, AccountKind.AVAILABLE))
			.query((rs, n) -> rs.getObject("merged_into", UUID.class))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(memberId);
	}

	private void create(TenantId tenant, ProgramId program, UUID memberId, AccountKind kind) {
		jdbc.sql("""
				INSERT INTO ledger_account (id, tenant_id, program_id, member_id, kind, created_at)
				VALUES (:id, :tenant, :program, :member, :kind, :now)
				ON CONFLICT DO NOTHING""")
			.param("id", id(program, memberId, kind))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("member", memberId)
			.param("kind", kind.name())
			.param("now", Timestamps.sql(clock.instant()))
			.update();
	}
}
