package io.fidelis.earning;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.fidelis.earning.rules.RuleSet;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;

/**
 * Compiled rule sets, per program, so that evaluating an event reads no rules from the database. An entry is
 * dropped when this instance changes the program's rules or campaigns, when the program itself changed, and after
 * {@code fidelis.rules.cache-ttl} (5 s): other instances see a change within that time.
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

	void forget(ProgramId program) {
		entries.remove(program);
	}
}
