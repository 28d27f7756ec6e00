package io.fidelis.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a mutating request exactly once per (tenant, idempotency key).
 * <p>
 * The key is claimed first, with {@code INSERT ... ON CONFLICT DO NOTHING}, in the same database transaction as the
 * work it guards, and the answer is stored at the end. A concurrent request with the same key waits on the unique
 * index until the first one commits or rolls back, then either finds the stored answer (a replay) or claims the key
 * itself. A refused request (any exception) rolls back its claim too, so fixing the request and retrying with the
 * same key works. The same key with a different request is {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}.
 */
@Component
public class IdempotentRequests {

	public static final String HEADER = "Idempotency-Key";
	private static final int MAX_KEY_LENGTH = 200;
	public static final int MAX_ATTEMPTS = 5;
	private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final JsonMapper json;
	private final Clock clock;

	IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Executes {@code work} once for this key, in one transaction, or returns the answer it gave the first time.
	 *
	 * @param operation names what the request does ({@code "POST /members"}); part of the request's fingerprint
	 * @param request the parsed request; its JSON is the rest of the fingerprint
	 */
	public <T> IdempotentResponse<T> execute(TenantId tenant, String key, String operation, Object request,
			Class<T> responseType, HttpStatus status, Supplier<T> work) {
		requireValidKey(key, "Idempotency-Key header");
		String fingerprint = fingerprint(operation, request);
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(tx -> executeOnce(tenant, key, fingerprint, responseType, status, work));
			}
			catch (TransientDataAccessException contention) {
				// A lock timeout or deadlock: nothing was written, so running the request again is safe. A short,
				// random pause first, so that the requests that collided do not collide again at once.
				if (attempt == MAX_ATTEMPTS) {
					throw contention;
				}
				log.debug("Retrying request {} after {}", key, contention.getMessage());
				pause(attempt);
			}
		}
	}

	/**
	 * A short, random pause before the retry of a request that collided with another (a deadlock, a lock timeout),
	 * longer at each attempt, so that the requests that collided do not collide again at once.
	 */
	public static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(5, 50) * attempt);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Validates a client-chosen key (header or event transaction id): printable ASCII, at most 200 characters. */
	public static void requireValidKey(String key, String field) {
		if (key == null || key.isEmpty()) {
			throw new BusinessException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
					field + " is required: it makes retries safe (use a UUID per operation)");
		}
		if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
			throw BusinessException.invalid(field,
					"must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
		}
	}

	private <T> IdempotentResponse<T> executeOnce(TenantId tenant, String key, String fingerprint,
			Class<T> responseType, HttpStatus status, Supplier<T> work) {
		int claimed = jdbc.sql("""
				INSERT INTO idempotency_key (tenant_id, idempotency_key, request_hash, created_at)
				VALUES (:tenant, :key, :hash, :now)
				ON CONFLICT DO NOTHING""")
			.param("tenant", tenant.value())
			.param("key", key)
			.param("hash", fingerprint)
			.param("now", Timestamps.sql(clock.instant()))
			.update();
		if (claimed == 0) {
			return replay(tenant, key, fingerprint, responseType);
		}
		T body = work.get();
		jdbc.sql("""
				UPDATE idempotency_key SET response_status = :status, response_body = :body
				WHERE tenant_id = :tenant AND idempotency_key = :key""")
			.param("status", status.value())
			.param("body", json.writeValueAsString(body))
			.param("tenant", tenant.value())
			.param("key", key)
			.update();
		return new IdempotentResponse<>(body, status, false);
	}

	private <T> IdempotentResponse<T> replay(TenantId tenant, String key, String fingerprint, Class<T> responseType) {
		StoredResponse stored = find(tenant, key).orElseThrow(
				() -> new IllegalStateException("idempotency key " + key + " conflicted but is not stored"));
		if (!stored.requestHash().equals(fingerprint)) {
			throw new BusinessException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "The key '" + key
					+ "' was first used for a different request; use a new key for a new request");
		}
		return new IdempotentResponse<>(json.readValue(stored.body(), responseType),
				HttpStatus.valueOf(stored.status()), true);
	}

	private Optional<StoredResponse> find(TenantId tenant, String key) {
		return jdbc.sql("""
				SELECT request_hash, response_status, response_body FROM idempotency_key
				WHERE tenant_id = :tenant AND idempotency_key = :key""")
			.param("tenant", tenant.value())
			.param("key", key)
			.query((rs, n) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3)))
			.optional();
	}

	/** A request answered once, as it is stored. */
	public record Stored(String fingerprint, int status, String body) {
	}

	/**
	 * The answers stored for these keys, for batch intake: what it finds here it answers from here ({@link #replay});
	 * what it does not, it executes and {@link #storeAll stores}, in the transaction of the work.
	 */
	public Map<String, Stored> stored(TenantId tenant, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<String, Stored> stored = new HashMap<>();
		jdbc.sql("""
				SELECT idempotency_key, request_hash, response_status, response_body FROM idempotency_key
				WHERE tenant_id = :tenant AND idempotency_key IN (:keys)""")
			.param("tenant", tenant.value())
			.param("keys", List.copyOf(keys))
			.query((rs, n) -> Map.entry(rs.getString(1), new Stored(rs.getString(2), rs.getInt(3), rs.getString(4))))
			.list()
			.forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
		return stored;
	}

	/** The stored answer, if the request is the same as the first; {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} if not. */
	public <T> IdempotentResponse<T> replay(String key, Stored stored, String fingerprint, Class<T> responseType) {
		if (!stored.fingerprint().equals(fingerprint)) {
			throw new BusinessException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "The key '" + key
					+ "' was first used for a different request; use a new key for a new request");
		}
		return new IdempotentResponse<>(json.readValue(stored.body(), responseType),
				HttpStatus.valueOf(stored.status()), true);
	}

	/** A request executed in a batch, to store with its answer. */
	public record Answered(String key, String fingerprint, HttpStatus status, Object body) {
	}

	/**
	 * Stores the answers of requests executed in the current transaction, in one statement. A key claimed meanwhile
	 * by a concurrent request fails the statement: the transaction rolls back, and its retry replays that answer.
	 */
	public void storeAll(TenantId tenant, List<Answered> answered) {
		Object now = Timestamps.sql(clock.instant());
		MultiRowInsert insert = MultiRowInsert.into("idempotency_key", "tenant_id", "idempotency_key", "request_hash",
				"created_at", "response_status", "response_body");
		answered.forEach(answer -> insert.row(tenant.value(), answer.key(), answer.fingerprint(), now,
				answer.status().value(), json.writeValueAsString(answer.body())));
		insert.execute(jdbc);
	}

	public String fingerprint(String operation, Object request) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(operation.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) '\n');
			sha256.update(json.writeValueAsBytes(request));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private record StoredResponse(String requestHash, int status, String body) {
	}
}
