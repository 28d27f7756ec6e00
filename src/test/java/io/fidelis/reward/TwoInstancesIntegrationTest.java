package io.fidelis.reward;

import static io.fidelis.support.Problems.assertRaceWon;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fidelis.FidelisApplication;
import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.TestDatabase;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * Two instances of the service on one database, as behind a load balancer, with clients alternating between them:
 * redemptions of one member, a reward's last units and one voucher's burns still have exact outcomes, since what
 * decides is in the database (row locks, conditional updates), never in one instance's memory.
 */
class TwoInstancesIntegrationTest {

	private static ConfigurableApplicationContext first;
	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() {
		first = start("instance-a");
		second = start("instance-b");
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
	}

	private static ConfigurableApplicationContext start(String instance) {
		return new SpringApplicationBuilder(FidelisApplication.class, TestTenants.class)
			.initializers(new TestDatabase())
			.run("--server.port=0", "--fidelis.demo.enabled=false", "--fidelis.jobs.enabled=false",
					"--fidelis.jobs.instance-name=" + instance);
	}

	/** A tenant created through the first instance, and its two doors: one API per instance. */
	private record Tenant(TestTenant tenant, List<Api> instances) {

		Api door(int request) {
			return instances.get(request % 2);
		}
	}

	private static Tenant tenant(String reward) {
		TestTenant tenant = first.getBean(TestTenants.class).create();
		Api.Response created = tenant.api().post(RewardCatalogIntegrationTest.REWARDS, reward);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Tenant(tenant, List.of(tenant.api(),
				new Api(second.getBean(TestTenants.class).base(), tenant.api().key())));
	}

	private static String reward(int cost, int stock) {
		return """
				{"code": "five-off", "type": "discount_voucher", "cost": %d, "stock": %d,
				 "discount": {"kind": "fixed", "amount": "5.00"}, "texts": {"en": {"name": "5 EUR off"}}}"""
			.formatted(cost, stock);
	}

	@Test
	void oneMembersRedemptionsThroughBothInstancesNeverOverdraw() throws Exception {
		Tenant shop = tenant(reward(100, 1000));
		String member = shop.tenant().memberWith(950);

		List<Api.Response> answers = AtOnce.send(20, i -> shop.door(i)
			.post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}"));

		assertRaceWon(answers, 201, 9, 422, "/problems/insufficient-points");
		assertThat(shop.tenant().available(member)).isEqualTo(50);
		shop.tenant().assertBalanced();
	}

	@Test
	void membersRacingThroughBothInstancesForTheLastUnitsGetExactlyTheStock() throws Exception {
		Tenant shop = tenant(reward(100, 5));
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			members.add(shop.tenant().memberWith(100));
		}

		List<Api.Response> answers = AtOnce.send(20, i -> shop.door(i)
			.post(RedemptionIntegrationTest.redemptions(members.get(i)), "{\"reward\": \"five-off\"}"));

		assertRaceWon(answers, 201, 5, 422, "/problems/out-of-stock");
		assertThat(shop.door(1).get(RewardCatalogIntegrationTest.REWARDS + "/five-off").number("/issued")).isEqualTo(5);
		shop.tenant().assertBalanced();
	}

	@Test
	void tillsOnBothInstancesBurnAVoucherOnce() throws Exception {
		Tenant shop = tenant(reward(100, 10));
		String member = shop.tenant().memberWith(100);
		String code = shop.door(0).post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");

		List<Api.Response> answers = AtOnce.send(20, i -> shop.door(i)
			.post("/api/v1/vouchers/" + code + "/redeem", RedemptionIntegrationTest.basket("30.00", "[]")));

		assertRaceWon(answers, 200, 1, 409, "/problems/voucher-redeemed");
	}
}
