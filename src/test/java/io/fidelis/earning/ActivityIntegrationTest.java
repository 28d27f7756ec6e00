package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.ruleNames;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Activity events (signup, review, referral, custom ones) and the rules that reward them. */
@IntegrationTest
class ActivityIntegrationTest {

	private static final String ADA = "{\"email\": \"ada@example.com\"}";
	private static final String BOB = "{\"email\": \"bob@example.com\"}";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void enrolmentEarnsTheSignupBonusOnceAndTheStatementSaysSo() {
		TestTenant tenant = tenants.create();
		tenant.rule("""
				{"name": "Welcome bonus", "trigger": "signup", "effect": {"type": "fixed_points", "points": 100}}""");

		String memberId = tenant.enrol(ADA);
		Api.Response again = tenant.api().post("/api/v1/members", ADA);

		assertThat(tenant.available(memberId)).isEqualTo(100);
		JsonNode items = tenant.statement(memberId, "?limit=200").get("items");
		assertThat(items).hasSize(1);
		JsonNode signup = items.get(0);
		assertThat(signup.get("kind").asString()).isEqualTo("earn");
		assertThat(signup.get("amount").asLong()).isEqualTo(100);
		assertThat(signup.get("reference").asString()).isEqualTo("signup:" + memberId);
		assertThat(signup.at("/explanation/code").asString()).isEqualTo("earn.activity");
		assertThat(signup.at("/explanation/details/activity").asString()).isEqualTo("signup");
		assertThat(signup.at("/explanation/text").asString()).isEqualTo("100 points for joining: Welcome bonus 100");
		assertProblem(again, 409, "/problems/member-exists");
		assertThat(tenant.available(memberId)).isEqualTo(100);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
		assertThat(tenant.reconciliation().get("issued").asLong()).isEqualTo(100);
		tenant.assertBalanced();
	}

	@Test
	void enrolmentWithoutASignupRuleEarnsNothing() {
		TestTenant tenant = tenants.create();

		String memberId = tenant.enrol(ADA);

		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
	}

	@Test
	void reviewEarnsWhenItsRatingAttributeMatchesTheRule() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Five-star review", "trigger": "review", "conditions": {"attributes": {"rating": "5"}},
				 "effect": {"type": "fixed_points", "points": 30}}""");

		Api.Response fiveStars = review(tenant, memberId, "review-1", "{\"rating\": 5}");
		Api.Response fourStars = review(tenant, memberId, "review-2", "{\"rating\": 4}");
		Api.Response unrated = review(tenant, memberId, "review-3", "{}");

		assertThat(fiveStars.status()).as(fiveStars.toString()).isEqualTo(201);
		assertThat(fiveStars.text("/type")).isEqualTo("review");
		assertThat(fiveStars.text("/memberId")).isEqualTo(memberId);
		assertThat(fiveStars.number("/effects/0/points")).isEqualTo(30);
		assertThat(fiveStars.text("/effects/0/explanation/text"))
			.isEqualTo("30 points for your review: Five-star review 30");
		assertThat(fourStars.status()).as(fourStars.toString()).isEqualTo(201);
		assertThat(fourStars.number("/effects/0/points")).isZero();
		assertThat(verdict(fourStars.json().at("/effects/0/explanation"), "Five-star review").get("reason").asString())
			.isEqualTo("attribute rating is '4', not '5'");
		assertThat(verdict(unrated.json().at("/effects/0/explanation"), "Five-star review").get("reason").asString())
			.isEqualTo("attribute rating is missing, not '5'");
		assertThat(tenant.available(memberId)).isEqualTo(30);
	}

	@Test
	void referralCreditsTheReferrerAndTheMemberReferred() {
		TestTenant tenant = tenants.create();
		String referrer = tenant.enrol(ADA);
		String friend = tenant.enrol(BOB);
		tenant.rule("""
				{"name": "Thanks for the referral", "trigger": "referral", "beneficiary": "referrer",
				 "effect": {"type": "fixed_points", "points": 200}}""");
		tenant.rule("""
				{"name": "Referred welcome", "trigger": "referral", "beneficiary": "member",
				 "effect": {"type": "fixed_points", "points": 50}}""");

		Api.Response referral = referral(tenant, "ref-1", "{\"id\": \"" + friend + "\"}",
				"{\"email\": \"ada@example.com\"}");

		assertThat(referral.status()).as(referral.toString()).isEqualTo(201);
		assertThat(referral.json().get("effects")).hasSize(2);
		JsonNode toFriend = effectFor(referral, friend);
		assertThat(toFriend.get("points").asLong()).isEqualTo(50);
		assertThat(ruleNames(toFriend.get("explanation"))).containsExactly("Referred welcome");
		JsonNode toReferrer = effectFor(referral, referrer);
		assertThat(toReferrer.get("points").asLong()).isEqualTo(200);
		assertThat(ruleNames(toReferrer.get("explanation"))).containsExactly("Thanks for the referral");
		assertThat(toReferrer.at("/explanation/text").asString())
			.isEqualTo("200 points for a referral: Thanks for the referral 200");
		assertThat(tenant.available(friend)).isEqualTo(50);
		assertThat(tenant.available(referrer)).isEqualTo(200);
		assertThat(tenant.statement(referrer).at("/items/0/reference").asString()).isEqualTo("ref-1");
		tenant.assertBalanced();
	}

	@Test
	void referralWithoutReferrerIsRefusedNamingReferrer() {
		TestTenant tenant = tenants.create();
		String friend = tenant.enrol(BOB);

		Api.Response refused = tenant.event("""
				{"type": "referral", "transactionId": "ref-1", "member": {"id": "%s"}, "occurredAt": "%s"}"""
			.formatted(friend, clock.instant()));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("referrer");
		assertThat(activityCount(tenant)).isZero();
	}

	@Test
	void referrerOnAnotherActivityIsRefusedNamingReferrer() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol(ADA);
		String bob = tenant.enrol(BOB);

		Api.Response refused = tenant.event("""
				{"type": "review", "transactionId": "review-1", "member": {"id": "%s"}, "referrer": {"id": "%s"},
				 "occurredAt": "%s"}""".formatted(bob, ada, clock.instant()));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("referrer");
		assertThat(activityCount(tenant)).isZero();
	}

	@Test
	void memberCannotReferThemselves() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Thanks for the referral", "trigger": "referral", "beneficiary": "referrer",
				 "effect": {"type": "fixed_points", "points": 200}}""");

		Api.Response refused = referral(tenant, "ref-1", "{\"id\": \"" + ada + "\"}",
				"{\"email\": \"ada@example.com\"}");

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("referrer");
		assertThat(tenant.available(ada)).isZero();
		assertThat(activityCount(tenant)).isZero();
	}

	@Test
	void undeclaredTypeIsRefusedUntilTheTenantDeclaresIt() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		String workshop = """
				{"type": "workshop", "transactionId": "workshop-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": {"topic": "latte art"}}""".formatted(memberId, clock.instant());

		Api.Response undeclared = tenant.event(workshop);
		Api.Response declared = tenant.api().post("/api/v1/event-types", """
				{"name": "workshop", "description": "Came to a workshop"}""");
		tenant.rule("""
				{"name": "Workshop visit", "trigger": "workshop", "effect": {"type": "fixed_points", "points": 40}}""");
		Api.Response accepted = tenant.event(workshop);

		assertProblem(undeclared, 400, "/problems/invalid-request");
		assertThat(fields(undeclared)).containsExactly("type");
		assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
		assertThat(declared.text("/name")).isEqualTo("workshop");
		assertThat(declared.json().get("builtIn").asBoolean()).isFalse();
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		assertThat(accepted.header("Idempotent-Replayed")).isNull();
		assertThat(accepted.text("/type")).isEqualTo("workshop");
		assertThat(accepted.number("/effects/0/points")).isEqualTo(40);
		assertThat(tenant.available(memberId)).isEqualTo(40);
		List<String> types = new ArrayList<>();
		tenant.api().get("/api/v1/event-types").json().forEach(type -> types.add(type.get("name").asString()));
		assertThat(types).contains("purchase", "return", "review", "workshop");
	}

	@Test
	void declaringABuiltInOrAnExistingTypeIsAConflict() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/event-types", "{\"name\": \"workshop\"}").status()).isEqualTo(201);

		for (String name : List.of("purchase", "return", "review", "signup", "workshop")) {
			Api.Response conflict = tenant.api().post("/api/v1/event-types", "{\"name\": \"" + name + "\"}");
			assertProblem(conflict, 409, "/problems/event-type-exists");
		}
		assertThat(tenant.api().get("/api/v1/event-types").json()).filteredOn(type -> !type.get("builtIn").asBoolean())
			.hasSize(1);
	}

	@Test
	void activityWithAPurchaseFieldIsRefusedNamingIt() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);

		Api.Response refused = tenant.event("""
				{"type": "review", "transactionId": "review-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "10.00"}""".formatted(memberId, clock.instant()));
		Api.Response fixed = review(tenant, memberId, "review-1", "{\"rating\": 5}");

		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("amount");
		assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
		assertThat(fixed.header("Idempotent-Replayed")).isNull();
		assertThat(activityCount(tenant)).isEqualTo(1);
	}

	@Test
	void replayedActivityReturnsTheFirstAnswerAndEarnsOnce() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Survey thanks", "trigger": "survey", "effect": {"type": "fixed_points", "points": 15}}""");
		String survey = """
				{"type": "survey", "transactionId": "survey-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": {"nps": 9}}""".formatted(memberId, clock.instant());

		Api.Response first = tenant.event(survey);
		Api.Response replay = tenant.event(survey);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.number("/effects/0/points")).isEqualTo(15);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(tenant.available(memberId)).isEqualTo(15);
		assertThat(tenant.statement(memberId, "?limit=200").get("items")).hasSize(1);
		assertThat(activityCount(tenant)).isEqualTo(1);
	}

	private Api.Response review(TestTenant tenant, String memberId, String transactionId, String attributes) {
		return tenant.event("""
				{"type": "review", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "attributes": %s}""".formatted(transactionId, memberId, clock.instant(), attributes));
	}

	private Api.Response referral(TestTenant tenant, String transactionId, String member, String referrer) {
		return tenant.event("""
				{"type": "referral", "transactionId": "%s", "member": %s, "referrer": %s, "occurredAt": "%s"}"""
			.formatted(transactionId, member, referrer, clock.instant()));
	}

	/** Activities stored for the tenant, other than signups. */
	private long activityCount(TestTenant tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM activity WHERE tenant_id = :tenant AND event_type <> 'signup'")
			.param("tenant", tenant.id().value())
			.query(Long.class)
			.single();
	}

	private static JsonNode effectFor(Api.Response response, String memberId) {
		for (JsonNode effect : response.json().path("effects")) {
			if (effect.get("memberId").asString().equals(memberId)) {
				return effect;
			}
		}
		throw new AssertionError("no effect for " + memberId + ": " + response);
	}
}
