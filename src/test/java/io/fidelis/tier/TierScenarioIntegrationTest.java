package io.fidelis.tier;

import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.fidelis.support.AtOnce;
import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Tiers as scripts: a points program earning 1 point per euro, with the ladder bronze (0), silver (100), gold (500,
 * earns twice) and platinum (1000, earns three times) on the metric each test picks.
 */
@IntegrationTest
@Import(TierMovesHeard.class)
class TierScenarioIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	TierReviewJob reviews;

	@Autowired
	TierMovesHeard heard;

	/** A ladder as one line of JSON, the policy given as its JSON fields ({@code "metric": "purchases", ...}). */
	static String ladder(String policy) {
		return """
				{%s, "tiers": [
				 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
				 {"code": "silver", "names": {"fr": "Argent", "en": "Silver"}, "threshold": 100},
				 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500, "earnMultiplier": 2,
				  "perks": {"fr": ["Livraison offerte"], "en": ["Free delivery"]}},
				 {"code": "platinum", "names": {"fr": "Platine", "en": "Platinum"}, "threshold": 1000,
				  "earnMultiplier": 3}]}""".formatted(policy).replace("\n", "");
	}

	static String ladder(String metric, String window, String downgrade, int graceDays) {
		return ladder("""
				"metric": "%s", "window": %s, "downgrade": "%s", "graceDays": %d, "review": {"type": "anniversary"}"""
			.formatted(metric, window, downgrade, graceDays));
	}

	private static final String ROLLING_YEAR = "{\"type\": \"rolling\", \"months\": 12}";

	private TierScript script(TestTenant tenant) {
		return new TierScript(tenant, clock, reviews, heard);
	}

	private void script(String script) {
		script(tenants.create()).run(script);
	}

	@Test
	void anExpressionScoresMembersOnWhatTheOtherMetricsCount() {
		// 1 per point earned and 10 per purchase: 40.00 EUR earns 40 points and scores 50.
		script("""
				tiers %s
				buy A 40.00
				expect A tier bronze
				buy A 40.00
				expect A tier silver
				""".formatted(ladder("""
				"metric": "expression", "expression": "pointsEarned + purchases * 10.0", "window": %s,
				"downgrade": "one_tier", "review": {"type": "anniversary"}""".formatted(ROLLING_YEAR))));
	}

	@Test
	void climbsThroughEveryTierAsSoonAsTheMetricReachesEachThreshold() {
		script("""
				tiers %s
				buy A 60.00
				expect A tier bronze
				expect A next 40
				buy A 50.00
				expect A tier silver
				expect A metric 110
				buy A 400.00
				expect A tier gold
				# gold earns twice: 300 euros make 600 points, and the 1110 points earned reach platinum
				buy A 300.00
				expect A tier platinum
				expect A metric 1110
				expect A points 1110
				expect A moves up:silver up:gold up:platinum
				expect A history upgrade:silver upgrade:gold upgrade:platinum
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
	}

	@Test
	void aTiersEarnMultiplierIsAppliedToWhatTheRulesGiveAndExplained() {
		TestTenant tenant = tenants.create();
		TierScript script = script(tenant);
		script.run("""
				tiers %s
				buy A 500.00
				expect A tier gold
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
		String member = tenant.api().get("/api/v1/members?identifier=A").json().path("items").path(0).path("id")
			.asString();

		Api.Response earned = tenant.purchase(member, "sale-gold", "49.00", clock.instant());

		assertThat(earned.number("/effects/0/points")).as(earned.toString()).isEqualTo(98);
		assertThat(verdict(earned.json().path("effects").path(0).path("explanation"), "Gold tier multiplier")
			.path("computation")
			.asString()).isEqualTo("2 × 49 points = 98");
		assertThat(tenant.available(member)).isEqualTo(598);
	}

	@Test
	void downgradesOnlyAtTheReviewByOneTier() {
		script("""
				tiers %s
				buy A 1000.00
				expect A tier platinum
				tick 200 days
				review
				expect A tier platinum
				tick 170 days
				review
				expect A tier gold
				review
				expect A tier gold
				expect A moves up:platinum down:gold
				expect A history upgrade:platinum downgrade:gold
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
	}

	@Test
	void downgradesAtTheReviewToTheTierTheMetricSupports() {
		script("""
				tiers %s
				buy A 1000.00
				tick 300 days
				buy A 150.00
				tick 70 days
				review
				expect A tier silver
				# platinum earned three times: 450 points
				expect A metric 450
				expect A moves up:platinum down:silver
				""".formatted(ladder("points_earned", ROLLING_YEAR, "to_supported_tier", 0)));
	}

	@Test
	void aGracePeriodDelaysTheDowngrade() {
		script("""
				tiers %s
				buy A 500.00
				# reviewed a day late: the grace period runs from the review date
				tick 1 year
				tick 1 day
				review
				expect A tier gold
				tick 28 days
				review
				expect A tier gold
				tick 2 days
				review
				expect A tier silver
				expect A moves up:gold down:silver
				expect A history upgrade:gold grace:gold downgrade:silver
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 30)));
	}

	@Test
	void aMemberWhoQualifiesAgainDuringTheGracePeriodKeepsTheTier() {
		script("""
				tiers %s
				buy A 500.00
				tick 1 year
				tick 1 day
				review
				# gold earns twice: 500 points, enough for gold again
				buy A 250.00
				tick 31 days
				review
				expect A tier gold
				expect A history upgrade:gold grace:gold kept:gold
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 30)));
	}

	@Test
	void aReviewMissedWhileTheServiceWasDownHappensOnceAtTheNextRun() {
		script("""
				tiers %s
				buy A 1000.00
				tick 800 days
				review
				review
				expect A tier gold
				expect A moves up:platinum down:gold
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 30)));
	}

	@Test
	void aRollingWindowCountsTheLastMonthsAndACalendarWindowTheYearSoFar() {
		String rolling = ladder("points_earned", ROLLING_YEAR, "one_tier", 0);
		String calendar = ladder("points_earned", "{\"type\": \"calendar_year\"}", "one_tier", 0);
		TestTenant rollingTenant = tenants.create();
		TestTenant calendarTenant = tenants.create();
		TierScript rollingScript = script(rollingTenant);
		TierScript calendarScript = script(calendarTenant);
		rollingScript.run("tiers " + rolling);
		calendarScript.run("tiers " + calendar);
		rollingScript.run("buy A 300.00");
		calendarScript.run("buy A 300.00");

		Instant newYear = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
			.withDayOfYear(1)
			.plusYears(1)
			.plusDays(1)
			.atTime(12, 0)
			.toInstant(ZoneOffset.UTC);
		clock.advance(java.time.Duration.between(clock.instant(), newYear));
		rollingScript.run("""
				buy A 300.00
				expect A metric 600
				expect A tier gold
				""");
		calendarScript.run("""
				buy A 300.00
				expect A metric 300
				expect A tier silver
				""");
	}

	@Test
	void returnsUndoQualificationAtTheNextReview() {
		script("""
				tiers %s
				buy A 500.00 as s1
				expect A tier gold
				return s1 200.00
				expect A metric 300
				expect A tier gold
				tick 366 days
				review
				expect A tier silver
				expect A moves up:gold down:silver
				""".formatted(ladder("amount_spent", "{\"type\": \"rolling\", \"months\": 24}", "to_supported_tier", 0)));
	}

	@Test
	void aLadderMayHaveReturnsBringTheReviewForward() {
		script("""
				tiers %s
				buy A 500.00 as s1
				buy B 510.00 as s2
				return s1 200.00
				return s2 10.00
				review
				expect A tier silver
				expect B tier gold
				expect A moves up:gold down:silver
				""".formatted(ladder("""
				"metric": "amount_spent", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
				"review": {"type": "anniversary"}, "returnsBringReviewForward": true""")));
	}

	@Test
	void aPurchaseWhollyReturnedNoLongerCounts() {
		script("""
				tiers {"metric": "purchases", "window": {"type": "rolling", "months": 24}, "downgrade": "to_supported_tier", "review": {"type": "fixed", "date": "01-01"}, "tiers": [{"code": "new", "names": {"fr": "Nouveau", "en": "New"}, "threshold": 0}, {"code": "regular", "names": {"fr": "Habitué", "en": "Regular"}, "threshold": 2}]}
				buy A 10.00 as s1
				buy A 10.00 as s2
				expect A tier regular
				return s1 4.00
				expect A metric 2
				return s1 6.00
				expect A metric 1
				tick 366 days
				review
				expect A tier new
				""");
	}

	@Test
	void anOperatorsAssignmentLastsUntilItsEndThenTheMetricDecides() {
		script("""
				tiers %s
				buy A 150.00
				assign A platinum 30 days
				expect A tier platinum
				tick 29 days
				review
				expect A tier platinum
				tick 2 days
				review
				expect A tier silver
				expect A moves up:silver up:platinum down:silver
				expect A history upgrade:silver upgrade:platinum downgrade:silver
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
	}

	@Test
	void manyEarnsCrossingAThresholdAtOnceMakeOneUpgrade() throws Exception {
		TestTenant tenant = tenants.create();
		TierScript script = script(tenant);
		script.run("""
				tiers %s
				buy A 10.00
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
		String member = tenant.api().get("/api/v1/members?identifier=A").json().path("items").path(0).path("id")
			.asString();

		List<Api.Response> responses = AtOnce.send(20,
				i -> tenant.purchase(member, "race-" + i, "10.00", clock.instant()));

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isEqualTo(201));
		script.run("""
				expect A tier silver
				expect A metric 210
				expect A moves up:silver
				expect A history upgrade:silver
				""");
	}

	@Test
	void aRuleMayAskForTiers() {
		TestTenant tenant = tenants.create();
		TierScript script = script(tenant);
		tenant.rule("""
				{"name": "Gold welcome drink", "trigger": "purchase", "conditions": {"tiers": ["gold", "platinum"]},
				 "effect": {"type": "fixed_points", "points": 30}}""");
		script.run("""
				tiers %s
				buy A 500.00
				buy B 10.00
				""".formatted(ladder("points_earned", ROLLING_YEAR, "one_tier", 0)));
		String gold = tenant.api().get("/api/v1/members?identifier=A").json().path("items").path(0).path("id")
			.asString();
		String bronze = tenant.api().get("/api/v1/members?identifier=B").json().path("items").path(0).path("id")
			.asString();

		Api.Response forGold = tenant.purchase(gold, "drink-1", "10.00", clock.instant());
		Api.Response forBronze = tenant.purchase(bronze, "drink-2", "10.00", clock.instant());

		assertThat(verdict(forGold.json().path("effects").path(0).path("explanation"), "Gold welcome drink")
			.path("fired")
			.asBoolean()).as(forGold.toString()).isTrue();
		// (10 + 30) × 2: the multiplier applies to everything the rules gave.
		assertThat(forGold.number("/effects/0/points")).isEqualTo(80);
		assertThat(verdict(forBronze.json().path("effects").path(0).path("explanation"), "Gold welcome drink")
			.path("reason")
			.asString()).isEqualTo("the member's tier bronze is not one of [gold, platinum]");
	}

	@Test
	void aTiersWelcomeRewardIsGivenFreeEachTimeAMemberReachesIt() {
		TestTenant tenant = tenants.create();
		Api.Response reward = tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "welcome-drink", "type": "free_product", "sku": "COFFEE", "cost": 100, "stock": 1,
				 "texts": {"en": {"name": "A welcome drink"}, "fr": {"name": "Un verre de bienvenue"}}}""");
		assertThat(reward.status()).as(reward.toString()).isEqualTo(201);
		String ladder = ladder("points_earned", ROLLING_YEAR, "one_tier", 0)
			.replace("\"earnMultiplier\": 2,", "\"earnMultiplier\": 2, \"welcomeReward\": \"welcome-drink\",");
		script(tenant).run("""
				tiers %s
				buy A 500.00
				expect A tier gold
				expect A points 500
				buy B 500.00
				expect B tier gold
				""".formatted(ladder));
		String first = member(tenant, "A");
		String second = member(tenant, "B");

		Api.Response vouchers = tenant.api().get("/api/v1/members/" + first + "/vouchers");
		assertThat(vouchers.json().path("items").size()).as(vouchers.toString()).isEqualTo(1);
		assertThat(tenant.api().get("/api/v1/members/" + first + "/redemptions").text("/items/0/grantedBy"))
			.isEqualTo("welcome to tier 'gold'");
		assertThat(tenant.available(first)).as("a welcome reward costs nothing").isEqualTo(500);
		assertThat(tenant.api().get("/api/v1/members/" + second + "/vouchers").json().path("items").size())
			.as("out of stock: the upgrade stands without the reward")
			.isZero();
		assertThat(tenant.available(second)).isEqualTo(500);
		tenant.assertBalanced();
	}

	private static String member(TestTenant tenant, String externalId) {
		return tenant.api().get("/api/v1/members?identifier=" + externalId).json().path("items").path(0).path("id")
			.asString();
	}
}
