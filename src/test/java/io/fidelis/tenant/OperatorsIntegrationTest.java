package io.fidelis.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** Operators' accounts: hashed passwords, the lock after repeated failures, and the owner a tenant always keeps. */
@IntegrationTest
class OperatorsIntegrationTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	TestTenant tenant;
	String email;

	@BeforeEach
	void operator() {
		tenant = tenants.create();
		email = "op-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Op", Role.MANAGER, PASSWORD);
	}

	@Test
	void storesAnArgon2HashNeverThePassword() {
		String hash = jdbc.sql("SELECT password_hash FROM operator WHERE email = :email").param("email", email)
			.query(String.class).single();

		assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(PASSWORD);
	}

	@Test
	void logsInWhateverTheCaseOfTheEmailAddress() {
		assertThat(operators.logIn(email.toUpperCase(), PASSWORD).outcome()).isEqualTo(LogIn.Outcome.SUCCEEDED);
	}

	@Test
	void locksAfterFiveFailuresInARowEvenAgainstTheRightPasswordUntilTheLockEnds() {
		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(operators.logIn(email, "wrong password " + attempt).outcome())
				.isEqualTo(LogIn.Outcome.WRONG_CREDENTIALS);
		}
		assertThat(operators.logIn(email, "wrong password 5").outcome()).isEqualTo(LogIn.Outcome.LOCKED);
		assertThat(operators.logIn(email, PASSWORD).outcome()).isEqualTo(LogIn.Outcome.LOCKED);

		clock.advance(Operators.LOCK_DURATION.plus(Duration.ofSeconds(1)));

		assertThat(operators.logIn(email, PASSWORD).outcome()).isEqualTo(LogIn.Outcome.SUCCEEDED);
	}

	@Test
	void forgetsEarlierFailuresAfterASuccess() {
		for (int attempt = 1; attempt <= 4; attempt++) {
			operators.logIn(email, "wrong password");
		}
		assertThat(operators.logIn(email, PASSWORD).outcome()).isEqualTo(LogIn.Outcome.SUCCEEDED);

		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(operators.logIn(email, "wrong password").outcome()).isEqualTo(LogIn.Outcome.WRONG_CREDENTIALS);
		}
	}

	@Test
	void answersAnUnknownAddressAsAWrongPassword() {
		assertThat(operators.logIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD).outcome())
			.isEqualTo(LogIn.Outcome.WRONG_CREDENTIALS);
	}

	@Test
	void refusesAShortPasswordAndATakenAddress() {
		assertThatThrownBy(() -> operators.create(tenant.id(), "short-" + UUID.randomUUID() + "@example.com", null,
				Role.ANALYST, "too short"))
			.isInstanceOf(BusinessException.class).hasMessageContaining("at least 10 characters");
		assertThatThrownBy(() -> operators.create(tenants.create().id(), email.toUpperCase(), null, Role.OWNER,
				PASSWORD))
			.isInstanceOf(BusinessException.class)
			.extracting(failure -> ((BusinessException) failure).code())
			.isEqualTo(ErrorCode.OPERATOR_EXISTS);
		assertThatThrownBy(() -> operators.create(tenant.id(), "not an address", null, Role.OWNER, PASSWORD))
			.isInstanceOf(BusinessException.class).hasMessageContaining("e-mail");
	}

	@Test
	void keepsAtLeastOneActiveOwner() {
		String ownerEmail = "owner-" + UUID.randomUUID() + "@example.com";
		Operator owner = operators.create(tenant.id(), ownerEmail, "Owner", Role.OWNER, PASSWORD);

		assertThatThrownBy(() -> operators.changeRole(tenant.id(), owner.id(), Role.ANALYST))
			.extracting(failure -> ((BusinessException) failure).code()).isEqualTo(ErrorCode.LAST_OWNER);
		assertThatThrownBy(() -> operators.setDisabled(tenant.id(), owner.id(), true))
			.extracting(failure -> ((BusinessException) failure).code()).isEqualTo(ErrorCode.LAST_OWNER);

		Operator second = operators.create(tenant.id(), "second-" + UUID.randomUUID() + "@example.com", "Second",
				Role.OWNER, PASSWORD);
		assertThat(operators.changeRole(tenant.id(), owner.id(), Role.ANALYST).role()).isEqualTo(Role.ANALYST);
		assertThat(second.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void changesAPasswordOnlyWithTheCurrentOne() {
		UUID id = operators.list(tenant.id()).get(0).id();

		assertThatThrownBy(() -> operators.changePassword(tenant.id(), id, "not the current", "a brand new password"))
			.extracting(failure -> ((BusinessException) failure).code()).isEqualTo(ErrorCode.WRONG_PASSWORD);
		operators.changePassword(tenant.id(), id, PASSWORD, "a brand new password");

		assertThat(operators.logIn(email, PASSWORD).outcome()).isEqualTo(LogIn.Outcome.WRONG_CREDENTIALS);
		assertThat(operators.logIn(email, "a brand new password").outcome()).isEqualTo(LogIn.Outcome.SUCCEEDED);
	}
}
