package io.fidelis.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The operators of every tenant, and their log-in. Passwords are hashed with Argon2id (memory-hard, 16 MiB, two
 * passes), stored with the name of the algorithm so that a stronger one can replace it later. After
 * {@value #MAX_FAILED_LOGINS} failed log-ins in a row an operator is locked for {@link #LOCK_DURATION}: while locked,
 * not even the right password lets them in, so guessing cannot go on in the background.
 */
@Service
public class Operators {

	static final int MAX_FAILED_LOGINS = 5;
	static final Duration LOCK_DURATION = Duration.ofMinutes(15);
	static final int MIN_PASSWORD_LENGTH = 10;
	static final int MAX_PASSWORD_LENGTH = 128;

	private static final String COLUMNS = """
			tenant_id, id, email, name, role, disabled_at, locked_until, last_login_at, created_at""";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final PasswordEncoder passwords = new DelegatingPasswordEncoder("argon2",
			Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
	/** Checked against when the e-mail is unknown, so that the answer takes as long as for a known one. */
	private final String unknownOperatorHash = passwords.encode("no operator has this password");

	Operators(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public Operator create(TenantId tenant, String email, String name, Role role, String password) {
		String address = normalizedEmail(email);
		String shownName = name == null || name.isBlank() ? address : name.strip();
		if (shownName.length() > 200) {
			throw BusinessException.invalid("name", "must be at most 200 characters");
		}
		checkPassword("password", password);
		Instant now = clock.instant();
		Operator operator = new Operator(tenant, Ids.newId(clock), address, shownName, role, false, null, null, now);
		try {
			jdbc.sql("""
					INSERT INTO operator (tenant_id, id, email, name, role, password_hash, created_at)
					VALUES (:tenant, :id, :email, :name, :role, :hash, :createdAt)""")
				.param("tenant", tenant.value())
				.param("id", operator.id())
				.param("email", address)
				.param("name", shownName)
				.param("role", role.code())
				.param("hash", passwords.encode(password))
				.param("createdAt", Timestamps.sql(now))
				.update();
		}
		catch (DuplicateKeyException taken) {
			throw new BusinessException(ErrorCode.OPERATOR_EXISTS,
					"An operator with the e-mail address " + address + " already exists");
		}
		return operator;
	}

	/**
	 * Checks an e-mail address and password, counting failures: the fifth in a row locks the operator. A lock that has
	 * run out gives a fresh count.
	 */
	@Transactional
	public LogIn logIn(String email, String password) {
		if (email == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
			return LogIn.of(LogIn.Outcome.WRONG_CREDENTIALS);
		}
		Optional<Credentials> found = jdbc.sql("SELECT " + COLUMNS + ", password_hash, failed_logins FROM operator "
				+ "WHERE email = :email FOR UPDATE")
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.query((rs, row) -> new Credentials(operator(rs, row), rs.getString("password_hash"),
					rs.getInt("failed_logins")))
			.optional();
		if (found.isEmpty()) {
			passwords.matches(password, unknownOperatorHash);
			return LogIn.of(LogIn.Outcome.WRONG_CREDENTIALS);
		}
		Operator operator = found.get().operator();
		Instant now = clock.instant();
		if (operator.lockedAt(now)) {
			return LogIn.of(LogIn.Outcome.LOCKED);
		}
		if (!passwords.matches(password, found.get().passwordHash())) {
			int failed = operator.lockedUntil() == null ? found.get().failedLogins() + 1 : 1;
			jdbc.sql("UPDATE operator SET failed_logins = :failed, locked_until = :lockedUntil "
					+ "WHERE tenant_id = :tenant AND id = :id")
				.param("failed", failed)
				.param("lockedUntil", failed >= MAX_FAILED_LOGINS ? Timestamps.sql(now.plus(LOCK_DURATION)) : null)
				.param("tenant", operator.tenantId().value())
				.param("id", operator.id())
				.update();
			return LogIn.of(failed >= MAX_FAILED_LOGINS ? LogIn.Outcome.LOCKED : LogIn.Outcome.WRONG_CREDENTIALS);
		}
		if (operator.disabled()) {
			return LogIn.of(LogIn.Outcome.DISABLED);
		}
		jdbc.sql("UPDATE operator SET failed_logins = 0, locked_until = NULL, last_login_at = :now "
				+ "WHERE tenant_id = :tenant AND id = :id")
			.param("now", Timestamps.sql(now))
			.param("tenant", operator.tenantId().value())
			.param("id", operator.id())
			.update();
		return new LogIn(LogIn.Outcome.SUCCEEDED, operator);
	}

	public Optional<Operator> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Operators::operator)
			.optional();
	}

	public Operator get(TenantId tenant, UUID id) {
		return find(tenant, id).orElseThrow(() -> new BusinessException(ErrorCode.OPERATOR_NOT_FOUND,
				"No operator " + id + " in this tenant"));
	}

	/** A tenant's operators by e-mail address; a tenant has a handful, never thousands. */
	public List<Operator> list(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE tenant_id = :tenant ORDER BY email")
			.param("tenant", tenant.value())
			.query(Operators::operator)
			.list();
	}

	@Transactional
	public Operator changeRole(TenantId tenant, UUID id, Role role) {
		Operator operator = lock(tenant, id);
		if (operator.role() == Role.OWNER && role != Role.OWNER) {
			requireAnotherOwner(operator);
		}
		jdbc.sql("UPDATE operator SET role = :role WHERE tenant_id = :tenant AND id = :id")
			.param("role", role.code())
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
		return get(tenant, id);
	}

	/** Takes an operator's access away, or gives it back; their sessions end at their next request. */
	@Transactional
	public Operator setDisabled(TenantId tenant, UUID id, boolean disabled) {
		Operator operator = lock(tenant, id);
		if (disabled && operator.role() == Role.OWNER) {
			requireAnotherOwner(operator);
		}
		jdbc.sql("UPDATE operator SET disabled_at = :at, failed_logins = 0, locked_until = NULL "
				+ "WHERE tenant_id = :tenant AND id = :id")
			.param("at", disabled ? Timestamps.sql(clock.instant()) : null)
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
		return get(tenant, id);
	}

	/** An operator changes their own password, proving they know the current one. */
	@Transactional
	public void changePassword(TenantId tenant, UUID id, String current, String replacement) {
		lock(tenant, id);
		String hash = jdbc.sql("SELECT password_hash FROM operator WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(String.class)
			.single();
		if (current == null || !passwords.matches(current, hash)) {
			throw new BusinessException(ErrorCode.WRONG_PASSWORD, "The current password is not this one");
		}
		setPassword(tenant, id, replacement);
	}

	/** An owner sets a new password for an operator (who forgot theirs), which also lifts a lock. */
	@Transactional
	public void setPassword(TenantId tenant, UUID id, String password) {
		checkPassword("password", password);
		lock(tenant, id);
		jdbc.sql("UPDATE operator SET password_hash = :hash, failed_logins = 0, locked_until = NULL "
				+ "WHERE tenant_id = :tenant AND id = :id")
			.param("hash", passwords.encode(password))
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
	}

	private Operator lock(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Operators::operator)
			.optional()
			.orElseThrow(() -> new BusinessException(ErrorCode.OPERATOR_NOT_FOUND, "No operator " + id
					+ " in this tenant"));
	}

	/** Sanity: a tenant without an active owner could never again manage its operators or keys. */
	private void requireAnotherOwner(Operator leaving) {
		List<UUID> owners = jdbc.sql("""
				SELECT id FROM operator WHERE tenant_id = :tenant AND role = 'owner' AND disabled_at IS NULL
				ORDER BY id FOR UPDATE""")
			.param("tenant", leaving.tenantId().value())
			.query(UUID.class)
			.list();
		if (owners.stream().noneMatch(owner -> !owner.equals(leaving.id()))) {
			throw new BusinessException(ErrorCode.LAST_OWNER,
					leaving.email() + " is the tenant's only active owner; make another operator owner first");
		}
	}

	static String normalizedEmail(String email) {
		String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
		if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw BusinessException.invalid("email", "is not an e-mail address");
		}
		return address;
	}

	/** Length is what makes a password strong; no rules on character classes (NIST SP 800-63B). */
	static void checkPassword(String field, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
			throw BusinessException.invalid(field, "must be at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		if (password.length() > MAX_PASSWORD_LENGTH) {
			throw BusinessException.invalid(field, "must be at most " + MAX_PASSWORD_LENGTH + " characters");
		}
	}

	private static Operator operator(ResultSet rs, int row) throws SQLException {
		return new Operator(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
				rs.getString("email"), rs.getString("name"), Role.find(rs.getString("role")).orElseThrow(),
				rs.getObject("disabled_at") != null, instant(rs, "locked_until"), instant(rs, "last_login_at"),
				instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : Timestamps.instant(value);
	}

	private record Credentials(Operator operator, String passwordHash, int failedLogins) {
	}
}
