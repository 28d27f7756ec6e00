package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

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

/** Rules and campaigns that look at members' labels, end to end: labels put through the API, events, simulation. */
@IntegrationTest
class LabelRulesIntegrationTest {

	private static final String RULES = "/api/v1/programs/points/rules";
	private static final String CAMPAIGNS = "/api/v1/programs/points/campaigns";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void aRuleOnLabelsFiresForMembersWithThemAndSaysWhyNotForTheOthers() {
		TestTenant tenant = tenants.create();
		String vip = tenant.enrol("{\"labels\": [\"vip\"]}");
		String staffVip = tenant.enrol("{\"labels\": [\"vip\", \"staff\"]}");
		String other = tenant.enrol("{\"labels\": [\"newsletter-2026\"]}");
		tenant.rule("""
				{"name": "VIP bonus", "trigger": "purchase", "conditions": {"labels": {"anyOf": ["vip", "gold"],
				 "noneOf": ["staff"]}}, "effect": {"type": "fixed_points", "points": 30}}""");

		Api.Response forVip = tenant.purchase(vip, "sale-1", "10.00", clock.instant());
		Api.Response forStaff = tenant.purchase(staffVip, "sale-2", "10.00", clock.instant());
		Api.Response forOther = tenant.purchase(other, "sale-3", "10.00", clock.instant());

		assertFired(forVip, "VIP bonus", 30);
		assertThat(forVip.number("/effects/0/points")).isEqualTo(40);
		assertNotFired(forStaff, "VIP bonus", "the member has [staff] of the excluded labels [staff]");
		assertNotFired(forOther, "VIP bonus", "the member has none of the labels [gold, vip]");
		assertThat(tenant.available(vip)).isEqualTo(40);
		assertThat(tenant.available(staffVip)).isEqualTo(10);
		assertThat(tenant.available(other)).isEqualTo(10);
	}

	@Test
	void aLabelPutOrRemovedCountsFromTheNextEvent() {
		TestTenant tenant = tenants.create();
		String member = tenant.enrol("{}");
		tenant.rule("""
				{"name": "Gold bonus", "trigger": "purchase", "conditions": {"labels": {"allOf": ["gold"]}},
				 "effect": {"type": "fixed_points", "points": 5}}""");

		Api.Response before = tenant.purchase(member, "sale-1", "10.00", clock.instant());
		tenant.api().put("/api/v1/members/" + member + "/labels/gold");
		Api.Response labelled = tenant.purchase(member, "sale-2", "10.00", clock.instant());
		tenant.api().delete("/api/v1/members/" + member + "/labels/gold");
		Api.Response after = tenant.purchase(member, "sale-3", "10.00", clock.instant());

		assertNotFired(before, "Gold bonus", "the member lacks [gold] of the labels [gold]");
		assertFired(labelled, "Gold bonus", 5);
		assertNotFired(after, "Gold bonus", "the member lacks [gold] of the labels [gold]");
		assertThat(tenant.available(member)).isEqualTo(35);
	}

	@Test
	void aSimulationJudgesLabelsAsTheRealEventWould() {
		TestTenant tenant = tenants.create();
		String vip = tenant.enrol("{\"labels\": [\"vip\"]}");
		String other = tenant.enrol("{}");
		tenant.rule("""
				{"name": "VIP bonus", "trigger": "purchase", "conditions": {"labels": {"anyOf": ["vip"]}},
				 "effect": {"type": "fixed_points", "points": 30}}""");

		Api.Response forVip = simulate(tenant, vip);
		Api.Response forOther = simulate(tenant, other);

		assertThat(forVip.status()).as(forVip.toString()).isEqualTo(200);
		assertFired(forVip, "VIP bonus", 30);
		assertThat(forVip.number("/effects/0/points")).isEqualTo(40);
		assertNotFired(forOther, "VIP bonus", "the member has none of the labels [vip]");
		assertThat(tenant.available(vip)).as("a simulation writes nothing").isZero();
	}

	@Test
	void aSignupRuleSeesTheLabelsGivenAtEnrolment() {
		TestTenant tenant = tenants.create();
		tenant.rule("""
				{"name": "Welcome bonus", "trigger": "signup", "conditions": {"labels": {"noneOf": ["staff"]}},
				 "effect": {"type": "fixed_points", "points": 100}}""");

		String customer = tenant.enrol("{\"labels\": [\"newsletter-2026\"]}");
		String staff = tenant.enrol("{\"labels\": [\"staff\"]}");

		assertThat(tenant.available(customer)).isEqualTo(100);
		assertThat(tenant.available(staff)).isZero();
	}

	@Test
	void anExpressionSeesTheMembersLabels() {
		TestTenant tenant = tenants.create();
		String vip = tenant.enrol("{\"labels\": [\"vip\", \"paris\"]}");
		String other = tenant.enrol("{\"labels\": [\"paris\"]}");
		tenant.rule("""
				{"name": "VIP big basket", "trigger": "purchase",
				 "conditions": {"expression": "'vip' in member.labels && event.amount >= 20.0"},
				 "effect": {"type": "fixed_points", "points": 50}}""");

		Api.Response small = tenant.purchase(vip, "sale-1", "10.00", clock.instant());
		Api.Response big = tenant.purchase(vip, "sale-2", "20.00", clock.instant());
		Api.Response notVip = tenant.purchase(other, "sale-3", "20.00", clock.instant());

		assertNotFired(small, "VIP big basket",
				"the expression 'vip' in member.labels && event.amount >= 20.0 is false");
		assertFired(big, "VIP big basket", 50);
		assertNotFired(notVip, "VIP big basket",
				"the expression 'vip' in member.labels && event.amount >= 20.0 is false");
	}

	@Test
	void aCampaignsRulesFireOnlyForItsAudience() {
		TestTenant tenant = tenants.create();
		String vip = tenant.enrol("{\"labels\": [\"vip\"]}");
		String staffVip = tenant.enrol("{\"labels\": [\"vip\", \"staff\"]}");
		String other = tenant.enrol("{}");
		tenant.campaign(campaign("vip-week", """
				, "audience": {"labels": {"anyOf": ["vip"], "noneOf": ["staff"]}}"""));
		tenant.rule("""
				{"name": "VIP week double", "trigger": "purchase", "campaign": "vip-week",
				 "effect": {"type": "multiplier", "factor": 2}, "priority": 200}""");

		Api.Response forVip = tenant.purchase(vip, "sale-1", "10.00", clock.instant());
		Api.Response forStaff = tenant.purchase(staffVip, "sale-2", "10.00", clock.instant());
		Api.Response forOther = tenant.purchase(other, "sale-3", "10.00", clock.instant());
		Api.Response anonymous = tenant.event("""
				{"type": "purchase", "transactionId": "sale-4", "occurredAt": "%s", "amount": "10.00",
				 "currency": "EUR"}""".formatted(clock.instant()));

		assertFired(forVip, "VIP week double", 10);
		assertNotFired(forStaff, "VIP week double",
				"not in the audience of campaign vip-week: the member has [staff] of the excluded labels [staff]");
		assertNotFired(forOther, "VIP week double",
				"not in the audience of campaign vip-week: the member has none of the labels [vip]");
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(201);
		assertThat(anonymous.json().get("effects").isEmpty()).as("no member, no audience, nothing earned").isTrue();
		assertThat(tenant.available(vip)).isEqualTo(20);
		assertThat(tenant.available(other)).isEqualTo(10);
		Api.Response read = tenant.api().get(CAMPAIGNS + "/vip-week");
		assertThat(read.json().at("/audience/labels/anyOf").toString()).isEqualTo("[\"vip\"]");
		assertThat(read.json().at("/audience/labels/noneOf").toString()).isEqualTo("[\"staff\"]");
	}

	@Test
	void aCampaignsAudienceCanBeChangedOrRemoved() {
		TestTenant tenant = tenants.create();
		String other = tenant.enrol("{}");
		tenant.campaign(campaign("vip-week", ", \"audience\": {\"labels\": {\"anyOf\": [\"vip\"]}}"));
		tenant.rule("""
				{"name": "VIP week bonus", "trigger": "purchase", "campaign": "vip-week",
				 "effect": {"type": "fixed_points", "points": 5}}""");
		assertNotFired(tenant.purchase(other, "sale-1", "10.00", clock.instant()), "VIP week bonus",
				"not in the audience of campaign vip-week: the member has none of the labels [vip]");

		Api.Response opened = tenant.api().send("PUT", CAMPAIGNS + "/vip-week", campaign(null, ""),
				Map.of("Idempotency-Key", "open-it"));

		assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
		assertThat(opened.json().get("audience").isNull()).isTrue();
		assertFired(tenant.purchase(other, "sale-2", "10.00", clock.instant()), "VIP week bonus", 5);
	}

	@ParameterizedTest(name = "{0} -> 400 naming {2}")
	@CsvSource(delimiter = '|', textBlock = """
			no label named | {"labels": {}} | conditions.labels
			only empty lists | {"labels": {"anyOf": [], "allOf": [], "noneOf": []}} | conditions.labels
			upper case | {"labels": {"anyOf": ["VIP"]}} | conditions.labels.anyOf[0]
			starting with a dash | {"labels": {"allOf": ["vip", "-staff"]}} | conditions.labels.allOf[1]
			too long | {"labels": {"noneOf": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}} | conditions.labels.noneOf[0]
			null label | {"labels": {"anyOf": [null]}} | conditions.labels.anyOf[0]
			not a list | {"labels": {"anyOf": "vip"}} | conditions.labels.anyOf
			unknown list | {"labels": {"oneOf": ["vip"]}} | conditions.labels.oneOf
			""")
	void aRuleWithBadLabelsIsRefusedNamingTheField(String problem, String conditions, String field) {
		TestTenant tenant = tenants.create();

		Api.Response refused = tenant.api().post(RULES, """
				{"name": "R", "trigger": "purchase", "conditions": %s, "effect": {"type": "fixed_points", "points": 5}}"""
			.formatted(conditions));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).as(refused.toString()).containsOnly(field);
		assertThat(tenant.api().get(RULES).json().size()).as("only the base rule").isEqualTo(1);
	}

	@Test
	void aRuleMayNameFiftyLabelsInAListButNotFiftyOne() {
		TestTenant tenant = tenants.create();

		Api.Response fifty = tenant.api().post(RULES, ruleWithAnyOf(50));
		Api.Response fiftyOne = tenant.api().post(RULES, ruleWithAnyOf(51));

		assertThat(fifty.status()).as(fifty.toString()).isEqualTo(201);
		assertProblem(fiftyOne, 400, "/problems/invalid-request");
		assertThat(fields(fiftyOne)).containsExactly("conditions.labels.anyOf");
	}

	@ParameterizedTest(name = "{0} -> 400 naming {2}")
	@CsvSource(delimiter = '|', textBlock = """
			nothing named | , "audience": {} | audience
			labels naming none | , "audience": {"labels": {"anyOf": []}} | audience.labels
			bad label | , "audience": {"labels": {"anyOf": ["Gold"]}} | audience.labels.anyOf[0]
			no tier | , "audience": {"tiers": []} | audience.tiers
			no segment | , "audience": {"segments": []} | audience.segments
			unknown segment | , "audience": {"segments": ["vip"]} | audience.segments
			not an object | , "audience": "vip" | audience
			unknown field | , "audience": {"stores": ["paris"]} | audience.stores
			""")
	void aCampaignWithABadAudienceIsRefusedNamingTheFieldAndCreatesNothing(String problem, String audience,
			String field) {
		TestTenant tenant = tenants.create();

		Api.Response refused = tenant.api().post(CAMPAIGNS, campaign("vip-week", audience));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).as(refused.toString()).containsOnly(field);
		assertThat(tenant.api().get(CAMPAIGNS).json().isEmpty()).isTrue();
	}

	/** A campaign running from a day ago to a week ahead, with these more fields (a leading comma included). */
	private String campaign(String code, String moreFields) {
		return """
				{%s"name": "VIP week", "startsAt": "%s", "endsAt": "%s"%s}""".formatted(
				code == null ? "" : "\"code\": \"" + code + "\", ", clock.instant().minus(Duration.ofDays(1)),
				clock.instant().plus(Duration.ofDays(7)), moreFields);
	}

	private static String ruleWithAnyOf(int labels) {
		StringBuilder anyOf = new StringBuilder();
		for (int i = 1; i <= labels; i++) {
			anyOf.append(i == 1 ? "" : ", ").append("\"label-").append(i).append('"');
		}
		return """
				{"name": "Many labels", "trigger": "purchase", "conditions": {"labels": {"anyOf": [%s]}},
				 "effect": {"type": "fixed_points", "points": 5}}""".formatted(anyOf);
	}

	private Api.Response simulate(TestTenant tenant, String memberId) {
		return tenant.api().post("/api/v1/events:simulate", """
				{"type": "purchase", "transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00", "currency": "EUR"}""".formatted(memberId, clock.instant()), null);
	}

	private static void assertFired(Api.Response response, String rule, long points) {
		assertThat(response.status()).as(response.toString()).isIn(200, 201);
		JsonNode line = verdict(response.json().at("/effects/0/explanation"), rule);
		assertThat(line.get("fired").asBoolean()).as(line.toString()).isTrue();
		assertThat(line.get("points").asLong()).as(line.toString()).isEqualTo(points);
	}

	private static void assertNotFired(Api.Response response, String rule, String reason) {
		assertThat(response.status()).as(response.toString()).isIn(200, 201);
		JsonNode line = verdict(response.json().at("/effects/0/explanation"), rule);
		assertThat(line.get("fired").asBoolean()).as(line.toString()).isFalse();
		assertThat(line.get("reason").asString()).isEqualTo(reason);
	}
}
