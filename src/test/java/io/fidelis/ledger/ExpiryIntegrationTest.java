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
		Api api = tenants.create().api();
		String memberId = enrol(api);
		patchProgram(api, "{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 12}}");
		Instant earnedAt = clock.instant();
		LocalDate lastValidDay = earnedAt.atZone(ZoneOffset.UTC).toLocalDate().plusMonths(12);
		Instant expiresAt = lastValidDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

		Api.Response earned = purchase(api, memberId, "sale-1", "50.00", earnedAt);

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(expiresAt);
		JsonNode expiring = balance(api, memberId).get("expiringNext");
		assertThat(expiring.get("amount").asLong()).isEqualTo(50);
		assertThat(Instant.parse(expiring.get("expiresAt").asString())).isEqualTo(expiresAt);
		assertThat(LocalDate.parse(expiring.get("lastValidDay").asString())).isEqualTo(lastValidDay);

		Api.Response tooEarly = expiryRun(api);
		assertThat(tooEarly.number("/units")).isZero();
		assertThat(available(api, memberId)).isEqualTo(50);

		clock.advance(Duration.ofDays(31 * 13));
		Api.Response run = expiryRun(api);

		assertThat(run.status()).as(run.toString()).isEqualTo(201);
		assertThat(run.header("Idempotent-Replayed")).isNull();
		assertThat(run.number("/units")).isEqualTo(50);
		assertThat(run.number("/members")).isEqualTo(1);
		assertThat(run.number("/lots")).isEqualTo(1);
		assertThat(available(api, memberId)).isZero();
		assertThat(balance(api, memberId).path("expiringNext").isNull()).isTrue();
		JsonNode expiry = statement(api, memberId).at("/items/0");
		assertThat(expiry.get("kind").asString()).isEqualTo("expiry");
		assertThat(expiry.get("amount").asLong()).isEqualTo(-50);
		assertThat(expiry.at("/explanation/code").asString()).isEqualTo("expiry");

		Api.Response again = expiryRun(api);

		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json()).isEqualTo(run.json());
		assertThat(available(api, memberId)).isZero();
		assertThat(statement(api, memberId).get("items")).hasSize(2);
		assertBalanced(api);
	}

	@Test
	void debitsConsumeTheSoonestExpiringLotFirst() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		patchProgram(api, "{\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 12}}");
		Api.Response first = purchase(api, memberId, "sale-1", "50.00", clock.instant());
		clock.advance(Duration.ofDays(31));
		Api.Response second = purchase(api, memberId, "sale-2", "30.00", clock.instant());
		Instant firstExpiresAt = Instant.parse(first.text("/effects/0/expiresAt"));
		Instant secondExpiresAt = Instant.parse(second.text("/effects/0/expiresAt"));
		assertThat(secondExpiresAt).isAfter(firstExpiresAt.plus(Duration.ofDays(27)));

		clock.advance(Duration.ofSeconds(1));
		Api.Response debit = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": -20, \"reason\": \"spent\"}");
		assertThat(debit.status()).as(debit.toString()).isEqualTo(201);

		JsonNode expiring = balance(api, memberId).get("expiringNext");
		assertThat(expiring.get("amount").asLong()).as("20 taken from the first lot").isEqualTo(30);
		assertThat(Instant.parse(expiring.get("expiresAt").asString())).isEqualTo(firstExpiresAt);

		clock.advance(Duration.between(clock.instant(), firstExpiresAt).plus(Duration.ofHours(1)));
		Api.Response firstRun = expiryRun(api);

		assertThat(firstRun.number("/units")).isEqualTo(30);
		assertThat(firstRun.number("/lots")).isEqualTo(1);
		assertThat(available(api, memberId)).isEqualTo(30);
		JsonNode next = balance(api, memberId).get("expiringNext");
		assertThat(next.get("amount").asLong()).isEqualTo(30);
		assertThat(Instant.parse(next.get("expiresAt").asString())).isEqualTo(secondExpiresAt);
		assertBalanced(api);

		clock.advance(Duration.between(clock.instant(), secondExpiresAt).plus(Duration.ofHours(1)));
		Api.Response secondRun = expiryRun(api);

		assertThat(secondRun.number("/units")).isEqualTo(30);
		assertThat(available(api, memberId)).isZero();
		assertBalanced(api);
	}

	@Test
	void endOfYearPolicyExpiresOnTheFirstOfJanuary() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		patchProgram(api, "{\"expiry\": {\"policy\": \"end_of_year\", \"period\": 0}}");
		if (Duration.between(clock.instant(), firstOfNextJanuary()).compareTo(Duration.ofDays(1)) < 0) {
			clock.advance(Duration.ofDays(2));
		}
		Instant newYear = firstOfNextJanuary();

		Api.Response earned = purchase(api, memberId, "sale-1", "40.00", clock.instant());

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(newYear);
		JsonNode expiring = balance(api, memberId).get("expiringNext");
		assertThat(LocalDate.parse(expiring.get("lastValidDay").asString()))
			.isEqualTo(LocalDate.ofInstant(newYear, ZoneOffset.UTC).minusDays(1));

		clock.advance(Duration.between(clock.instant(), newYear.minus(Duration.ofMinutes(1))));
		Api.Response lastDay = expiryRun(api);
		assertThat(lastDay.text("/day")).endsWith("-12-31");
		assertThat(lastDay.number("/units")).as("still valid on 31 December").isZero();
		assertThat(available(api, memberId)).isEqualTo(40);

		clock.advance(Duration.ofMinutes(1));
		Api.Response newYearsDay = expiryRun(api);

		assertThat(newYearsDay.header("Idempotent-Replayed")).isNull();
		assertThat(newYearsDay.text("/day")).endsWith("-01-01");
		assertThat(newYearsDay.number("/units")).isEqualTo(40);
		assertThat(available(api, memberId)).isZero();
		assertBalanced(api);
	}

	@Test
	void expiryFollowsTheCalendarDaysOfTheProgramsTimeZone() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		ZoneId paris = ZoneId.of("Europe/Paris");
		patchProgram(api, "{\"timeZone\": \"Europe/Paris\", "
				+ "\"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		Instant earnedAt = clock.instant();
		LocalDate lastValidDay = earnedAt.atZone(paris).toLocalDate().plusMonths(1);
		Instant expiresAt = lastValidDay.plusDays(1).atStartOfDay(paris).toInstant();

		Api.Response earned = purchase(api, memberId, "sale-1", "12.00", earnedAt);

		assertThat(Instant.parse(earned.text("/effects/0/expiresAt"))).isEqualTo(expiresAt);
		assertThat(LocalDate.parse(balance(api, memberId).at("/expiringNext/lastValidDay").asString()))
			.isEqualTo(lastValidDay);
		clock.advance(Duration.between(clock.instant(), expiresAt.minus(Duration.ofMinutes(30))));
		Api.Response lastEvening = expiryRun(api);
		assertThat(LocalDate.parse(lastEvening.text("/day"))).isEqualTo(lastValidDay);
		assertThat(lastEvening.number("/units")).isZero();

		clock.advance(Duration.ofHours(1));
		Api.Response nextMorning = expiryRun(api);

		assertThat(LocalDate.parse(nextMorning.text("/day"))).isEqualTo(lastValidDay.plusDays(1));
		assertThat(Instant.parse(nextMorning.text("/cutoff"))).isEqualTo(expiresAt);
		assertThat(nextMorning.number("/units")).isEqualTo(12);
		assertThat(available(api, memberId)).isZero();
		assertBalanced(api);
	}

	@Test
	void pendingPointsThatExpireBeforeActivationExpireFromPending() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		patchProgram(api, "{\"pendingDays\": 40, \"expiry\": {\"policy\": \"months_after_earning\", \"period\": 1}}");
		purchase(api, memberId, "sale-1", "25.00", clock.instant());
		assertThat(balance(api, memberId).get("pending").asLong()).isEqualTo(25);

		clock.advance(Duration.ofDays(33));
		Api.Response run = expiryRun(api);

		assertThat(run.number("/units")).isEqualTo(25);
		assertThat(balance(api, memberId).get("pending").asLong()).isZero();
		clock.advance(Duration.ofDays(10));
		assertThat(api.post("/api/v1/programs/points/activation-runs", "").number("/units")).isZero();
		assertThat(available(api, memberId)).isZero();
		assertBalanced(api);
	}

	private Instant firstOfNextJanuary() {
		int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
		return LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static Api.Response purchase(Api api, String memberId, String transactionId, String amount,
			Instant occurredAt) {
		Api.Response earned = api.post("/api/v1/events", """
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "%s", "currency": "EUR"}""".formatted(transactionId, memberId, occurredAt, amount), null);
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		return earned;
	}

	private static Api.Response expiryRun(Api api) {
		Api.Response run = api.post("/api/v1/programs/points/expiry-runs", "", null);
		assertThat(run.status()).as(run.toString()).isEqualTo(201);
		return run;
	}

	private static String enrol(Api api) {
		Api.Response enrolled = api.post("/api/v1/members", "{\"email\": \"ada@example.com\"}");
		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		return enrolled.text("/id");
	}

	private static void patchProgram(Api api, String json) {
		Api.Response patched = api.patch("/api/v1/programs/points", json);
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
	}

	private static JsonNode balance(Api api, String memberId) {
		Api.Response balances = api.get("/api/v1/members/" + memberId + "/balances");
		assertThat(balances.status()).as(balances.toString()).isEqualTo(200);
		return balances.json().get(0);
	}

	private static long available(Api api, String memberId) {
		return balance(api, memberId).get("available").asLong();
	}

	private static JsonNode statement(Api api, String memberId) {
		Api.Response statement = api.get("/api/v1/members/" + memberId + "/transactions");
		assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
		return statement.json();
	}

	private static void assertBalanced(Api api) {
		Api.Response report = api.get("/api/v1/programs/points/reconciliation");
		assertThat(report.json().get("balanced").asBoolean()).as(report.toString()).isTrue();
	}
}
