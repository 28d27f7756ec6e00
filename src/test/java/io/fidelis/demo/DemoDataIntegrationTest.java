package io.fidelis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.ledger.Reconciliation;
import io.fidelis.support.IntegrationTest;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.Tenant;
import io.fidelis.tenant.Tenants;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With no configuration, the first start seeds a demo tenant with members and history, consistent to the point. */
@IntegrationTest
@TestPropertySource(properties = "fidelis.demo.enabled=true")
class DemoDataIntegrationTest {

	@Autowired
	DemoData demoData;

	@Autowired
	Tenants tenants;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Programs programs;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	JdbcClient jdbc;

	@Test
	void seedsADemoTenantWithMembersPurchasesAndAKey() {
		Tenant demo = tenants.findBySlug(DemoData.SLUG).orElseThrow();

		assertThat(count("member", demo)).isEqualTo(300);
		assertThat(count("purchase", demo)).isGreaterThan(1_000);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM purchase WHERE tenant_id = :tenant AND member_id IS NULL")
			.param("tenant", demo.id().value())
			.query(Long.class)
			.single()).isGreaterThan(0);
		assertThat(count("purchase_return", demo)).isGreaterThan(0);
		assertThat(count("reward", demo)).isEqualTo(4);
		assertThat(apiKeys.list(demo.id())).hasSize(1);
	}

	@Test
	void itsLedgerReconciles() {
		Tenant demo = tenants.findBySlug(DemoData.SLUG).orElseThrow();
		Program points = programs.get(demo.id(), Programs.DEFAULT_CODE);

		Reconciliation.Report report = reconciliation.reconcile(demo.id(), points.id(), false);

		assertThat(report.discrepancies()).isEmpty();
		assertThat(report.issued()).isPositive();
	}

	@Test
	void seedsOnlyOnce() {
		Tenant demo = tenants.findBySlug(DemoData.SLUG).orElseThrow();

		demoData.run(null);

		assertThat(apiKeys.list(demo.id())).hasSize(1);
		assertThat(count("member", demo)).isEqualTo(300);
	}

	private long count(String table, Tenant tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :tenant")
			.param("tenant", tenant.id().value())
			.query(Long.class)
			.single();
	}
}
