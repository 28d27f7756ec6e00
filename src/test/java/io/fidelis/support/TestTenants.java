package io.fidelis.support;

import java.net.URI;
import java.util.Currency;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

import io.fidelis.shared.TenantId;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.Scope;
import io.fidelis.tenant.Tenant;
import io.fidelis.tenant.Tenants;

/** Creates a fresh tenant per test, with an API key of every scope, so tests never see each other's data. */
@TestComponent
public class TestTenants {

	private final Tenants tenants;
	private final ApiKeys apiKeys;
	private final Environment environment;

	TestTenants(Tenants tenants, ApiKeys apiKeys, Environment environment) {
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.environment = environment;
	}

	/** The service's address; known once its web server has started, after this bean was made. */
	public URI base() {
		return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + "/");
	}

	/** A tenant with the default points program (EUR, one point per euro, available at once, no expiry). */
	public TestTenant create() {
		Tenant tenant = tenants.create("t-" + UUID.randomUUID().toString().substring(0, 30), "Test shop",
				Currency.getInstance("EUR"), "FR");
		String key = apiKeys.issue(tenant.id(), "test", Scope.all(), null).key();
		return new TestTenant(tenant.id(), new Api(base(), key));
	}

	public Api anonymous() {
		return new Api(base(), null);
	}

	public record TestTenant(TenantId id, Api api) {
	}
}
