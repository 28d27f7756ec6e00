package io.fidelis.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read-mostly definitions (API keys, programs, ladders) kept in memory so that the hot paths, an earn or a balance
 * read, do not read them from the database on every request. An entry is dropped when this instance changes what it
 * holds ({@link #forget}), and after a time to live: other instances see a change within that time, as they see
 * rule changes ({@code fidelis.definitions.cache-ttl}, 5 s).
 * <p>
 * What decides an outcome under concurrency (balances, stock, limits) is never cached: it is read under a row lock.
 */
public final class DefinitionCache<K, V> {

	private record Entry<V>(V value, long loadedAtNanos) {
	}

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
	private final long ttlNanos;
	private final int maxEntries;

	/** @param maxEntries beyond it the cache starts over: a bound, not a policy (tenants are few) */
	public DefinitionCache(Duration ttl, int maxEntries) {
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	public V get(K key, Function<K, V> load) {
		return find(key, k -> Optional.of(load.apply(k))).orElseThrow();
	}

	/** Like {@link #get}, but what is not found is not kept: it is looked for again next time. */
	public Optional<V> find(K key, Function<K, Optional<V>> load) {
		// The TTL is technical, not business time: it follows the machine's monotonic clock.
		long now = System.nanoTime();
		Entry<V> entry = entries.get(key);
		if (entry != null && now - entry.loadedAtNanos() <= ttlNanos) {
			return Optional.of(entry.value());
		}
		Optional<V> loaded = load.apply(key);
		if (loaded.isPresent()) {
			if (entries.size() >= maxEntries) {
				entries.clear();
			}
			entries.put(key, new Entry<>(loaded.get(), now));
		}
		else {
			entries.remove(key);
		}
		return loaded;
	}

	/**
	 * Drops the key now and again when the current transaction ends: a request that read the entry meanwhile may have
	 * seen the definition before the change was committed, or a change that was then rolled back.
	 */
	public void forget(K key) {
		entries.remove(key);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					entries.remove(key);
				}
			});
		}
	}

	public void forgetAll() {
		entries.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					entries.clear();
				}
			});
		}
	}
}
