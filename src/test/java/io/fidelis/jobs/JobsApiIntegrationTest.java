package io.fidelis.jobs;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestJobs;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.Scope;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/jobs}: each job, when it runs, what its last run did and when it runs next. */
@IntegrationTest
@TestPropertySource(properties = { "fidelis.jobs.enabled=true", "fidelis.jobs.polling-interval=100ms",
		"fidelis.jobs.instance-name=jobs-api-test" })
@DirtiesContext
@Import({ TestJobs.class, JobsApiIntegrationTest.BrokenJob.class })
class JobsApiIntegrationTest {

	private static final String JOBS = "/api/v1/jobs";

	/** A job of another module, declared as a bean like any other, that always fails. */
	@TestConfiguration(proxyBeanMethods = false)
	static class BrokenJob {

		@Bean
		Job brokenJob() {
			return new Job() {

				@Override
				public String name() {
					return "test.always-failing";
				}

				@Override
				public JobSchedule schedule() {
					return JobSchedule.every(Duration.ofHours(6));
				}

				@Override
				public String run(Instant now) {
					throw new IllegalStateException("broken on purpose");
				}
			};
		}
	}

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	TestJobs jobs;

	@Autowired
	ApiKeys apiKeys;

	@Test
	void listsEveryJobWithItsScheduleByName() {
		Api.Response list = tenants.create().api().get(JOBS);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		Map<String, String> schedules = new LinkedHashMap<>();
		list.json().forEach(job -> schedules.put(job.get("name").asString(), job.get("schedule").asString()));
		assertThat(schedules).containsExactly(Map.entry("analytics.kpi-rollups", "every 5 minutes"),
				Map.entry("analytics.rfm-segments", "every day"),
				Map.entry("earning.birthdays", "every hour"),
				Map.entry("earning.campaigns", "every 5 minutes"), Map.entry("imports.resume", "every minute"),
				Map.entry("ledger.activation", "every 10 minutes"),
				Map.entry("ledger.expiry", "every hour"), Map.entry("ledger.expiry-warning", "every hour"),
				Map.entry("ledger.hold-expiry", "every minute"), Map.entry("membership.terms", "every 15 minutes"),
				Map.entry("reward.voucher-expiry", "every hour"),
				Map.entry("test.always-failing", "every 6 hours"), Map.entry("tier.reviews", "every 15 minutes"));
	}

	@Test
	void showsTheLastRunOfEachJobAndWhenItRunsNext() {
		Api api = tenants.create().api();
		jobs.advance(Duration.ofHours(6));
		Instant ranAt = clock.instant();

		Api.Response list = api.get(JOBS);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		for (String name : new String[] { "ledger.activation", "ledger.expiry", "ledger.expiry-warning" }) {
			JsonNode job = job(list, name);
			assertThat(job.get("running").asBoolean()).isFalse();
			assertThat(Instant.parse(job.at("/lastRun/startedAt").asString())).isEqualTo(ranAt);
			assertThat(Instant.parse(job.at("/lastRun/finishedAt").asString())).isEqualTo(ranAt);
			assertThat(job.at("/lastRun/outcome").asString()).isEqualTo("succeeded");
			assertThat(job.at("/lastRun/summary").asString()).matches("(expired|activated|warned) \\d+ .* programs.*");
		}
		assertThat(Instant.parse(job(list, "ledger.activation").get("nextRunAt").asString()))
			.isEqualTo(JobSchedule.every(Duration.ofMinutes(10)).nextAfter(ranAt));
		assertThat(Instant.parse(job(list, "ledger.expiry").get("nextRunAt").asString()))
			.isEqualTo(JobSchedule.every(Duration.ofHours(1)).nextAfter(ranAt));
	}

	@Test
	void recordsAFailedRunAndRunsTheJobAgainAtItsNextTime() {
		Api api = tenants.create().api();
		int before = jobs.runs("test.always-failing", "jobs-api-test");

		jobs.advance(Duration.ofHours(6));

		JsonNode failing = job(api.get(JOBS), "test.always-failing");
		assertThat(failing.at("/lastRun/outcome").asString()).isEqualTo("failed");
		assertThat(failing.at("/lastRun/summary").isNull()).isTrue();
		assertThat(failing.toString()).as("the error may name another tenant's data").doesNotContain("on purpose");
		assertThat(jobs.lastError("test.always-failing")).contains("broken on purpose");
		assertThat(Instant.parse(failing.get("nextRunAt").asString()))
			.isEqualTo(JobSchedule.every(Duration.ofHours(6)).nextAfter(clock.instant()));

		jobs.advance(Duration.ofHours(6));

		assertThat(jobs.runs("test.always-failing", "jobs-api-test")).isEqualTo(before + 2);
		assertThat(job(api.get(JOBS), "ledger.expiry").at("/lastRun/outcome").asString()).isEqualTo("succeeded");
	}

	@Test
	void requiresTheProgramsWriteScope() {
		TestTenant tenant = tenants.create();
		String till = apiKeys.issue(tenant.id(), "till", Set.of(Scope.EVENTS_WRITE, Scope.MEMBERS_READ), null).key();

		assertProblem(tenant.api().withKey(till).get(JOBS), 403, "/problems/insufficient-scope");
		assertProblem(tenants.anonymous().get(JOBS), 401, "/problems/unauthenticated");
	}

	private static JsonNode job(Api.Response list, String name) {
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		for (JsonNode job : list.json()) {
			if (job.get("name").asString().equals(name)) {
				return job;
			}
		}
		throw new AssertionError("no job " + name + " in " + list);
	}
}
