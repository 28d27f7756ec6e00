package io.fidelis.analytics;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** NPS from survey events: counted once per survey, by day and store, over a period. */
@IntegrationTest
class NpsIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private static Api.Response survey(TestTenant tenant, String member, String id, String score, Instant at,
			String store) {
		return tenant.event("""
				{"type": "survey", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": {"score": %s}%s}""".formatted(id, member, at, score,
				store == null ? "" : ", \"storeId\": \"" + store + "\""));
	}

	@Test
	void surveysMakeTheNpsOfAPeriodAndAStore() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		Instant now = clock.instant();
		// Today: 10, 9, 8, 3 in Paris and 10 in Lyon; ten days ago: 0; forty days ago (outside 30 days): 10.
		String[][] answers = { { "10", "paris" }, { "9", "paris" }, { "8", "paris" }, { "3", "paris" },
				{ "10", "lyon" } };
		for (int i = 0; i < answers.length; i++) {
			Api.Response sent = survey(tenant, member, "s-" + i, answers[i][0], now, answers[i][1]);
			assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
		}
		survey(tenant, member, "s-old", "0", now.minus(Duration.ofDays(10)), null);
		survey(tenant, member, "s-older", "10", now.minus(Duration.ofDays(40)), null);
		// A replay counts once; a survey without a score counts in no NPS.
		survey(tenant, member, "s-0", "10", now, "paris");
		tenant.event("""
				{"type": "survey", "transactionId": "s-none", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": {"comment": "fine"}}""".formatted(member, now));

		Api.Response month = tenant.api().get("/api/v1/analytics/nps");
		// 3 promoters, 1 passive, 2 detractors of 6: 50 % - 33.3 % = 16.7.
		assertThat(month.status()).as(month.toString()).isEqualTo(200);
		assertThat(month.number("/answers")).isEqualTo(6);
		assertThat(month.number("/promoters")).isEqualTo(3);
		assertThat(month.number("/passives")).isEqualTo(1);
		assertThat(month.number("/detractors")).isEqualTo(2);
		assertThat(month.json().get("nps").decimalValue()).isEqualByComparingTo("16.7");
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		assertThat(month.text("/to")).isEqualTo(today.toString());
		assertThat(month.text("/from")).isEqualTo(today.minusDays(29).toString());

		Api.Response paris = tenant.api().get("/api/v1/analytics/nps?store=paris&from=" + today + "&to=" + today);
		// 2 promoters, 1 passive, 1 detractor of 4: 25.
		assertThat(paris.json().get("nps").decimalValue()).isEqualByComparingTo("25.0");
		Api.Response year = tenant.api().get("/api/v1/analytics/nps?from=" + today.minusDays(365) + "&to=" + today);
		assertThat(year.number("/answers")).isEqualTo(7);
		Api.Response none = tenant.api().get("/api/v1/analytics/nps?store=nice");
		assertThat(none.number("/answers")).isZero();
		assertThat(none.json().get("nps").isNull()).isTrue();
	}

	@Test
	void aSurveyScoreIsAWholeNumberFromZeroToTen() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		String[] scores = { "11", "-1", "7.5", "\"high\"" };
		for (int i = 0; i < scores.length; i++) {
			String score = scores[i];
			Api.Response refused = survey(tenant, member, "bad-" + i, score, clock.instant(), null);
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).as(score).containsExactly("attributes.score");
		}
		assertThat(tenant.api().get("/api/v1/analytics/nps").number("/answers")).isZero();
		assertThat(fields(tenant.api().get("/api/v1/analytics/nps?from=2026-02-01&to=2026-01-01")))
			.containsExactly("from");
		assertProblem(tenant.api().get("/api/v1/analytics/nps?from=yesterday"), 400, "/problems/invalid-request");
	}
}
