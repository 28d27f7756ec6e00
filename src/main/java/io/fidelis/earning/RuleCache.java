package io.fidelis.earning;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.fidelis.earning.rules.RuleSet;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;

/**
 * Compiled rule sets, per program, so that evaluating an event reads no rules from the database. An entry is
 * dropped when this instance changes the program's rules or campaigns, when the program itself changed, and after
 * {@code fidelis.rules.cache-ttl} (5 s): other instances see a change within that time.
 * <p>
 * A transaction that changed a program's rules reads them afresh and keeps nothing here: what it sees is not
 * committed, and may never be (a simulation of a rule as edited is rolled back). The entry is dropped again when it
 * ends, so that a rule set another request read before the commit is not kept after it.
 */
@Component
class RuleCache {

	private record Entry(RuleSet rules, Instant programUpdatedAt, long loadedAtNanos) {
	}

	private final Map<ProgramId, Entry> entries = new ConcurrentHashMap<>();
	private final long ttlNanos;

	RuleCache(@Value("${fidelis.rules.cache-ttl:5s}") Duration ttl) {
		this.ttlNanos = ttl.toNanos();
	}

	RuleSet get(Program program, Supplier<RuleSet> load) {
		if (changedInThisTransaction().contains(program.id())) {
			return load.get();
		}
		Entry entry = entries.get(program.id());
		// The TTL is technical, not business time: it follows the machine's monotonic clock.
		long now = System.nanoTime();
		if (entry == null || !entry.programUpdatedAt().equals(program.updatedAt())
				|| now - entry.loadedAtNanos() > ttlNanos) {
			entry = new Entry(load.get(), program.updatedAt(), now);
			entries.put(program.id(), entry);
		}
		return entry.rules();
	}

	/** The program's rules or campaigns are changing: now, and again when the transaction changing them ends. */
	void forget(ProgramId program) {
		entries.remove(program);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		@SuppressWarnings("unchecked")
		Set<ProgramId> changed = (Set<ProgramId>) TransactionSynchronizationManager.getResource(this);
		if (changed == null) {
			Set<ProgramId> programs = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this, programs);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(RuleCache.this);
					programs.forEach(entries::remove);
				}
			});
			changed = programs;
		}
		changed.add(program);
	}

	@SuppressWarnings("unchecked")
	private Set<ProgramId> changedInThisTransaction() {
		Object changed = TransactionSynchronizationManager.getResource(this);
		return changed == null ? Set.of() : (Set<ProgramId>) changed;
	}
}
