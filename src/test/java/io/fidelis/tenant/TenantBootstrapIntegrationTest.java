package io.fidelis.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionOperations;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;

/** Starting with FIDELIS_BOOTSTRAP_TENANT and FIDELIS_BOOTSTRAP_API_KEY gives automation a tenant and key it knows. */
@IntegrationTest
@TestPropertySource(properties = { "fidelis.bootstrap.tenant=acme-bootstrap",
		"fidelis.bootstrap.api-key=" + TenantBootstrapIntegrationTest.KEY })
class TenantBootstrapIntegrationTest {

	static final String KEY = "acme-bootstrap-key-0123456789";

	@Autowired
	TenantBootstrap bootstrap;

	@Autowired
	Tenants tenants;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	TestTenants testTenants;

	@Test
	void theBootstrapKeyCallsTheApiOfTheBootstrapTenant() {
		Api api = testTenants.anonymous().withKey(KEY);

		Api.Response programs = api.get("/api/v1/programs");

		assertThat(programs.status()).isEqualTo(200);
		assertThat(programs.text("/0/code")).isEqualTo("points");
	}

	@Test
	void startingAgainChangesNothing() {
		Tenant tenant = tenants.findBySlug("acme-bootstrap").orElseThrow();

		bootstrap.run(null);
		bootstrap.run(null);

		assertThat(apiKeys.list(tenant.id())).hasSize(1);
		assertThat(tenants.findBySlug("acme-bootstrap")).contains(tenant);
	}

	@Test
	void instancesStartingAtOnceMakeOneTenantWithOneKey() throws Exception {
		String key = "racing-bootstrap-key-0123456789";
		TenantBootstrap instance = new TenantBootstrap(tenants, apiKeys, transactions, "racing-bootstrap", key);

		List<Api.Response> programs = AtOnce.send(8, i -> {
			instance.run(null);
			return testTenants.anonymous().withKey(key).get("/api/v1/programs");
		});

		assertThat(programs).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
		assertThat(apiKeys.list(tenants.findBySlug("racing-bootstrap").orElseThrow().id())).hasSize(1);
	}

	@Test
	void refusesAGuessableKey() {
		TenantBootstrap weak = new TenantBootstrap(tenants, apiKeys, transactions, "weak", "short");

		assertThatIllegalStateException().isThrownBy(() -> weak.run(null))
			.withMessageContaining("FIDELIS_BOOTSTRAP_API_KEY");
	}

	@Test
	void refusesAKeyThatAnotherTenantHolds() {
		TenantBootstrap thief = new TenantBootstrap(tenants, apiKeys, transactions, "other-bootstrap", KEY);

		assertThatIllegalStateException().isThrownBy(() -> thief.run(null)).withMessageContaining("another tenant");
	}
}
