package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.ruleNames;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Earning rules end to end: a rule is written through the API, a purchase comes in, the ledger says what it gave. */
@IntegrationTest
class EarningRulesIntegrationTest {

	private static final String ADA = "{\"email\": \"ada@example.com\"}";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void weekendCampaignMultipliesOnSaturdayAndEachRuleSaysWhyItFiredOrNot() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.campaign("""
				{"code": "weekend", "name": "Double points weekends", "startsAt": "%s", "endsAt": "%s"}"""
			.formatted(clock.instant().minus(Duration.ofDays(30)), clock.instant().plus(Duration.ofDays(30))));
		tenant.rule("""
				{"name": "Big basket", "trigger": "purchase", "conditions": {"minAmount": 100},
				 "effect": {"type": "fixed_points", "points": 20}, "priority": 110}""");
		tenant.rule("""
				{"name": "Weekend double", "trigger": "purchase", "campaign": "weekend",
				 "conditions": {"daysOfWeek": ["saturday", "sunday"]}, "effect": {"type": "multiplier", "factor": 2},
				 "priority": 200}""");

		Api.Response saturday = tenant.purchase(memberId, "sat-1", "40.00", lastNoonOn(DayOfWeek.SATURDAY));
		Api.Response wednesday = tenant.purchase(memberId, "wed-1", "40.00", lastNoonOn(DayOfWeek.WEDNESDAY));

		assertThat(saturday.status()).as(saturday.toString()).isEqualTo(201);
		assertThat(saturday.number("/effects/0/points")).isEqualTo(80);
		JsonNode weekend = saturday.json().at("/effects/0/explanation");
		assertThat(ruleNames(weekend)).containsExactly("Base points", "Big basket", "Weekend double");
		assertFired(weekend, "Base points", 40);
		assertNotFired(weekend, "Big basket", "the amount 40.00 EUR is below 100 EUR");
		assertFired(weekend, "Weekend double", 40);
		assertThat(verdict(weekend, "Weekend double").get("computation").asString()).isEqualTo("×2 on 40 = +40");
		assertThat(weekend.get("text").asString())
			.isEqualTo("80 points for your purchase of 40.00 EUR: Base points 40, Weekend double 40");
		assertThat(wednesday.number("/effects/0/points")).isEqualTo(40);
		assertNotFired(wednesday.json().at("/effects/0/explanation"), "Weekend double",
				"wednesday is not one of the rule's days");
		JsonNode line = statementLine(tenant, memberId, "sat-1");
		assertThat(line.get("amount").asLong()).isEqualTo(80);
		assertThat(line.at("/explanation/text").asString())
			.isEqualTo("80 points for your purchase of 40.00 EUR: Base points 40, Weekend double 40");
		assertFired(line.get("explanation"), "Weekend double", 40);
		assertThat(tenant.available(memberId)).isEqualTo(120);
		tenant.assertBalanced();
	}

	@Test
	void categoryRulesEarnOnTheItemsOfTheirCategoryOnly() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Coffee lovers", "trigger": "purchase", "conditions": {"items": {"categories": ["coffee"]}},
				 "effect": {"type": "points_per_amount", "points": 2}}""");
		tenant.rule("""
				{"name": "Fresh pastries", "trigger": "purchase",
				 "conditions": {"items": {"categories": ["pastry"], "excludeSkus": ["DAY-OLD"]}},
				 "effect": {"type": "points_per_item", "points": 5}}""");

		Api.Response basket = sale(tenant, memberId, "sale-1", """
				"amount": "20.50", "items": [{"sku": "ESPRESSO", "category": "coffee", "quantity": 2, "unitPrice": "7.50"},
				  {"sku": "CROISSANT", "category": "pastry", "quantity": 3, "unitPrice": "1.50"},
				  {"sku": "DAY-OLD", "category": "pastry", "quantity": 1, "unitPrice": "1.00"}]""");
		Api.Response mugOnly = sale(tenant, memberId, "sale-2", """
				"amount": "11.00", "items": [{"sku": "MUG", "category": "kitchen", "quantity": 1, "unitPrice": "11.00"}]""");

		assertThat(basket.status()).as(basket.toString()).isEqualTo(201);
		assertThat(basket.number("/effects/0/points")).isEqualTo(20 + 30 + 15);
		JsonNode explanation = basket.json().at("/effects/0/explanation");
		assertFired(explanation, "Coffee lovers", 30);
		assertThat(verdict(explanation, "Coffee lovers").get("computation").asString())
			.isEqualTo("15.00 EUR × 2 per 1, rounded down = 30");
		assertFired(explanation, "Fresh pastries", 15);
		assertThat(verdict(explanation, "Fresh pastries").get("computation").asString()).isEqualTo("3 items × 5 = 15");
		assertThat(mugOnly.number("/effects/0/points")).isEqualTo(11);
		JsonNode none = mugOnly.json().at("/effects/0/explanation");
		assertNotFired(none, "Coffee lovers", "no item of the purchase is one the rule looks at");
		assertNotFired(none, "Fresh pastries", "no item of the purchase is one the rule looks at");
		assertThat(tenant.available(memberId)).isEqualTo(65 + 11);
	}

	@Test
	void everyTenthPurchaseEarnsTheBonus() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Tenth visit", "trigger": "purchase", "conditions": {"nthPurchase": {"every": 10}},
				 "effect": {"type": "fixed_points", "points": 100}}""");

		List<Api.Response> sales = new ArrayList<>();
		for (int i = 1; i <= 11; i++) {
			sales.add(tenant.purchase(memberId, "sale-" + i, "1.00", clock.instant()));
		}

		for (int i = 1; i <= 11; i++) {
			JsonNode explanation = sales.get(i - 1).json().at("/effects/0/explanation");
			assertThat(verdict(explanation, "Tenth visit").get("fired").asBoolean()).as("purchase " + i)
				.isEqualTo(i == 10);
		}
		assertNotFired(sales.get(8).json().at("/effects/0/explanation"), "Tenth visit",
				"the member's 9th purchase, not a multiple of 10");
		assertNotFired(sales.get(10).json().at("/effects/0/explanation"), "Tenth visit",
				"the member's 11th purchase, not a multiple of 10");
		assertThat(sales.get(9).number("/effects/0/points")).isEqualTo(101);
		assertThat(tenant.available(memberId)).isEqualTo(11 + 100);
	}

	@Test
	void firstPurchaseEarnsTheWelcomeBonusOncePerMember() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol(ADA);
		String bob = tenant.enrol("{\"email\": \"bob@example.com\"}");
		tenant.rule("""
				{"name": "First purchase", "trigger": "purchase", "conditions": {"firstPurchase": true},
				 "effect": {"type": "fixed_points", "points": 50}}""");

		Api.Response first = tenant.purchase(ada, "sale-1", "10.00", clock.instant());
		Api.Response second = tenant.purchase(ada, "sale-2", "10.00", clock.instant());
		Api.Response bobsFirst = tenant.purchase(bob, "sale-3", "10.00", clock.instant());

		assertThat(first.number("/effects/0/points")).isEqualTo(60);
		assertFired(first.json().at("/effects/0/explanation"), "First purchase", 50);
		assertThat(second.number("/effects/0/points")).isEqualTo(10);
		assertNotFired(second.json().at("/effects/0/explanation"), "First purchase",
				"not the member's first purchase (their 2nd)");
		assertThat(bobsFirst.number("/effects/0/points")).isEqualTo(60);
		assertThat(tenant.available(ada)).isEqualTo(70);
		assertThat(tenant.available(bob)).isEqualTo(60);
	}

	@Test
	void exclusiveRuleThatFiresStopsTheRulesAfterIt() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Flagship triple", "trigger": "purchase", "conditions": {"stores": ["flagship"]},
				 "effect": {"type": "points_per_amount", "points": 3}, "priority": 10,
				 "stacking": {"mode": "exclusive"}}""");

		Api.Response flagship = sale(tenant, memberId, "sale-1", "\"amount\": \"10.00\", \"storeId\": \"flagship\"");
		Api.Response elsewhere = sale(tenant, memberId, "sale-2", "\"amount\": \"10.00\", \"storeId\": \"paris-1\"");

		assertThat(flagship.status()).as(flagship.toString()).isEqualTo(201);
		assertThat(flagship.number("/effects/0/points")).isEqualTo(30);
		JsonNode exclusive = flagship.json().at("/effects/0/explanation");
		assertThat(ruleNames(exclusive)).containsExactly("Flagship triple", "Base points");
		assertFired(exclusive, "Flagship triple", 30);
		assertNotFired(exclusive, "Base points", "the exclusive rule 'Flagship triple' applied first");
		assertThat(elsewhere.number("/effects/0/points")).isEqualTo(10);
		assertNotFired(elsewhere.json().at("/effects/0/explanation"), "Flagship triple",
				"store paris-1 is not one of [flagship]");
		assertFired(elsewhere.json().at("/effects/0/explanation"), "Base points", 10);
		assertThat(tenant.available(memberId)).isEqualTo(40);
	}

	@Test
	void bestOfGroupGivesOnlyWhatItsBestRuleGives() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Flat fifteen", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 15},
				 "stacking": {"mode": "best_of", "group": "bonus"}}""");
		tenant.rule("""
				{"name": "Half a point per euro", "trigger": "purchase",
				 "effect": {"type": "points_per_amount", "points": "0.5"}, "stacking": {"mode": "best_of", "group": "bonus"}}""");

		Api.Response small = tenant.purchase(memberId, "sale-1", "20.00", clock.instant());
		Api.Response large = tenant.purchase(memberId, "sale-2", "50.00", clock.instant());

		assertThat(small.number("/effects/0/points")).isEqualTo(20 + 15);
		JsonNode flat = small.json().at("/effects/0/explanation");
		assertFired(flat, "Flat fifteen", 15);
		assertNotFired(flat, "Half a point per euro", "'Flat fifteen' gives more in best-of group bonus");
		assertThat(large.number("/effects/0/points")).isEqualTo(50 + 25);
		JsonNode half = large.json().at("/effects/0/explanation");
		assertFired(half, "Half a point per euro", 25);
		assertNotFired(half, "Flat fifteen", "'Half a point per euro' gives more in best-of group bonus");
		assertThat(tenant.available(memberId)).isEqualTo(35 + 75);
	}

	@Test
	void monthlyCountLimitRefusesTheSecondUseUntilTheNextMonth() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Monthly treat", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 20},
				 "limits": {"perMember": [{"period": "month", "count": 1}]}}""");

		Api.Response first = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());
		Api.Response second = tenant.purchase(memberId, "sale-2", "10.00", clock.instant());
		// Any day plus 32 days is in a later month.
		clock.advance(Duration.ofDays(32));
		Api.Response nextMonth = tenant.purchase(memberId, "sale-3", "10.00", clock.instant());

		assertThat(first.number("/effects/0/points")).isEqualTo(30);
		assertFired(first.json().at("/effects/0/explanation"), "Monthly treat", 20);
		assertThat(second.number("/effects/0/points")).isEqualTo(10);
		assertNotFired(second.json().at("/effects/0/explanation"), "Monthly treat",
				"the limit of 1 per member per month is reached");
		assertThat(nextMonth.number("/effects/0/points")).isEqualTo(30);
		assertFired(nextMonth.json().at("/effects/0/explanation"), "Monthly treat", 20);
		assertThat(tenant.available(memberId)).isEqualTo(70);
	}

	@Test
	void dailyPointsCapGivesWhatIsLeftThenNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		tenant.rule("""
				{"name": "Extra point per euro", "trigger": "purchase", "effect": {"type": "points_per_amount", "points": 1},
				 "limits": {"perMember": [{"period": "day", "points": 15}]}}""");

		Api.Response first = tenant.purchase(memberId, "sale-1", "10.00", clock.instant());
		Api.Response second = tenant.purchase(memberId, "sale-2", "10.00", clock.instant());
		Api.Response third = tenant.purchase(memberId, "sale-3", "10.00", clock.instant());

		assertFired(first.json().at("/effects/0/explanation"), "Extra point per euro", 10);
		JsonNode capped = verdict(second.json().at("/effects/0/explanation"), "Extra point per euro");
		assertThat(capped.get("points").asLong()).isEqualTo(5);
		assertThat(capped.get("computation").asString())
			.endsWith(", capped at 5: the limit of 15 per member per day");
		assertNotFired(third.json().at("/effects/0/explanation"), "Extra point per euro",
				"the limit of 15 per member per day is reached");
		assertThat(tenant.available(memberId)).isEqualTo(30 + 15);
	}

	@Test
	void ruleBudgetIsNeverExceeded() {
		TestTenant tenant = tenants.create();
		tenant.rule("""
				{"name": "Launch bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 10},
				 "limits": {"budget": 25}}""");
		List<JsonNode> verdicts = new ArrayList<>();

		for (int i = 1; i <= 4; i++) {
			String memberId = tenant.enrol("{\"externalId\": \"m-" + i + "\"}");
			Api.Response sale = tenant.purchase(memberId, "sale-" + i, "10.00", clock.instant());
			assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
			verdicts.add(verdict(sale.json().at("/effects/0/explanation"), "Launch bonus"));
		}

		assertThat(verdicts).extracting(line -> line.get("points").asLong()).containsExactly(10L, 10L, 5L, 0L);
		assertThat(verdicts.get(2).get("computation").asString()).endsWith(", capped at 5: the rule's budget of 25");
		assertThat(verdicts.get(3).get("reason").asString()).isEqualTo("the rule's budget of 25 is spent");
		assertThat(tenant.reconciliation().get("issued").asLong()).isEqualTo(4 * 10 + 25);
		tenant.assertBalanced();
	}

	@Test
	void campaignBudgetIsSharedByItsRulesAndNeverExceeded() {
		TestTenant tenant = tenants.create();
		tenant.campaign("""
				{"code": "spring", "name": "Spring", "startsAt": "%s", "endsAt": "%s", "budget": 30}"""
			.formatted(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30))));
		tenant.rule("""
				{"name": "Spring bonus", "trigger": "purchase", "campaign": "spring",
				 "effect": {"type": "fixed_points", "points": 10}, "priority": 110}""");
		tenant.rule("""
				{"name": "Spring welcome", "trigger": "purchase", "campaign": "spring",
				 "effect": {"type": "fixed_points", "points": 10}, "priority": 120}""");
		List<Api.Response> sales = new ArrayList<>();

		for (int i = 1; i <= 3; i++) {
			String memberId = tenant.enrol("{\"externalId\": \"m-" + i + "\"}");
			sales.add(tenant.purchase(memberId, "sale-" + i, "10.00", clock.instant()));
		}

		JsonNode first = sales.get(0).json().at("/effects/0/explanation");
		assertFired(first, "Spring bonus", 10);
		assertFired(first, "Spring welcome", 10);
		JsonNode second = sales.get(1).json().at("/effects/0/explanation");
		assertFired(second, "Spring bonus", 10);
		assertNotFired(second, "Spring welcome", "the budget of campaign spring of 30 is spent");
		JsonNode third = sales.get(2).json().at("/effects/0/explanation");
		assertNotFired(third, "Spring bonus", "the budget of campaign spring of 30 is spent");
		assertNotFired(third, "Spring welcome", "the budget of campaign spring of 30 is spent");
		assertThat(sales).extracting(sale -> sale.number("/effects/0/points")).containsExactly(30L, 20L, 10L);
		Api.Response campaign = tenant.api().get("/api/v1/programs/points/campaigns/spring");
		assertThat(campaign.number("/budget")).isEqualTo(30);
		assertThat(campaign.number("/spent")).isEqualTo(30);
		assertThat(campaign.text("/status")).isEqualTo("running");
		tenant.assertBalanced();
	}

	@Test
	void campaignBudgetCannotBeLoweredBelowWhatWasSpent() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		String startsAt = clock.instant().minus(Duration.ofDays(1)).toString();
		String endsAt = clock.instant().plus(Duration.ofDays(30)).toString();
		tenant.campaign("""
				{"code": "spring", "name": "Spring", "startsAt": "%s", "endsAt": "%s", "budget": 30}"""
			.formatted(startsAt, endsAt));
		tenant.rule("""
				{"name": "Spring bonus", "trigger": "purchase", "campaign": "spring",
				 "effect": {"type": "fixed_points", "points": 20}}""");
		assertThat(tenant.purchase(memberId, "sale-1", "10.00", clock.instant()).number("/effects/0/points"))
			.isEqualTo(30);

		Api.Response lowered = tenant.api().send("PUT", "/api/v1/programs/points/campaigns/spring", """
				{"name": "Spring", "startsAt": "%s", "endsAt": "%s", "budget": 10}""".formatted(startsAt, endsAt),
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));

		assertProblem(lowered, 400, "/problems/invalid-request");
		assertThat(fields(lowered)).containsExactly("budget");
		Api.Response campaign = tenant.api().get("/api/v1/programs/points/campaigns/spring");
		assertThat(campaign.number("/budget")).isEqualTo(30);
		assertThat(campaign.number("/spent")).isEqualTo(20);
	}

	@Test
	void campaignRuleFiresOnlyForEventsWithinTheCampaignDates() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		Instant now = clock.instant();
		tenant.campaign("""
				{"code": "last-week", "name": "Last week", "startsAt": "%s", "endsAt": "%s"}"""
			.formatted(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(3))));
		tenant.rule("""
				{"name": "Campaign bonus", "trigger": "purchase", "campaign": "last-week",
				 "effect": {"type": "fixed_points", "points": 10}}""");

		Api.Response today = tenant.purchase(memberId, "sale-1", "10.00", now);
		Api.Response duringTheCampaign = tenant.purchase(memberId, "sale-2", "10.00", now.minus(Duration.ofDays(5)));

		JsonNode ended = verdict(today.json().at("/effects/0/explanation"), "Campaign bonus");
		assertThat(ended.get("fired").asBoolean()).isFalse();
		assertThat(ended.get("reason").asString()).startsWith("not valid at " + now);
		assertFired(duringTheCampaign.json().at("/effects/0/explanation"), "Campaign bonus", 10);
		assertThat(tenant.api().get("/api/v1/programs/points/campaigns/last-week").text("/status")).isEqualTo("ended");
		assertThat(tenant.available(memberId)).isEqualTo(30);
	}

	@Test
	void cashbackProgramEarnsAPercentOfTheAmountInMinorUnits() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		createProgram(tenant, "cash", "cashback");
		tenant.rule("cash", """
				{"name": "Two percent back", "trigger": "purchase", "effect": {"type": "cashback_percent", "percent": 2}}""");

		Api.Response sale = tenant.purchase(memberId, "sale-1", "49.90", clock.instant());

		assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
		JsonNode cashback = effect(sale, "cash");
		assertThat(cashback.get("points").asLong()).isEqualTo(99);
		assertThat(verdict(cashback.get("explanation"), "Two percent back").get("computation").asString())
			.isEqualTo("2% of 49.90 EUR = 0.99 EUR");
		assertThat(effect(sale, "points").get("points").asLong()).isEqualTo(49);
		JsonNode balance = tenant.balance(memberId, "cash");
		assertThat(balance.get("kind").asString()).isEqualTo("cashback");
		assertThat(balance.get("available").asLong()).isEqualTo(99);
		assertThat(tenant.available(memberId)).isEqualTo(49);
	}

	@Test
	void stampsProgramEarnsStampsOnPurchasesAboveItsMinimum() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		createProgram(tenant, "card", "stamps");
		tenant.rule("card", """
				{"name": "One stamp per visit", "trigger": "purchase", "conditions": {"minAmount": 5},
				 "effect": {"type": "stamps", "stamps": 1}}""");

		Api.Response small = tenant.purchase(memberId, "sale-1", "4.00", clock.instant());
		Api.Response visit = tenant.purchase(memberId, "sale-2", "12.00", clock.instant());

		assertThat(effect(small, "card").get("points").asLong()).isZero();
		assertNotFired(effect(small, "card").get("explanation"), "One stamp per visit",
				"the amount 4.00 EUR is below 5 EUR");
		assertThat(effect(visit, "card").get("points").asLong()).isEqualTo(1);
		assertFired(effect(visit, "card").get("explanation"), "One stamp per visit", 1);
		JsonNode card = tenant.balance(memberId, "card");
		assertThat(card.get("kind").asString()).isEqualTo("stamps");
		assertThat(card.get("available").asLong()).isEqualTo(1);
	}

	@Test
	void ruleFiresOnlyForEventsThatHappenedWithinItsValidityWindow() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol(ADA);
		Instant now = clock.instant();
		tenant.rule("""
				{"name": "Last week's offer", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 10},
				 "validFrom": "%s", "validTo": "%s"}""".formatted(now.minus(Duration.ofDays(10)),
				now.minus(Duration.ofDays(5))));

		Api.Response today = tenant.purchase(memberId, "sale-1", "10.00", now);
		Api.Response lastWeek = tenant.purchase(memberId, "sale-2", "10.00", now.minus(Duration.ofDays(7)));

		assertThat(today.number("/effects/0/points")).isEqualTo(10);
		JsonNode expired = verdict(today.json().at("/effects/0/explanation"), "Last week's offer");
		assertThat(expired.get("fired").asBoolean()).isFalse();
		assertThat(expired.get("reason").asString()).startsWith("not valid at " + now);
		assertThat(lastWeek.number("/effects/0/points")).isEqualTo(20);
		assertFired(lastWeek.json().at("/effects/0/explanation"), "Last week's offer", 10);
		assertThat(tenant.available(memberId)).isEqualTo(30);
	}

	/** Noon UTC of the latest such day at least a day ago. */
	private Instant lastNoonOn(DayOfWeek day) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
			.minusDays(1)
			.with(TemporalAdjusters.previousOrSame(day))
			.atTime(12, 0)
			.toInstant(ZoneOffset.UTC);
	}

	/** A purchase in EUR made now by the member, with these more fields (amount, items, store). */
	private Api.Response sale(TestTenant tenant, String memberId, String transactionId, String fields) {
		return tenant.event("""
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "currency": "EUR", %s}""".formatted(transactionId, memberId, clock.instant(), fields));
	}

	private static void createProgram(TestTenant tenant, String code, String kind) {
		Api.Response created = tenant.api().post("/api/v1/programs", """
				{"code": "%s", "name": "%s", "kind": "%s", "currency": "EUR"}""".formatted(code, code, kind));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private static JsonNode effect(Api.Response response, String program) {
		for (JsonNode effect : response.json().path("effects")) {
			if (effect.get("program").asString().equals(program)) {
				return effect;
			}
		}
		throw new AssertionError("no effect in " + program + ": " + response);
	}

	private static JsonNode statementLine(TestTenant tenant, String memberId, String reference) {
		for (JsonNode line : tenant.statement(memberId, "?limit=200").get("items")) {
			if (reference.equals(line.path("reference").asString())) {
				return line;
			}
		}
		throw new AssertionError("no statement line for " + reference);
	}


	private static void assertFired(JsonNode explanation, String rule, long points) {
		JsonNode line = verdict(explanation, rule);
		assertThat(line.get("fired").asBoolean()).as(line.toString()).isTrue();
		assertThat(line.get("points").asLong()).as(line.toString()).isEqualTo(points);
	}

	private static void assertNotFired(JsonNode explanation, String rule, String reason) {
		JsonNode line = verdict(explanation, rule);
		assertThat(line.get("fired").asBoolean()).as(line.toString()).isFalse();
		assertThat(line.get("points").asLong()).isZero();
		assertThat(line.get("reason").asString()).isEqualTo(reason);
	}
}
