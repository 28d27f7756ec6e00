package io.fidelis.tier;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** The tiers API: ladders put and read, members' tiers read and assigned, and every way a request is refused. */
@IntegrationTest
class TierApiIntegrationTest {

	private static final String TIERS = "/api/v1/programs/points/tiers";
	private static final String POLICY = """
			"metric": "amount_spent", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
			"graceDays": 30, "review": {"type": "fixed", "date": "01-31"}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private static Api.Response put(TestTenant tenant, String json) {
		return tenant.api().send("PUT", TIERS, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
	}

	@Test
	void aLadderIsPutWholeAndReadBack() {
		TestTenant tenant = tenants.create();

		Api.Response put = put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		Api.Response ladder = tenant.api().get(TIERS);
		Api.Response gold = tenant.api().get(TIERS + "/gold");

		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(ladder.status()).isEqualTo(200);
		assertThat(ladder.text("/metric")).isEqualTo("amount_spent");
		assertThat(ladder.text("/review/date")).isEqualTo("01-31");
		assertThat(ladder.number("/graceDays")).isEqualTo(30);
		assertThat(ladder.json().path("tiers").findValuesAsString("code")).containsExactly("bronze", "silver", "gold",
				"platinum");
		assertThat(gold.text("/names/fr")).isEqualTo("Or");
		assertThat(gold.text("/earnMultiplier")).isEqualTo("2");
		assertThat(gold.text("/perks/en/0")).isEqualTo("Free delivery");
	}

	@Test
	void aMembersTierSaysWhatTheNextTierNeedsAndShowsThePerks() {
		TestTenant tenant = tenants.create();
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		String member = tenant.enrol("{}");

		tenant.purchase(member, "sale-1", "520.50", clock.instant());
		Api.Response status = tenant.api().get("/api/v1/members/" + member + "/tier?program=points");

		assertThat(status.status()).as(status.toString()).isEqualTo(200);
		assertThat(status.text("/tier/code")).isEqualTo("gold");
		assertThat(status.text("/tier/perks/fr/0")).isEqualTo("Livraison offerte");
		assertThat(status.text("/metric/type")).isEqualTo("amount_spent");
		assertThat(status.text("/metric/value")).isEqualTo("520.50");
		assertThat(status.text("/next/tier")).isEqualTo("platinum");
		assertThat(status.text("/next/needed")).isEqualTo("479.50");
		assertThat(status.text("/keep/needed")).isEqualTo("0.00");
		assertThat(status.text("/reviewAt")).contains("-01-31T00:00:00Z");
		assertThat(status.text("/since")).isEqualTo(clock.instant().toString());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"tiers": [{"code": "base", "names": {"fr": "B", "en": "B"}, "threshold": 10}]                    | tiers[0].threshold
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0}, {"code": "b", "names": {"fr": "B", "en": "B"}, "threshold": 0}] | tiers[1].threshold
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0}, {"code": "a", "names": {"fr": "B", "en": "B"}, "threshold": 5}] | tiers[1].code
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0, "earnMultiplier": 0.5}]  | tiers[0].earnMultiplier
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0, "earnMultiplier": 1.555}] | tiers[0].earnMultiplier
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0}, {"code": "b", "names": {"fr": "B", "en": "B"}, "threshold": 5.5}] | tiers[1].threshold
			"tiers": [{"code": "A b", "names": {"fr": "A", "en": "A"}, "threshold": 0}]                       | tiers[0].code
			"tiers": [{"code": "a", "names": {"fr": "", "en": "A"}, "threshold": 0}]                          | tiers[0].names.fr
			"tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": -1}]                        | tiers[0].threshold
			"tiers": []                                                                                      | tiers
			""")
	void refusesABadLadderNamingTheFieldAndWritesNothing(String tiers, String field) {
		TestTenant tenant = tenants.create();

		Api.Response refused = put(tenant, """
				{"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
				 "review": {"type": "anniversary"}, %s}""".formatted(tiers));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).contains(field);
		assertProblem(tenant.api().get(TIERS), 404, "/problems/tier-not-found");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"window": {"type": "rolling"}, "downgrade": "one_tier", "review": {"type": "anniversary"}                    | window.months
			"window": {"type": "calendar_year", "months": 3}, "downgrade": "one_tier", "review": {"type": "anniversary"} | window.months
			"window": {"type": "rolling", "months": 0}, "downgrade": "one_tier", "review": {"type": "anniversary"}       | window.months
			"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "review": {"type": "fixed"}            | review.date
			"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "review": {"type": "fixed", "date": "13-45"} | review.date
			"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "review": {"type": "anniversary", "date": "01-31"} | review.date
			"window": {"type": "rolling", "months": 12}, "review": {"type": "anniversary"}                               | downgrade
			"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "graceDays": -1, "review": {"type": "anniversary"} | graceDays
			"downgrade": "one_tier", "review": {"type": "anniversary"}                                                   | window
			""")
	void refusesABadPolicyNamingTheField(String policy, String field) {
		TestTenant tenant = tenants.create();

		Api.Response refused = put(tenant, """
				{"metric": "points_earned", %s, "tiers": [{"code": "a", "names": {"fr": "A", "en": "A"},
				 "threshold": 0}]}""".formatted(policy));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).contains(field);
	}

	@Test
	void refusesAnUnknownMetricAndAMissingOne() {
		TestTenant tenant = tenants.create();
		String rest = """
				"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "review": {"type": "anniversary"},
				 "tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0}]""";

		Api.Response unknown = put(tenant, "{\"metric\": \"visits\", " + rest + "}");
		Api.Response missing = put(tenant, "{" + rest + "}");

		assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
		assertThat(unknown.body()).contains("metric");
		assertProblem(missing, 400, "/problems/invalid-request");
		assertThat(fields(missing)).containsExactly("metric");
	}

	@Test
	void anExpressionMetricIsCheckedWhenTheLadderIsPut() {
		TestTenant tenant = tenants.create();
		String rest = """
				"window": {"type": "rolling", "months": 12}, "downgrade": "one_tier", "review": {"type": "anniversary"},
				 "tiers": [{"code": "a", "names": {"fr": "A", "en": "A"}, "threshold": 0}]""";

		Api.Response noExpression = put(tenant, "{\"metric\": \"expression\", " + rest + "}");
		Api.Response notNeeded = put(tenant, "{\"metric\": \"purchases\", \"expression\": \"purchases\", " + rest + "}");
		Api.Response notANumber = put(tenant, "{\"metric\": \"expression\", \"expression\": \"purchases > 2.0\", "
				+ rest + "}");
		Api.Response unknownName = put(tenant, "{\"metric\": \"expression\", \"expression\": \"visits * 2.0\", "
				+ rest + "}");
		Api.Response accepted = put(tenant, "{\"metric\": \"expression\", "
				+ "\"expression\": \"pointsEarned + amountSpent * 2.0\", " + rest + "}");

		assertThat(fields(noExpression)).containsExactly("expression");
		assertThat(fields(notNeeded)).containsExactly("expression");
		assertProblem(notANumber, 422, "/problems/invalid-expression");
		assertThat(fields(notANumber)).containsExactly("expression");
		assertProblem(unknownName, 422, "/problems/invalid-expression");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
		assertThat(accepted.text("/expression")).isEqualTo("pointsEarned + amountSpent * 2.0");
	}

	@Test
	void refusesMoreThanTwentyTiers() {
		TestTenant tenant = tenants.create();
		String tiers = IntStream.range(0, 21)
			.mapToObj(i -> "{\"code\": \"t%d\", \"names\": {\"fr\": \"T\", \"en\": \"T\"}, \"threshold\": %d}"
				.formatted(i, i * 10))
			.collect(Collectors.joining(", "));

		Api.Response refused = put(tenant, """
				{"metric": "purchases", "window": {"type": "calendar_year"}, "downgrade": "one_tier",
				 "review": {"type": "anniversary"}, "tiers": [%s]}""".formatted(tiers));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("tiers");
	}

	@Test
	void refusesAThresholdWithMoreDecimalsThanTheCurrency() {
		TestTenant tenant = tenants.create();

		Api.Response refused = put(tenant, """
				{"metric": "amount_spent", "window": {"type": "calendar_year"}, "downgrade": "one_tier",
				 "review": {"type": "anniversary"}, "tiers": [{"code": "a", "names": {"fr": "A", "en": "A"},
				 "threshold": 0}, {"code": "b", "names": {"fr": "B", "en": "B"}, "threshold": 99.999}]}""");

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("tiers[1].threshold");
	}

	@Test
	void refusesALadderThatLeavesOutATierMembersAreIn() {
		TestTenant tenant = tenants.create();
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		String member = tenant.enrol("{}");
		tenant.purchase(member, "sale-1", "150.00", clock.instant());

		Api.Response refused = put(tenant, """
				{%s, "tiers": [{"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500}]}""".formatted(POLICY));

		assertProblem(refused, 409, "/problems/tier-in-use");
		assertThat(refused.text("/detail")).contains("silver");
		assertThat(tenant.api().get(TIERS).json().path("tiers").size()).isEqualTo(4);
	}

	@Test
	void answersNotFoundForAnUnknownProgramTierOrMember() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		assertProblem(tenant.api().get("/api/v1/programs/nope/tiers"), 404, "/problems/program-not-found");
		assertProblem(tenant.api().get(TIERS), 404, "/problems/tier-not-found");
		assertProblem(tenant.api().get("/api/v1/members/" + member + "/tier"), 404, "/problems/tier-not-found");
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		assertProblem(tenant.api().get(TIERS + "/diamond"), 404, "/problems/tier-not-found");
		assertProblem(tenant.api().get("/api/v1/members/" + UUID.randomUUID() + "/tier"), 404,
				"/problems/member-not-found");
		assertProblem(tenant.api().get("/api/v1/members/" + member + "/tier?program=nope"), 404,
				"/problems/program-not-found");
		assertProblem(tenant.api().get("/api/v1/members/" + UUID.randomUUID() + "/tier-history"), 404,
				"/problems/member-not-found");
	}

	@Test
	void anotherTenantsMemberIsNotFound() {
		TestTenant tenant = tenants.create();
		TestTenant other = tenants.create();
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		put(other, TierScenarioIntegrationTest.ladder(POLICY));
		String member = tenant.enrol("{}");

		assertProblem(other.api().get("/api/v1/members/" + member + "/tier"), 404, "/problems/member-not-found");
		assertProblem(other.api().post("/api/v1/members/" + member + "/tier", """
				{"program": "points", "tier": "gold", "reason": "x", "until": "%s"}"""
			.formatted(clock.instant().plusSeconds(3600))), 404, "/problems/member-not-found");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"program": "points", "tier": "diamond", "reason": "VIP guest", "until": "2100-01-01T00:00:00Z"} | tier
			{"program": "points", "tier": "gold", "reason": "VIP guest", "until": "2000-01-01T00:00:00Z"}   | until
			{"program": "points", "tier": "gold", "until": "2100-01-01T00:00:00Z"}                          | reason
			{"program": "points", "tier": "gold", "reason": " ", "until": "2100-01-01T00:00:00Z"}           | reason
			{"program": "points", "tier": "gold", "reason": "VIP guest"}                                    | until
			{"tier": "gold", "reason": "VIP guest", "until": "2100-01-01T00:00:00Z"}                        | program
			""")
	void refusesABadAssignmentNamingTheFieldAndWritesNothing(String json, String field) {
		TestTenant tenant = tenants.create();
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		String member = tenant.enrol("{}");

		Api.Response refused = tenant.api().post("/api/v1/members/" + member + "/tier", json);

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly(field);
		assertThat(tenant.api().get("/api/v1/members/" + member + "/tier").text("/tier/code")).isEqualTo("bronze");
		assertThat(tenant.api().get("/api/v1/members/" + member + "/tier-history").json().path("items").size())
			.isZero();
	}

	@Test
	void anAssignmentToAProgramWithoutTiersIsNotFound() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");

		assertProblem(tenant.api().post("/api/v1/members/" + member + "/tier", """
				{"program": "points", "tier": "gold", "reason": "x", "until": "2100-01-01T00:00:00Z"}"""), 404,
				"/problems/tier-not-found");
	}

	@Test
	void anAssignmentIsInTheHistoryWithItsReason() {
		TestTenant tenant = tenants.create();
		put(tenant, TierScenarioIntegrationTest.ladder(POLICY));
		String member = tenant.enrol("{}");

		Api.Response assigned = tenant.api().post("/api/v1/members/" + member + "/tier", """
				{"program": "points", "tier": "gold", "reason": "Compensation for a lost order",
				 "until": "%s"}""".formatted(clock.instant().plusSeconds(86_400)));
		Api.Response history = tenant.api().get("/api/v1/members/" + member + "/tier-history");

		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		assertThat(assigned.text("/tier/code")).isEqualTo("gold");
		assertThat(assigned.text("/manualUntil")).isEqualTo(clock.instant().plusSeconds(86_400).toString());
		assertThat(history.text("/items/0/kind")).isEqualTo("upgrade");
		assertThat(history.text("/items/0/from")).isEqualTo("bronze");
		assertThat(history.text("/items/0/program")).isEqualTo("points");
		assertThat(history.text("/items/0/reason")).contains("Compensation for a lost order");
	}

	@Test
	void aRuleWithAnEmptyListOfTiersIsRefused() {
		TestTenant tenant = tenants.create();

		Api.Response refused = tenant.api().post("/api/v1/programs/points/rules", """
				{"name": "Nobody", "trigger": "purchase", "conditions": {"tiers": []},
				 "effect": {"type": "fixed_points", "points": 5}}""");

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("conditions.tiers");
	}

	@Test
	void writingTiersNeedsTheProgramsScope() {
		TestTenant tenant = tenants.create();
		Api.Response key = tenant.api().post("/api/v1/api-keys", "{\"name\": \"till\", \"scopes\": [\"events:write\"]}");
		Api api = tenant.api().withKey(key.text("/key"));

		Api.Response refused = api.send("PUT", TIERS, TierScenarioIntegrationTest.ladder(POLICY),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));

		assertProblem(refused, 403, "/problems/insufficient-scope");
	}
}
