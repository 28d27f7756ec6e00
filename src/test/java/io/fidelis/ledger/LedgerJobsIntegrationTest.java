package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.fidelis.jobs.Job;
import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestJobs;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * The ledger's jobs on the service's own clock: as time passes, points expire, pending points become available and
 * members are warned, with no call to the run endpoints. Its service is closed after it, so that its jobs do not act
 * on the data of the tests that come after.
 */
@IntegrationTest
@TestPropertySource(properties = { "fidelis.jobs.enabled=true", "fidelis.jobs.polling-interval=100ms",
		"fidelis.jobs.instance-name=ledger-jobs-test" })
@DirtiesContext
@Import({ TestJobs.class, ExpiryWarningsHeard.class })
class LedgerJobsIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	TestJobs jobs;

	@Autowired
	ExpiryWarningsHeard warnings;

	@Autowired
	List<Job> all;

	@Test
	void pointsExpireOnTheirOwnOnceTheClockPassesTheirExpiry() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		Instant expiresAt = Instant.parse(purchase(tenant, memberId, "sale-1", "50.00").text("/effects/0/expiresAt"));

		jobs.advance(Duration.between(clock.instant(), expiresAt).minus(Duration.ofMinutes(1)));
		assertThat(tenant.available(memberId)).as("valid to the last minute").isEqualTo(50);

		jobs.advance(Duration.ofHours(1));

		assertThat(tenant.available(memberId)).isZero();
		JsonNode expiry = tenant.statement(memberId).at("/items/0");
		assertThat(expiry.get("kind").asString()).isEqualTo("expiry");
		assertThat(expiry.get("amount").asLong()).isEqualTo(-50);
		tenant.assertBalanced();
	}

	@Test
	void pendingPointsBecomeAvailableOnTheirOwnOnceTheirPendingPeriodIsOver() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"pendingDays\": 2}");
		purchase(tenant, memberId, "sale-1", "20.00");

		jobs.advance(Duration.ofDays(2).minus(Duration.ofMinutes(10)));
		assertThat(tenant.balance(memberId).get("pending").asLong()).isEqualTo(20);
		assertThat(tenant.available(memberId)).isZero();

		jobs.advance(Duration.ofMinutes(20));

		assertThat(tenant.balance(memberId).get("pending").asLong()).isZero();
		assertThat(tenant.available(memberId)).isEqualTo(20);
		assertThat(tenant.statement(memberId).at("/items/0/kind").asString()).isEqualTo("activation");
		tenant.assertBalanced();
	}

	@Test
	void warnsOnceOfPointsAboutToExpire() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}, "
				+ "\"expiryWarningDays\": 7}");
		Instant expiresAt = Instant.parse(purchase(tenant, memberId, "sale-1", "40.00").text("/effects/0/expiresAt"));
		LocalDate expiryDay = expiresAt.atZone(ZoneOffset.UTC).toLocalDate();
		Instant eightDaysBefore = expiryDay.minusDays(8).atStartOfDay(ZoneOffset.UTC).toInstant();

		jobs.advance(Duration.between(clock.instant(), eightDaysBefore.plus(Duration.ofMinutes(30))));
		assertThat(warnings.of(tenant.id())).as("more than 7 days ahead").isEmpty();

		jobs.advance(Duration.ofDays(1));

		assertThat(warnings.of(tenant.id())).singleElement().satisfies(warning -> {
			assertThat(warning.memberId().value()).hasToString(memberId);
			assertThat(warning.programId().value())
				.hasToString(tenant.api().get("/api/v1/programs/points").text("/id"));
			assertThat(warning.amount()).isEqualTo(40);
			assertThat(warning.expiresAt()).isEqualTo(expiresAt);
		});

		jobs.advance(Duration.ofHours(1));
		jobs.advance(Duration.ofDays(3));
		jobs.advance(Duration.ofDays(5));

		assertThat(warnings.of(tenant.id())).as("warned once; then the points expired").hasSize(1);
		assertThat(tenant.available(memberId)).isZero();
	}

	@Test
	void runningTheJobsAgainChangesNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}, "
				+ "\"pendingDays\": 3, \"expiryWarningDays\": 30}");
		purchase(tenant, memberId, "sale-1", "30.00");
		jobs.advance(Duration.ofDays(4));
		purchase(tenant, memberId, "sale-2", "12.00");
		jobs.advance(Duration.ofDays(30));
		JsonNode statement = tenant.statement(memberId);
		JsonNode balance = tenant.balance(memberId);
		assertThat(statement.at("/items").size()).as("2 earns, 2 activations, an expiry").isEqualTo(5);
		assertThat(warnings.of(tenant.id())).hasSize(2);

		for (Job job : all) {
			for (int time = 1; time <= 2; time++) {
				assertThat(job.run(clock.instant())).as(job.name())
					.matches("(expired|activated|warned|sent birthday events to|announced|released|reviewed|moved on|recomputed"
							+ "|rolled up|resumed)"
							+ " 0 .*");
			}
		}
		Api.Response endpointRun = tenant.api().post("/api/v1/programs/points/expiry-runs", "", null);

		assertThat(endpointRun.header("Idempotent-Replayed")).as("the job did today's run").isEqualTo("true");
		assertThat(endpointRun.number("/units")).isEqualTo(30);
		assertThat(tenant.statement(memberId)).isEqualTo(statement);
		assertThat(tenant.balance(memberId)).isEqualTo(balance);
		assertThat(warnings.of(tenant.id())).hasSize(2);
		tenant.assertBalanced();
	}

	/** A purchase by the member, now, that must earn. */
	private Api.Response purchase(TestTenant tenant, String memberId, String transactionId, String amount) {
		Api.Response earned = tenant.purchase(memberId, transactionId, amount, clock.instant());
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		return earned;
	}
}
