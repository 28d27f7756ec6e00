package io.fidelis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.fidelis.FidelisApplication;
import io.fidelis.ledger.ExpiryWarningsHeard;
import io.fidelis.support.Api;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestDatabase;
import io.fidelis.support.TestJobs;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Instances of the service sharing one database and one clock, as behind a load balancer: each due run of a job
 * happens once, on one of them, and a run that fell due while no instance was up happens once at the next start.
 */
class JobClusterIntegrationTest {

	private static final MutableClock CLOCK = new MutableClock();
	private static final List<String> LEDGER_JOBS = List.of("ledger.activation", "ledger.expiry",
			"ledger.expiry-warning");

	/** The one clock of every instance this test starts. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SharedClock {

		@Bean
		@Primary
		MutableClock sharedClock() {
			return CLOCK;
		}
	}

	@Test
	void eachDueRunHappensOnceAcrossTwoInstances() {
		try (ConfigurableApplicationContext first = start("cluster-a");
				ConfigurableApplicationContext second = start("cluster-b")) {
			TestJobs jobs = first.getBean(TestJobs.class);
			TestTenant tenant = first.getBean(TestTenants.class).create();
			String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
			tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}, "
					+ "\"pendingDays\": 1, \"expiryWarningDays\": 40}");
			Api.Response earned = tenant.purchase(memberId, "sale-1", "30.00", CLOCK.instant());
			assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
			jobs.awaitSettled();
			Map<String, Integer> runsBefore = new HashMap<>();
			LEDGER_JOBS.forEach(job -> runsBefore.put(job, jobs.runs(job, "cluster-a", "cluster-b")));

			int hours = 30;
			for (int hour = 1; hour <= hours; hour++) {
				jobs.advance(Duration.ofHours(1));
			}

			for (String job : LEDGER_JOBS) {
				assertThat(jobs.runs(job, "cluster-a", "cluster-b") - runsBefore.get(job)).as(job).isEqualTo(hours);
			}
			assertThat(tenant.available(memberId)).as("activated once").isEqualTo(30);
			assertThat(warnings(first, second, tenant)).as("warned once").hasSize(1);

			jobs.advance(Duration.ofDays(40));

			assertThat(tenant.available(memberId)).isZero();
			assertThat(tenant.statement(memberId).get("items")).extracting(line -> line.get("kind").asString())
				.containsExactly("expiry", "activation", "earn");
			assertThat(warnings(first, second, tenant)).hasSize(1);
			tenant.assertBalanced();
		}
	}

	@Test
	void aRunDueWhileNoInstanceWasUpHappensOnceAtTheNextStart() {
		TestTenant tenant;
		String memberId;
		Instant expiresAt;
		try (ConfigurableApplicationContext before = start("downtime-a")) {
			tenant = before.getBean(TestTenants.class).create();
			memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
			tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
			Api.Response earned = tenant.purchase(memberId, "sale-1", "25.00", CLOCK.instant());
			expiresAt = Instant.parse(earned.text("/effects/0/expiresAt"));
			before.getBean(TestJobs.class).awaitSettled();
		}

		CLOCK.advance(Duration.between(CLOCK.instant(), expiresAt).plus(Duration.ofDays(3)));

		try (ConfigurableApplicationContext after = start("downtime-b")) {
			TestJobs jobs = after.getBean(TestJobs.class);
			TestTenant same = new TestTenant(tenant.id(),
					new Api(after.getBean(TestTenants.class).base(), tenant.api().key()));
			jobs.awaitSettled();

			for (String job : LEDGER_JOBS) {
				assertThat(jobs.runs(job, "downtime-b")).as(job + ", 3 days late").isEqualTo(1);
			}
			assertThat(same.available(memberId)).isZero();
			assertThat(same.statement(memberId).at("/items/0/kind").asString()).isEqualTo("expiry");
			same.assertBalanced();
		}
	}

	/** An instance of the service running its jobs, on the test database and the shared clock. */
	private static ConfigurableApplicationContext start(String instance) {
		return new SpringApplicationBuilder(FidelisApplication.class, SharedClock.class, TestTenants.class,
				TestJobs.class, ExpiryWarningsHeard.class)
			.initializers(new TestDatabase())
			// Arguments, since they come before application.properties (builder properties come after it).
			.run("--server.port=0", "--fidelis.demo.enabled=false", "--fidelis.jobs.enabled=true",
					"--fidelis.jobs.polling-interval=100ms", "--fidelis.jobs.instance-name=" + instance);
	}

	private static List<?> warnings(ConfigurableApplicationContext first, ConfigurableApplicationContext second,
			TestTenant tenant) {
		return Stream.of(first, second)
			.flatMap(instance -> instance.getBean(ExpiryWarningsHeard.class).of(tenant.id()).stream())
			.toList();
	}
}
