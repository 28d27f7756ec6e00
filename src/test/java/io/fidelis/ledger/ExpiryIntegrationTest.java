package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Points expire by the program's policy; the daily expiry run moves what is left of expired lots to breakage. */
@IntegrationTest
class ExpiryIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void pointsExpireTwelveMonthsAfterEarning() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 12}}");
		Instant earnedAt = clock.instant();
		LocalDate lastValidDay = earnedAt.atZone(ZoneOffset.UTC).toLocalDate().plusMonths(12);
		Instant expiresAt = lastValidDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

		Api.Response earned = purchase(tenant, memberId, "sale-1", "50.00", earnedAt);

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(expiresAt);
		JsonNode expiring = tenant.balance(memberId).get("expiringNext");
		assertThat(expiring.get("amount").asLong()).isEqualTo(50);
		assertThat(Instant.parse(expiring.get("expiresAt").asString())).isEqualTo(expiresAt);
		assertThat(LocalDate.parse(expiring.get("lastValidDay").asString())).isEqualTo(lastValidDay);

		Api.Response tooEarly = expiryRun(tenant);
		assertThat(tooEarly.number("/units")).isZero();
		assertThat(tenant.available(memberId)).isEqualTo(50);

		clock.advance(Duration.ofDays(31 * 13));
		Api.Response run = expiryRun(tenant);

		assertThat(run.status()).as(run.toString()).isEqualTo(201);
		assertThat(run.header("Idempotent-Replayed")).isNull();
		assertThat(run.number("/units")).isEqualTo(50);
		assertThat(run.number("/members")).isEqualTo(1);
		assertThat(run.number("/lots")).isEqualTo(1);
		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.balance(memberId).path("expiringNext").isNull()).isTrue();
		JsonNode expiry = tenant.statement(memberId).at("/items/0");
		assertThat(expiry.get("kind").asString()).isEqualTo("expiry");
		assertThat(expiry.get("amount").asLong()).isEqualTo(-50);
		assertThat(expiry.at("/explanation/code").asString()).isEqualTo("expiry");

		Api.Response again = expiryRun(tenant);

		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json()).isEqualTo(run.json());
		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.statement(memberId).get("items")).hasSize(2);
		tenant.assertBalanced();
	}

	@Test
	void debitsConsumeTheSoonestExpiringLotFirst() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 12}}");
		Api.Response first = purchase(tenant, memberId, "sale-1", "50.00", clock.instant());
		clock.advance(Duration.ofDays(31));
		Api.Response second = purchase(tenant, memberId, "sale-2", "30.00", clock.instant());
		Instant firstExpiresAt = Instant.parse(first.text("/effects/0/expiresAt"));
		Instant secondExpiresAt = Instant.parse(second.text("/effects/0/expiresAt"));
		assertThat(secondExpiresAt).isAfter(firstExpiresAt.plus(Duration.ofDays(27)));

		clock.advance(Duration.ofSeconds(1));
		Api.Response debit = tenant.adjust(memberId, "points", -20, "spent");
		assertThat(debit.status()).as(debit.toString()).isEqualTo(201);

		JsonNode expiring = tenant.balance(memberId).get("expiringNext");
		assertThat(expiring.get("amount").asLong()).as("20 taken from the first lot").isEqualTo(30);
		assertThat(Instant.parse(expiring.get("expiresAt").asString())).isEqualTo(firstExpiresAt);

		clock.advance(Duration.between(clock.instant(), firstExpiresAt).plus(Duration.ofHours(1)));
		Api.Response firstRun = expiryRun(tenant);

		assertThat(firstRun.number("/units")).isEqualTo(30);
		assertThat(firstRun.number("/lots")).isEqualTo(1);
		assertThat(tenant.available(memberId)).isEqualTo(30);
		JsonNode next = tenant.balance(memberId).get("expiringNext");
		assertThat(next.get("amount").asLong()).isEqualTo(30);
		assertThat(Instant.parse(next.get("expiresAt").asString())).isEqualTo(secondExpiresAt);
		tenant.assertBalanced();

		clock.advance(Duration.between(clock.instant(), secondExpiresAt).plus(Duration.ofHours(1)));
		Api.Response secondRun = expiryRun(tenant);

		assertThat(secondRun.number("/units")).isEqualTo(30);
		assertThat(tenant.available(memberId)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void endOfYearPolicyExpiresOnTheFirstOfJanuary() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"expiry\": {\"policy\": \"end_of_year\", \"period\": 0}}");
		if (Duration.between(clock.instant(), firstOfNextJanuary()).compareTo(Duration.ofDays(1)) < 0) {
			clock.advance(Duration.ofDays(2));
		}
		Instant newYear = firstOfNextJanuary();

		Api.Response earned = purchase(tenant, memberId, "sale-1", "40.00", clock.instant());

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(newYear);
		JsonNode expiring = tenant.balance(memberId).get("expiringNext");
		assertThat(LocalDate.parse(expiring.get("lastValidDay").asString()))
			.isEqualTo(LocalDate.ofInstant(newYear, ZoneOffset.UTC).minusDays(1));

		clock.advance(Duration.between(clock.instant(), newYear.minus(Duration.ofMinutes(1))));
		Api.Response lastDay = expiryRun(tenant);
		assertThat(lastDay.text("/day")).endsWith("-12-31");
		assertThat(lastDay.number("/units")).as("still valid on 31 December").isZero();
		assertThat(tenant.available(memberId)).isEqualTo(40);

		clock.advance(Duration.ofMinutes(1));
		Api.Response newYearsDay = expiryRun(tenant);

		assertThat(newYearsDay.header("Idempotent-Replayed")).isNull();
		assertThat(newYearsDay.text("/day")).endsWith("-01-01");
		assertThat(newYearsDay.number("/units")).isEqualTo(40);
		assertThat(tenant.available(memberId)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void expiryFollowsTheCalendarDaysOfTheProgramsTimeZone() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		ZoneId paris = ZoneId.of("Europe/Paris");
		tenant.patchProgram("{\"timeZone\": \"Europe/Paris\", "
				+ "\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		Instant earnedAt = clock.instant();
		LocalDate lastValidDay = earnedAt.atZone(paris).toLocalDate().plusMonths(1);
		Instant expiresAt = lastValidDay.plusDays(1).atStartOfDay(paris).toInstant();

		Api.Response earned = purchase(tenant, memberId, "sale-1", "12.00", earnedAt);

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(expiresAt);
		assertThat(LocalDate.parse(tenant.balance(memberId).at("/expiringNext/lastValidDay").asString()))
			.isEqualTo(lastValidDay);
		clock.advance(Duration.between(clock.instant(), expiresAt.minus(Duration.ofMinutes(30))));
		Api.Response lastEvening = expiryRun(tenant);
		assertThat(LocalDate.parse(lastEvening.text("/day"))).isEqualTo(lastValidDay);
		assertThat(lastEvening.number("/units")).isZero();

		clock.advance(Duration.ofHours(1));
		Api.Response nextMorning = expiryRun(tenant);

		assertThat(LocalDate.parse(nextMorning.text("/day"))).isEqualTo(lastValidDay.plusDays(1));
		assertThat(Instant.parse(nextMorning.text("/cutoff"))).isEqualTo(expiresAt);
		assertThat(nextMorning.number("/units")).isEqualTo(12);
		assertThat(tenant.available(memberId)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void pendingPointsThatExpireBeforeActivationExpireFromPending() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.patchProgram("{\"pendingDays\": 40, \"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		purchase(tenant, memberId, "sale-1", "25.00", clock.instant());
		assertThat(tenant.balance(memberId).get("pending").asLong()).isEqualTo(25);

		clock.advance(Duration.ofDays(33));
		Api.Response run = expiryRun(tenant);

		assertThat(run.number("/units")).isEqualTo(25);
		assertThat(tenant.balance(memberId).get("pending").asLong()).isZero();
		clock.advance(Duration.ofDays(10));
		assertThat(tenant.api().post("/api/v1/programs/points/activation-runs", "").number("/units")).isZero();
		assertThat(tenant.available(memberId)).isZero();
		tenant.assertBalanced();
	}

	private Instant firstOfNextJanuary() {
		int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
		return LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** A purchase by the member that must earn. */
	private static Api.Response purchase(TestTenant tenant, String memberId, String transactionId, String amount,
			Instant occurredAt) {
		Api.Response earned = tenant.purchase(memberId, transactionId, amount, occurredAt);
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		return earned;
	}

	private static Api.Response expiryRun(TestTenant tenant) {
		Api.Response run = tenant.api().post("/api/v1/programs/points/expiry-runs", "", null);
		assertThat(run.status()).as(run.toString()).isEqualTo(201);
		return run;
	}
}
