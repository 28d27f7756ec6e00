package io.fidelis.earning;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static io.fidelis.support.TestTenants.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** Rules whose effect is a reward of the catalog, given free when they fire. */
@IntegrationTest
class RewardRuleIntegrationTest {

	private static final String RULES = "/api/v1/programs/points/rules";
	private static final String FREE_COFFEE = """
			{"code": "free-coffee", "type": "free_product", "sku": "COFFEE", "cost": 300, "stock": %d,
			 "texts": {"en": {"name": "A free coffee"}}}""";
	private static final String REVIEW_COFFEE = """
			{"name": "Coffee for a review", "trigger": "review",
			 "effect": {"type": "issue_reward", "reward": "free-coffee"},
			 "limits": {"perMember": [{"period": "lifetime", "count": 1}]}}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private static TestTenant withFreeCoffee(TestTenants tenants, int stock) {
		TestTenant tenant = tenants.create();
		Api.Response created = tenant.api().post("/api/v1/programs/points/rewards", FREE_COFFEE.formatted(stock));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return tenant;
	}

	private Api.Response review(TestTenant tenant, String member, String id) {
		clock.advance(Duration.ofSeconds(1));
		return tenant.event("""
				{"type": "review", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s"}"""
			.formatted(id, member, clock.instant()));
	}

	private static int vouchers(TestTenant tenant, String member) {
		return tenant.api().get("/api/v1/members/" + member + "/vouchers").json().get("items").size();
	}

	@Test
	void aReviewEarnsAFreeCoffeeVoucherOncePerMember() {
		TestTenant tenant = withFreeCoffee(tenants, 100);
		tenant.rule(REVIEW_COFFEE);
		String member = tenant.memberWith(0);

		Api.Response first = review(tenant, member, "review-1");

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.text("/effects/0/points")).isEqualTo("0");
		assertThat(first.text("/effects/0/rewards/0")).isEqualTo("free-coffee");
		assertThat(first.text("/effects/0/explanation/text")).isEqualTo("A reward for you: free-coffee: Coffee for a review");
		Api.Response vouchers = tenant.api().get("/api/v1/members/" + member + "/vouchers");
		assertThat(vouchers.text("/items/0/reward")).isEqualTo("free-coffee");
		Api.Response redemptions = tenant.api().get("/api/v1/members/" + member + "/redemptions");
		assertThat(redemptions.text("/items/0/grantedBy")).isEqualTo("rule 'Coffee for a review'");
		assertThat(redemptions.number("/items/0/points")).isZero();

		Api.Response second = review(tenant, member, "review-2");

		assertThat(second.json().at("/effects/0/rewards").isMissingNode()).as(second.toString()).isTrue();
		assertThat(verdict(second.json().at("/effects/0/explanation"), "Coffee for a review").get("reason").asString())
			.contains("limit of 1 per member in all");
		assertThat(vouchers(tenant, member)).isEqualTo(1);
		assertThat(tenant.available(member)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void aRuleWhoseRewardIsOutOfStockDoesNotFireAndThePointsAreEarnedAllTheSame() {
		TestTenant tenant = withFreeCoffee(tenants, 1);
		tenant.rule("""
				{"name": "Coffee with every purchase", "trigger": "purchase",
				 "effect": {"type": "issue_reward", "reward": "free-coffee"}}""");
		String first = tenant.memberWith(0);
		String second = tenant.memberWith(0);

		assertThat(tenant.purchase(first, "sale-1", "10.00", clock.instant()).status()).isEqualTo(201);
		Api.Response late = tenant.purchase(second, "sale-2", "10.00", clock.instant());

		assertThat(late.status()).as(late.toString()).isEqualTo(201);
		assertThat(late.text("/effects/0/points")).isEqualTo("10");
		assertThat(verdict(late.json().at("/effects/0/explanation"), "Coffee with every purchase").get("reason")
			.asString()).startsWith("its reward could not be given: ");
		assertThat(vouchers(tenant, first)).isEqualTo(1);
		assertThat(vouchers(tenant, second)).isZero();
		assertThat(tenant.available(second)).isEqualTo(10);
		tenant.assertBalanced();
	}

	@Test
	void simulatingAnEventGivesNoReward() {
		TestTenant tenant = withFreeCoffee(tenants, 100);
		tenant.rule(REVIEW_COFFEE);
		String member = tenant.memberWith(0);

		Api.Response simulated = tenant.api().post("/api/v1/events:simulate", """
				{"type": "review", "transactionId": "review-sim", "member": {"id": "%s"}, "occurredAt": "%s"}"""
			.formatted(member, clock.instant()), null);

		assertThat(simulated.text("/effects/0/rewards/0")).as(simulated.toString()).isEqualTo("free-coffee");
		assertThat(vouchers(tenant, member)).isZero();
		assertThat(tenant.api().get("/api/v1/programs/points/rewards/free-coffee").number("/issued")).isZero();
		assertThat(review(tenant, member, "review-1").text("/effects/0/rewards/0")).isEqualTo("free-coffee");
	}

	@Test
	void cancellingAGrantedVoucherGivesNoPointsAndPutsItBackInStock() {
		TestTenant tenant = withFreeCoffee(tenants, 5);
		tenant.rule(REVIEW_COFFEE);
		String member = tenant.memberWith(0);
		review(tenant, member, "review-1");
		String code = tenant.api().get("/api/v1/members/" + member + "/vouchers").text("/items/0/code");

		Api.Response cancelled = tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null);

		assertThat(cancelled.text("/status")).as(cancelled.toString()).isEqualTo("cancelled");
		assertThat(tenant.available(member)).isZero();
		assertThat(tenant.api().get("/api/v1/programs/points/rewards/free-coffee").number("/issued")).isZero();
		tenant.assertBalanced();
	}

	@Test
	void refusesARewardRuleThatCannotWork() {
		TestTenant tenant = withFreeCoffee(tenants, 5);
		assertThat(tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "mug", "type": "physical_gift", "cost": 800, "texts": {"en": {"name": "Mug"}}}""").status())
			.isEqualTo(201);
		String rule = """
				{"name": "R", "trigger": "review", "effect": {"type": "issue_reward", "reward": "%s"}%s}""";

		assertThat(fields(tenant.api().post(RULES, rule.formatted("nope", "")))).containsExactly("effect.reward");
		assertThat(fields(tenant.api().post(RULES, rule.formatted("mug", "")))).containsExactly("effect.reward");
		assertThat(fields(tenant.api().post(RULES, rule.formatted("free-coffee",
				", \"stacking\": {\"mode\": \"best_of\", \"group\": \"g\"}")))).containsExactly("stacking.mode");
		assertThat(fields(tenant.api().post(RULES, rule.formatted("free-coffee",
				", \"limits\": {\"perMember\": [{\"period\": \"day\", \"points\": 5}]}"))))
			.containsExactly("limits.perMember[0].points");
		assertThat(fields(tenant.api().post(RULES, rule.formatted("free-coffee", ", \"limits\": {\"budget\": 5}"))))
			.containsExactly("limits.budget");
		assertProblem(tenant.api().post(RULES, """
				{"name": "R", "trigger": "review", "effect": {"type": "issue_reward", "reward": "free-coffee",
				 "quantity": 11}}"""), 400, "/problems/invalid-request");
	}
}
