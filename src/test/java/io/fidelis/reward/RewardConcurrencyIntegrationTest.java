package io.fidelis.reward;

import static io.fidelis.support.Problems.assertRaceWon;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** Stock, per-member limits and single-use vouchers hold when requests race (on H2 and PostgreSQL). */
@IntegrationTest
class RewardConcurrencyIntegrationTest {

	@Autowired
	TestTenants tenants;

	private static String reward(String stock, String limit) {
		return RewardCatalogIntegrationTest.FIVE_EUROS.replace("\"stock\": 100", "\"stock\": " + stock)
			.replace("\"perMemberLimit\": 3", "\"perMemberLimit\": " + limit);
	}

	@Test
	void aHundredMembersRacingForTenRewardsGetExactlyTen() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, reward("10", "3")).status()).isEqualTo(201);
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			members.add(tenant.memberWith(500));
		}

		List<Api.Response> answers = AtOnce.send(100, i -> tenant.api()
			.post(RedemptionIntegrationTest.redemptions(members.get(i)), "{\"reward\": \"five-off\"}"));

		assertRaceWon(answers, 201, 10, 422, "/problems/out-of-stock");
		assertThat(members.stream().filter(member -> tenant.available(member) == 0)).hasSize(10);
		Api.Response reward = tenant.api().get(RewardCatalogIntegrationTest.REWARDS + "/five-off");
		assertThat(reward.number("/issued")).isEqualTo(10);
		assertThat(reward.text("/status")).isEqualTo("sold_out");
		tenant.assertBalanced();
	}

	@Test
	void oneMemberRacingAgainstTheirLimitGetsExactlyTheLimit() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, reward("100", "3")).status())
			.isEqualTo(201);
		String member = tenant.memberWith(10_000);

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api()
			.post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}"));

		assertRaceWon(answers, 201, 3, 422, "/problems/redemption-limit-reached");
		assertThat(tenant.available(member)).isEqualTo(8500);
		tenant.assertBalanced();
	}

	@Test
	void twentyTillsBurningOneVoucherBurnItOnce() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, reward("100", "3")).status())
			.isEqualTo(201);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");

		List<Api.Response> answers = AtOnce.send(20, i -> tenant.api().post("/api/v1/vouchers/" + code + "/redeem",
				RedemptionIntegrationTest.basket("30.00", "[]")));

		assertRaceWon(answers, 200, 1, 409, "/problems/voucher-redeemed");
	}

	@Test
	void aVoucherRacedByTillsAndACancellationIsEitherBurntOrCancelledNeverBoth() throws Exception {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, reward("100", "3")).status())
			.isEqualTo(201);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(RedemptionIntegrationTest.redemptions(member), "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");

		List<Api.Response> answers = AtOnce.send(10, i -> i % 2 == 0
				? tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null)
				: tenant.api().post("/api/v1/vouchers/" + code + "/redeem",
						RedemptionIntegrationTest.basket("30.00", "[]")));

		assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
		String status = tenant.api().get("/api/v1/vouchers/" + code).text("/status");
		assertThat(tenant.available(member)).isEqualTo(status.equals("cancelled") ? 500 : 0);
		tenant.assertBalanced();
	}
}
