package io.fidelis.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.DefinitionCache;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * API keys: {@code fid_} and 43 random URL-safe characters (256 bits). Keys are stored as SHA-256 hashes: with that
 * much entropy a slow password hash adds nothing, and a fast one lets every request be authenticated by an index
 * lookup. Live keys are then kept in memory for a few seconds ({@link DefinitionCache}): a revocation takes effect at
 * once on the instance that revoked the key, and within {@code fidelis.definitions.cache-ttl} on the others.
 */
@Service
public class ApiKeys {

	private static final String KEY_PREFIX = "fid_";
	private static final int SHOWN_PREFIX_LENGTH = 12;
	private static final SecureRandom RANDOM = new SecureRandom();
	/** How stale a key's last use may be: it is written at most this often, never on every request. */
	public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final Clock clock;
	/** Live keys by hash; unknown keys are not kept, so that guessing cannot fill memory. */
	private final DefinitionCache<String, Caller> liveKeys;

	ApiKeys(JdbcClient jdbc, Clock clock, @Value("${fidelis.definitions.cache-ttl:5s}") Duration ttl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.liveKeys = new DefinitionCache<>(ttl, 10_000);
	}

	/** Creates a key; the returned secret is the only copy that will ever exist. */
	public IssuedApiKey issue(TenantId tenant, String name, Set<Scope> scopes, String storeId) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new IssuedApiKey(insert(tenant, name, scopes, storeId, key), key);
	}

	/**
	 * Makes sure this tenant has a key with exactly this secret, for automation that starts Fidelis with a known key.
	 * Idempotent: an existing key is left as it is.
	 */
	public void ensure(TenantId tenant, String name, String key) {
		Optional<TenantId> owner = jdbc.sql("SELECT tenant_id FROM api_key WHERE key_hash = :hash")
			.param("hash", hash(key))
			.query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
			.optional();
		if (owner.isEmpty()) {
			insert(tenant, name, Scope.all(), null, key);
		}
		else if (!owner.get().equals(tenant)) {
			throw new IllegalStateException("This API key already belongs to another tenant");
		}
	}

	private ApiKey insert(TenantId tenant, String name, Set<Scope> scopes, String storeId, String key) {
		ApiKey apiKey = new ApiKey(Ids.newId(clock), name, key.substring(0, SHOWN_PREFIX_LENGTH), scopes, storeId,
				clock.instant(), null, null);
		jdbc.sql("""
				INSERT INTO api_key (id, tenant_id, name, key_hash, key_prefix, scopes, store_id, created_at)
				VALUES (:id, :tenant, :name, :hash, :prefix, :scopes, :store, :createdAt)""")
			.param("id", apiKey.id())
			.param("tenant", tenant.value())
			.param("name", name)
			.param("hash", hash(key))
			.param("prefix", apiKey.prefix())
			.param("scopes", scopes.stream().map(Scope::code).sorted().collect(Collectors.joining(",")))
			.param("store", storeId)
			.param("createdAt", Timestamps.sql(apiKey.createdAt()))
			.update();
		return apiKey;
	}

	public List<ApiKey> list(TenantId tenant) {
		return jdbc.sql("""
				SELECT id, name, key_prefix, scopes, store_id, created_at, revoked_at, last_used_at FROM api_key
				WHERE tenant_id = :tenant ORDER BY created_at DESC, id DESC""")
			.param("tenant", tenant.value())
			.query(ApiKeys::apiKey)
			.list();
	}

	/** Revokes a key at once; revoking it again changes nothing. */
	public ApiKey revoke(TenantId tenant, UUID id) {
		liveKeys.forgetAll();
		jdbc.sql("""
				UPDATE api_key SET revoked_at = :now
				WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL""")
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
		return jdbc.sql("""
				SELECT id, name, key_prefix, scopes, store_id, created_at, revoked_at, last_used_at FROM api_key
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(ApiKeys::apiKey)
			.optional()
			.orElseThrow(() -> new BusinessException(ErrorCode.API_KEY_NOT_FOUND, "No API key with id " + id));
	}

	/** The caller a bearer token stands for, if it is a live key. */
	public Optional<Caller> authenticate(String key) {
		return liveKeys.find(hash(key), this::find);
	}

	/**
	 * The live key of this hash, read when the cache does not hold it, which is also when its last use is noted: a
	 * key in use is read again every cache period, so its last use is known to within that, written once a minute.
	 */
	private Optional<Caller> find(String hash) {
		Optional<Caller> caller = jdbc.sql("""
				SELECT id, tenant_id, scopes, store_id FROM api_key
				WHERE key_hash = :hash AND revoked_at IS NULL""")
			.param("hash", hash)
			.query((rs, n) -> new Caller(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class), scopes(rs.getString("scopes")), rs.getString("store_id")))
			.optional();
		caller.ifPresent(found -> {
			Instant now = clock.instant();
			// PERF: a conditional update, so that the row is written at most once a minute however busy the key.
			jdbc.sql("""
					UPDATE api_key SET last_used_at = :now
					WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :staleBefore)""")
				.param("now", Timestamps.sql(now))
				.param("staleBefore", Timestamps.sql(now.minus(LAST_USE_PRECISION)))
				.param("id", found.apiKeyId())
				.update();
		});
		return caller;
	}

	private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
				scopes(rs.getString("scopes")), rs.getString("store_id"),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("revoked_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("last_used_at", OffsetDateTime.class)));
	}

	private static Set<Scope> scopes(String codes) {
		return Arrays.stream(codes.split(",")).map(code -> Scope.find(code).orElseThrow()).collect(Collectors.toUnmodifiableSet());
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
