package io.fidelis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;

/** An instance with {@code fidelis.jobs.enabled=false}, as {@link IntegrationTest} starts it, runs no jobs. */
@IntegrationTest
class JobsDisabledIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	TestTenants tenants;

	@Test
	void runsNoSchedulerButStillShowsTheJobs() {
		Api.Response list = tenants.create().api().get("/api/v1/jobs");

		assertThat(context.getBeanProvider(JobScheduler.class).getIfAvailable()).isNull();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().findValuesAsString("name")).containsExactly("analytics.kpi-rollups",
				"analytics.rfm-segments", "earning.birthdays", "earning.campaigns", "imports.resume",
				"ledger.activation", "ledger.expiry", "ledger.expiry-warning", "ledger.hold-expiry",
				"membership.terms", "reward.voucher-expiry", "tier.reviews");
	}
}
