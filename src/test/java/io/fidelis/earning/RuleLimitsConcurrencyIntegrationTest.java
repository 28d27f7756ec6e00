package io.fidelis.earning;

import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Limits and budgets hold when events race for them: counted under row locks, never granted twice. */
@IntegrationTest
class RuleLimitsConcurrencyIntegrationTest {

	private static final int THREADS = 20;

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void concurrentPurchasesOfOneMemberFireADailyLimitedRuleExactlyItsLimit() throws Exception {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.rule("""
				{"name": "Three a day", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5},
				 "limits": {"perMember": [{"period": "day", "count": 3}]}}""");
		Instant occurredAt = clock.instant();

		List<Api.Response> responses = atOnce(i -> tenant.purchase(memberId, "sale-" + i, "10.00", occurredAt));

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isEqualTo(201));
		assertThat(responses).filteredOn(response -> fired(response.json().at("/effects/0/explanation"), "Three a day"))
			.hasSize(3);
		assertThat(responses).filteredOn(response -> !fired(response.json().at("/effects/0/explanation"), "Three a day"))
			.hasSize(THREADS - 3)
			.allSatisfy(response -> assertThat(verdict(response.json().at("/effects/0/explanation"), "Three a day")
				.get("reason").asString()).isEqualTo("the limit of 3 per member per day is reached"));
		JsonNode statement = tenant.statement(memberId, "?limit=200").get("items");
		assertThat(statement).hasSize(THREADS);
		assertThat(statement).filteredOn(line -> fired(line.get("explanation"), "Three a day")).hasSize(3);
		assertThat(tenant.available(memberId)).isEqualTo(THREADS * 10 + 3 * 5);
		tenant.assertBalanced();
	}

	@Test
	void concurrentPurchasesOfManyMembersNeverSpendMoreThanTheCampaignBudget() throws Exception {
		TestTenant tenant = tenants.create();
		tenant.campaign("""
				{"code": "launch", "name": "Launch", "startsAt": "%s", "endsAt": "%s", "budget": 100}"""
			.formatted(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30))));
		tenant.rule("""
				{"name": "Launch bonus", "trigger": "purchase", "campaign": "launch",
				 "effect": {"type": "fixed_points", "points": 10}}""");
		List<String> members = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			members.add(tenant.enrol("{\"externalId\": \"m-" + i + "\"}"));
		}
		Instant occurredAt = clock.instant();

		List<Api.Response> responses = atOnce(i -> tenant.purchase(members.get(i), "sale-" + i, "10.00", occurredAt));

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isEqualTo(201));
		long given = responses.stream()
			.mapToLong(response -> verdict(response.json().at("/effects/0/explanation"), "Launch bonus").get("points")
				.asLong())
			.sum();
		assertThat(given).isEqualTo(100);
		assertThat(responses).filteredOn(response -> fired(response.json().at("/effects/0/explanation"), "Launch bonus"))
			.hasSize(10);
		assertThat(tenant.api().get("/api/v1/programs/points/campaigns/launch").number("/spent")).isEqualTo(100);
		assertThat(members.stream().mapToLong(tenant::available).sum()).isEqualTo(THREADS * 10 + 100);
		assertThat(tenant.reconciliation().get("issued").asLong()).isEqualTo(THREADS * 10 + 100);
		tenant.assertBalanced();
	}

	private static boolean fired(JsonNode explanation, String rule) {
		return verdict(explanation, rule).get("fired").asBoolean();
	}

	private static List<Api.Response> atOnce(IntFunction<Api.Response> request) throws Exception {
		return AtOnce.send(THREADS, request);
	}
}
