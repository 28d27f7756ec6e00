package io.fidelis.reward;

import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** A stamps program whose full card turns into its automatic reward and starts the next card. */
@IntegrationTest
class StampCardIntegrationTest {

	private static final String CARD_REWARDS = "/api/v1/programs/coffee-card/rewards";
	private static final String FREE_COFFEE = """
			{"code": "free-coffee", "type": "free_product", "sku": "COFFEE", "cost": 10, "automatic": true,
			 "texts": {"en": {"name": "A free coffee"}, "fr": {"name": "Un café offert"}}}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private static TestTenant withCoffeeCard(TestTenant tenant) {
		Api.Response program = tenant.api().post("/api/v1/programs", """
				{"code": "coffee-card", "name": "Coffee card", "kind": "stamps", "currency": "EUR", "unitValue": "0.30"}""");
		assertThat(program.status()).as(program.toString()).isEqualTo(201);
		tenant.rule("coffee-card", """
				{"name": "A stamp per coffee", "trigger": "purchase", "conditions": {"items": {"skus": ["COFFEE"]}},
				 "effect": {"type": "points_per_item", "points": 1}}""");
		return tenant;
	}

	private void buyCoffee(TestTenant tenant, String member, int sale) {
		clock.advance(Duration.ofSeconds(1));
		Api.Response bought = tenant.event("""
				{"type": "purchase", "transactionId": "coffee-%d", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "3.00", "currency": "EUR", "items": [{"sku": "COFFEE", "quantity": 1, "unitPrice": "3.00"}]}"""
			.formatted(sale, member, clock.instant()));
		assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
	}

	private static long stamps(TestTenant tenant, String member) {
		return tenant.balance(member, "coffee-card").get("available").asLong();
	}

	private static int vouchers(TestTenant tenant, String member) {
		return tenant.api().get("/api/v1/members/" + member + "/vouchers").json().get("items").size();
	}

	@Test
	void theTenthStampTurnsTheCardIntoAFreeCoffeeAndStartsTheNextCard() {
		TestTenant tenant = withCoffeeCard(tenants.create());
		assertThat(tenant.api().post(CARD_REWARDS, FREE_COFFEE).status()).isEqualTo(201);
		String member = tenant.enrol("{\"locale\": \"fr\"}");

		for (int sale = 1; sale <= 9; sale++) {
			buyCoffee(tenant, member, sale);
		}
		assertThat(stamps(tenant, member)).isEqualTo(9);
		assertThat(vouchers(tenant, member)).isZero();

		buyCoffee(tenant, member, 10);

		assertThat(stamps(tenant, member)).isZero();
		Api.Response vouchers = tenant.api().get("/api/v1/members/" + member + "/vouchers");
		assertThat(vouchers.text("/items/0/reward")).isEqualTo("free-coffee");
		assertThat(vouchers.text("/items/0/offer/sku")).isEqualTo("COFFEE");
		assertThat(tenant.statement(member, "?program=coffee-card").at("/items/0/explanation/text").asString())
			.isEqualTo("Carte complète : 10 tampons échangés contre 1 x Un café offert");

		assertThat(tenant.adjust(member, "coffee-card", 25, "three cards at once").status()).isEqualTo(201);
		assertThat(stamps(tenant, member)).isEqualTo(5);
		assertThat(vouchers(tenant, member)).isEqualTo(3);
		assertThat(tenant.api().get("/api/v1/programs/coffee-card/reconciliation").text("/balanced"))
			.isEqualTo("true");
	}

	@Test
	void aCardTheRewardCannotBeIssuedForStaysFullAndItsStampsAreKept() {
		TestTenant tenant = withCoffeeCard(tenants.create());
		assertThat(tenant.api().post(CARD_REWARDS, FREE_COFFEE.replace("\"cost\": 10", "\"cost\": 10, \"stock\": 1"))
			.status()).isEqualTo(201);
		String first = tenant.enrol("{}");
		String second = tenant.enrol("{}");

		assertThat(tenant.adjust(first, "coffee-card", 10, "a full card").status()).isEqualTo(201);
		assertThat(tenant.adjust(second, "coffee-card", 12, "a full card, and more").status()).isEqualTo(201);

		assertThat(vouchers(tenant, first)).isEqualTo(1);
		assertThat(stamps(tenant, first)).isZero();
		assertThat(vouchers(tenant, second)).isZero();
		assertThat(stamps(tenant, second)).isEqualTo(12);
		assertThat(tenant.api().get("/api/v1/programs/coffee-card/reconciliation").text("/balanced"))
			.isEqualTo("true");
	}

	@Test
	void onlyAStampsProgramHasAnAutomaticRewardAndOnlyOne() {
		TestTenant tenant = withCoffeeCard(tenants.create());
		assertThat(tenant.api().post(CARD_REWARDS, FREE_COFFEE).status()).isEqualTo(201);
		assertThat(fields(tenant.api().post(CARD_REWARDS, FREE_COFFEE.replace("free-coffee", "free-tea"))))
			.containsExactly("automatic");
		assertThat(fields(tenant.api().post(RewardCatalogIntegrationTest.REWARDS,
				FREE_COFFEE.replace("free-coffee", "points-coffee")))).containsExactly("automatic");
	}
}
