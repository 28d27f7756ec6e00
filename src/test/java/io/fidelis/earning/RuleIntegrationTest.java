package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.ruleNames;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** A program's earning rules through their API: written, read, versioned, switched off and on, and refused. */
@IntegrationTest
class RuleIntegrationTest {

	private static final String RULES = "/api/v1/programs/points/rules";
	private static final String BONUS = """
			{"name": "Coffee bonus", "description": "Five more points on coffee", "trigger": "purchase",
			 "conditions": {"items": {"categories": ["coffee"]}}, "effect": {"type": "fixed_points", "points": 5},
			 "priority": 150}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void createdRuleIsReadAndListedAfterTheBaseRule() {
		TestTenant tenant = tenants.create();
		// Rules are listed in the order they were created: one created at the tenant's very instant could come first.
		clock.advance(Duration.ofSeconds(1));

		Api.Response created = tenant.api().post(RULES, BONUS);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.text("/id");
		assertThat(created.text("/program")).isEqualTo("points");
		assertThat(created.number("/version")).isEqualTo(1);
		assertThat(created.json().get("active").asBoolean()).isTrue();
		assertThat(created.text("/definition/name")).isEqualTo("Coffee bonus");
		assertThat(created.text("/definition/trigger")).isEqualTo("purchase");
		assertThat(created.text("/definition/effect/type")).isEqualTo("fixed_points");
		assertThat(created.number("/definition/effect/points")).isEqualTo(5);
		assertThat(created.text("/definition/conditions/items/categories/0")).isEqualTo("coffee");
		assertThat(created.number("/definition/priority")).isEqualTo(150);
		Api.Response read = tenant.api().get(RULES + "/" + id);
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(created.json());
		Api.Response list = tenant.api().get(RULES);
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(names(list.json())).containsExactly("Base points", "Coffee bonus");
		assertThat(list.json().get(1)).isEqualTo(created.json());
	}

	@Test
	void updateMakesVersionTwoWhichTheHistoryShowsAboveTheFirstWithWhoChangedItAndHow() {
		TestTenant tenant = tenants.create();
		String id = tenant.rule(BONUS);

		Api.Response updated = put(tenant, id, BONUS.replace("\"points\": 5", "\"points\": 8"));

		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.number("/version")).isEqualTo(2);
		assertThat(updated.number("/definition/effect/points")).isEqualTo(8);
		assertThat(tenant.api().get(RULES + "/" + id).number("/version")).isEqualTo(2);
		Api.Response versions = tenant.api().get(RULES + "/" + id + "/versions");
		assertThat(versions.status()).as(versions.toString()).isEqualTo(200);
		assertThat(versions.json()).hasSize(2);
		String changedBy = "api-key:" + testKeyId(tenant);
		assertThat(versions.number("/0/version")).isEqualTo(2);
		assertThat(versions.text("/0/change")).isEqualTo("updated");
		assertThat(versions.text("/0/changedBy")).isEqualTo(changedBy);
		assertThat(versions.number("/0/definition/effect/points")).isEqualTo(8);
		assertThat(versions.number("/1/version")).isEqualTo(1);
		assertThat(versions.text("/1/change")).isEqualTo("created");
		assertThat(versions.text("/1/changedBy")).isEqualTo(changedBy);
		assertThat(versions.number("/1/definition/effect/points")).isEqualTo(5);
		assertThat(versions.text("/1/changedAt")).isNotNull();
	}

	@Test
	void purchaseAfterAnUpdateIsJudgedByTheNewVersion() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String id = tenant.rule("""
				{"name": "Bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}}""");
		assertThat(put(tenant, id, """
				{"name": "Bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 7}}""").status())
			.isEqualTo(200);

		Api.Response sale = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());

		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
		JsonNode bonus = verdict(sale.json().at("/effects/0/explanation"), "Bonus");
		assertThat(bonus.get("version").asInt()).isEqualTo(2);
		assertThat(bonus.get("points").asLong()).isEqualTo(7);
		assertThat(tenant.available(memberId)).isEqualTo(17);
	}

	@Test
	void deactivatedRuleStopsFiringAndActivatedRuleFiresAgainEachAVersion() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String id = tenant.rule("""
				{"name": "Bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}}""");
		Api.Response before = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());
		assertThat(before.number("/effects/0/points")).isEqualTo(15);

		Api.Response deactivated = tenant.api().post(RULES + "/" + id + "/deactivate", null);
		Api.Response whileOff = tenant.purchase(memberId, "sale-2", "10.00", clock.instant());
		Api.Response activated = tenant.api().post(RULES + "/" + id + "/activate", null);
		Api.Response afterwards = tenant.purchase(memberId, "sale-3", "10.00", clock.instant());

		assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
		assertThat(deactivated.json().get("active").asBoolean()).isFalse();
		assertThat(deactivated.number("/version")).isEqualTo(2);
		assertThat(whileOff.status()).as(whileOff.toString()).isEqualTo(201);
		assertThat(whileOff.number("/effects/0/points")).isEqualTo(10);
		assertThat(ruleNames(whileOff.json().at("/effects/0/explanation"))).containsExactly("Base points");
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		assertThat(activated.json().get("active").asBoolean()).isTrue();
		assertThat(activated.number("/version")).isEqualTo(3);
		assertThat(afterwards.number("/effects/0/points")).isEqualTo(15);
		assertThat(verdict(afterwards.json().at("/effects/0/explanation"), "Bonus").get("version").asInt())
			.isEqualTo(3);
		assertThat(tenant.available(memberId)).isEqualTo(40);
		Api.Response versions = tenant.api().get(RULES + "/" + id + "/versions");
		List<String> changes = new ArrayList<>();
		versions.json().forEach(version -> changes.add(version.get("version").asInt() + " "
				+ version.get("change").asString() + " " + version.get("active").asBoolean()));
		assertThat(changes).containsExactly("3 activated true", "2 deactivated false", "1 created true");
		assertThat(tenant.api().get(RULES + "/" + id).json().get("active").asBoolean()).isTrue();
	}

	@ParameterizedTest(name = "{0} -> 400 naming {2}")
	@CsvSource(delimiter = '|', textBlock = """
			trigger not an event type's name | {"name": "R", "trigger": "Not A Type!", "effect": {"type": "fixed_points", "points": 5}} | trigger
			trigger of no declared type | {"name": "R", "trigger": "workshop", "effect": {"type": "fixed_points", "points": 5}} | trigger
			unknown effect type | {"name": "R", "trigger": "purchase", "effect": {"type": "free_coffee", "points": 5}} | effect.type
			missing effect | {"name": "R", "trigger": "purchase"} | effect
			missing name | {"trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}} | name
			stamps in a points program | {"name": "R", "trigger": "purchase", "effect": {"type": "stamps", "stamps": 1}} | effect.type
			cashback in a points program | {"name": "R", "trigger": "purchase", "effect": {"type": "cashback_percent", "percent": 2}} | effect.type
			purchase conditions on a review | {"name": "R", "trigger": "review", "conditions": {"minAmount": 10}, "effect": {"type": "fixed_points", "points": 5}} | conditions
			amount-based effect on a review | {"name": "R", "trigger": "review", "effect": {"type": "points_per_amount", "points": 1}} | effect.type
			referrer credited on a purchase | {"name": "R", "trigger": "purchase", "beneficiary": "referrer", "effect": {"type": "fixed_points", "points": 5}} | beneficiary
			best_of without group | {"name": "R", "trigger": "purchase", "stacking": {"mode": "best_of"}, "effect": {"type": "fixed_points", "points": 5}} | stacking.group
			group without best_of | {"name": "R", "trigger": "purchase", "stacking": {"mode": "exclusive", "group": "g"}, "effect": {"type": "fixed_points", "points": 5}} | stacking.group
			validTo before validFrom | {"name": "R", "trigger": "purchase", "validFrom": "2026-06-01T00:00:00Z", "validTo": "2026-05-01T00:00:00Z", "effect": {"type": "fixed_points", "points": 5}} | validTo
			unknown campaign | {"name": "R", "trigger": "purchase", "campaign": "summer", "effect": {"type": "fixed_points", "points": 5}} | campaign
			limit with count and points | {"name": "R", "trigger": "purchase", "limits": {"perMember": [{"period": "day", "count": 1, "points": 10}]}, "effect": {"type": "fixed_points", "points": 5}} | limits.perMember[0]
			limit with neither count nor points | {"name": "R", "trigger": "purchase", "limits": {"perMember": [{"period": "day"}]}, "effect": {"type": "fixed_points", "points": 5}} | limits.perMember[0]
			""")
	void refusesAnInvalidRuleWith400NamingTheFieldAndCreatesNothing(String problem, String json, String field) {
		TestTenant tenant = tenants.create();

		Api.Response refused = tenant.api().post(RULES, json);

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).as(refused.toString()).containsOnly(field);
		assertThat(names(tenant.api().get(RULES).json())).containsExactly("Base points");
	}

	@Test
	void refusesAnInvalidUpdateWith400AndKeepsTheVersion() {
		TestTenant tenant = tenants.create();
		String id = tenant.rule(BONUS);

		Api.Response refused = put(tenant, id, """
				{"name": "Coffee bonus", "trigger": "purchase", "effect": {"type": "stamps", "stamps": 1}}""");

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("effect.type");
		assertThat(tenant.api().get(RULES + "/" + id).number("/version")).isEqualTo(1);
		assertThat(tenant.api().get(RULES + "/" + id + "/versions").json()).hasSize(1);
	}

	@Test
	void expressionThatDoesNotCompileIs422WithTheCompilersMessage() {
		TestTenant tenant = tenants.create();

		Api.Response syntax = tenant.api().post(RULES, """
				{"name": "Big spender", "trigger": "purchase", "conditions": {"expression": "event.amount >"},
				 "effect": {"type": "fixed_points", "points": 5}}""");
		Api.Response notBoolean = tenant.api().post(RULES, """
				{"name": "Big spender", "trigger": "purchase", "conditions": {"expression": "event.amount + 1.0"},
				 "effect": {"type": "fixed_points", "points": 5}}""");

		assertProblem(syntax, 422, "/problems/invalid-expression");
		assertThat(syntax.text("/detail")).startsWith("ERROR: <input>:1:15: mismatched input '<EOF>'")
			.contains("| event.amount >");
		assertThat(fields(syntax)).containsExactly("conditions.expression");
		assertThat(syntax.text("/errors/0/message")).isEqualTo(syntax.text("/detail"));
		assertProblem(notBoolean, 422, "/problems/invalid-expression");
		assertThat(fields(notBoolean)).containsExactly("conditions.expression");
		assertThat(names(tenant.api().get(RULES).json())).containsExactly("Base points");
	}

	@Test
	void ruleWithAValidExpressionFiresWhenItIsTrue() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.rule("""
				{"name": "Big spender", "trigger": "purchase", "conditions": {"expression": "event.amount >= 100.0"},
				 "effect": {"type": "fixed_points", "points": 25}}""");

		Api.Response small = tenant.purchase(memberId, "sale-1", "99.99", clock.instant());
		Api.Response big = tenant.purchase(memberId, "sale-2", "100.00", clock.instant());

		JsonNode refused = verdict(small.json().at("/effects/0/explanation"), "Big spender");
		assertThat(refused.get("fired").asBoolean()).isFalse();
		assertThat(refused.get("reason").asString()).contains("event.amount >= 100.0", "false");
		assertThat(verdict(big.json().at("/effects/0/explanation"), "Big spender").get("points").asLong()).isEqualTo(25);
		assertThat(tenant.available(memberId)).isEqualTo(99 + 100 + 25);
	}

	@Test
	void unknownProgramOrRuleIsNotFound() {
		TestTenant tenant = tenants.create();
		String unknown = UUID.randomUUID().toString();

		assertProblem(tenant.api().post("/api/v1/programs/nope/rules", BONUS), 404, "/problems/program-not-found");
		assertProblem(tenant.api().get("/api/v1/programs/nope/rules"), 404, "/problems/program-not-found");
		assertProblem(tenant.api().get(RULES + "/" + unknown), 404, "/problems/rule-not-found");
		assertProblem(tenant.api().get(RULES + "/" + unknown + "/versions"), 404, "/problems/rule-not-found");
		assertProblem(put(tenant, unknown, BONUS), 404, "/problems/rule-not-found");
		assertProblem(tenant.api().post(RULES + "/" + unknown + "/deactivate", null), 404, "/problems/rule-not-found");
		assertProblem(tenant.api().post(RULES + "/" + unknown + "/activate", null), 404, "/problems/rule-not-found");
	}

	@Test
	void anotherTenantsRuleIsNotFoundAndStaysAsItWas() {
		TestTenant owner = tenants.create();
		TestTenant other = tenants.create();
		String id = owner.rule(BONUS);

		assertProblem(other.api().get(RULES + "/" + id), 404, "/problems/rule-not-found");
		assertProblem(other.api().get(RULES + "/" + id + "/versions"), 404, "/problems/rule-not-found");
		assertProblem(put(other, id, BONUS.replace("\"points\": 5", "\"points\": 500")), 404,
				"/problems/rule-not-found");
		assertProblem(other.api().post(RULES + "/" + id + "/deactivate", null), 404, "/problems/rule-not-found");
		assertThat(names(other.api().get(RULES).json())).containsExactly("Base points");
		Api.Response unchanged = owner.api().get(RULES + "/" + id);
		assertThat(unchanged.number("/version")).isEqualTo(1);
		assertThat(unchanged.json().get("active").asBoolean()).isTrue();
		assertThat(unchanged.number("/definition/effect/points")).isEqualTo(5);
	}

	@Test
	void replayedCreationReturnsTheFirstRuleAndCreatesItOnce() {
		TestTenant tenant = tenants.create();
		String key = UUID.randomUUID().toString();

		Api.Response first = tenant.api().post(RULES, BONUS, key);
		Api.Response replay = tenant.api().post(RULES, BONUS, key);
		Api.Response otherBody = tenant.api().post(RULES, BONUS.replace("Coffee bonus", "Tea bonus"), key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertProblem(otherBody, 409, "/problems/idempotency-key-reused");
		assertThat(names(tenant.api().get(RULES).json())).containsExactlyInAnyOrder("Base points", "Coffee bonus");
	}

	@Test
	void writingARuleWithoutIdempotencyKeyIsRefused() {
		TestTenant tenant = tenants.create();
		String id = tenant.rule(BONUS);

		assertProblem(tenant.api().post(RULES, BONUS, null), 400, "/problems/idempotency-key-required");
		assertProblem(tenant.api().send("PUT", RULES + "/" + id, BONUS, Map.of()), 400,
				"/problems/idempotency-key-required");
		assertProblem(tenant.api().post(RULES + "/" + id + "/deactivate", null, null), 400,
				"/problems/idempotency-key-required");
		assertThat(names(tenant.api().get(RULES).json())).containsExactlyInAnyOrder("Base points", "Coffee bonus");
		assertThat(tenant.api().get(RULES + "/" + id).number("/version")).isEqualTo(1);
	}

	@Test
	void keyWithoutProgramsWriteCannotWriteRules() {
		TestTenant tenant = tenants.create();
		String id = tenant.rule(BONUS);
		Api.Response issued = tenant.api().post("/api/v1/api-keys", """
				{"name": "till", "scopes": ["events:write", "members:read"]}""");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		Api till = tenant.api().withKey(issued.text("/key"));

		assertProblem(till.post(RULES, BONUS), 403, "/problems/insufficient-scope");
		assertProblem(till.send("PUT", RULES + "/" + id, BONUS, Map.of("Idempotency-Key", "k-1")), 403,
				"/problems/insufficient-scope");
		assertProblem(till.post(RULES + "/" + id + "/deactivate", null), 403, "/problems/insufficient-scope");
		assertThat(names(tenant.api().get(RULES).json())).containsExactlyInAnyOrder("Base points", "Coffee bonus");
		assertThat(tenant.api().get(RULES + "/" + id).json().get("active").asBoolean()).isTrue();
	}

	private static Api.Response put(TestTenant tenant, String id, String json) {
		return tenant.api().send("PUT", RULES + "/" + id, json,
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
	}

	/** The id of the API key a test tenant is created with: rules say it changed them. */
	private static String testKeyId(TestTenant tenant) {
		for (JsonNode key : tenant.api().get("/api/v1/api-keys").json()) {
			if (key.get("name").asString().equals("test")) {
				return key.get("id").asString();
			}
		}
		throw new AssertionError("no test key");
	}

	/** The names of the rules a list of rules gives. */
	private static List<String> names(JsonNode rules) {
		List<String> names = new ArrayList<>();
		rules.forEach(rule -> names.add(rule.at("/definition/name").asString()));
		return names;
	}
}
