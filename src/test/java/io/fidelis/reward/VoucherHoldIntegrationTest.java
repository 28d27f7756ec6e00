package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.assertRaceWon;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.AtOnce;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** A till holding a voucher during a checkout: only it can burn the voucher until it releases it or time is up. */
@IntegrationTest
class VoucherHoldIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private String voucher(TestTenant tenant) {
		assertThat(tenant.api().post(RewardCatalogIntegrationTest.REWARDS, RewardCatalogIntegrationTest.FIVE_EUROS)
			.status()).isEqualTo(201);
		String member = tenant.memberWith(500);
		return "/api/v1/vouchers/" + tenant.api().post(RedemptionIntegrationTest.redemptions(member),
				"{\"reward\": \"five-off\"}").text("/vouchers/0/code");
	}

	private static String basket(String holdId) {
		return """
				{"amount": "30.00", "currency": "EUR", "holdId": %s}""".formatted(holdId == null ? null
				: "\"" + holdId + "\"");
	}

	@Test
	void onlyTheCheckoutHoldingAVoucherCanBurnIt() {
		TestTenant tenant = tenants.create();
		String voucher = voucher(tenant);

		Api.Response held = tenant.api().post(voucher + "/hold", "{\"timeoutSeconds\": 120}");

		assertThat(held.status()).as(held.toString()).isEqualTo(200);
		assertThat(held.text("/voucher/status")).isEqualTo("held");
		assertThat(held.text("/heldUntil")).isEqualTo(clock.instant().plusSeconds(120).toString());
		String holdId = held.text("/holdId");
		assertProblem(tenant.api().post(voucher + "/hold", null), 409, "/problems/voucher-held");
		assertProblem(tenant.api().post(voucher + "/redeem", basket(null)), 409, "/problems/voucher-held");
		assertProblem(tenant.api().post(voucher + "/redeem", basket("0193a8c0-0000-7000-8000-000000000000")), 409,
				"/problems/voucher-held");
		assertProblem(tenant.api().post(voucher + "/cancel", null), 409, "/problems/voucher-held");
		assertThat(tenant.api().post(voucher + "/validate", basket(null)).text("/discount")).isEqualTo("5.00");

		Api.Response burnt = tenant.api().post(voucher + "/redeem", basket(holdId));

		assertThat(burnt.status()).as(burnt.toString()).isEqualTo(200);
		assertThat(burnt.text("/voucher/status")).isEqualTo("redeemed");
	}

	@Test
	void aReleasedOrTimedOutHoldLeavesTheVoucherUsable() {
		TestTenant tenant = tenants.create();
		String voucher = voucher(tenant);
		String holdId = tenant.api().post(voucher + "/hold", null).text("/holdId");

		assertProblem(tenant.api().post(voucher + "/release", "{\"holdId\": \"0193a8c0-0000-7000-8000-000000000000\"}"),
				409, "/problems/voucher-held");
		Api.Response released = tenant.api().post(voucher + "/release", "{\"holdId\": \"" + holdId + "\"}");
		assertThat(released.text("/status")).as(released.toString()).isEqualTo("issued");
		assertProblem(tenant.api().post(voucher + "/release", "{\"holdId\": \"" + holdId + "\"}"), 409,
				"/problems/voucher-not-held");

		tenant.api().post(voucher + "/hold", "{\"timeoutSeconds\": 60}");
		clock.advance(Duration.ofSeconds(60));

		assertThat(tenant.api().get(voucher).text("/status")).isEqualTo("issued");
		assertThat(tenant.api().post(voucher + "/redeem", basket(null)).status()).isEqualTo(200);
	}

	@Test
	void tillsRacingToHoldAVoucherGetOneHold() throws Exception {
		TestTenant tenant = tenants.create();
		String voucher = voucher(tenant);

		List<Api.Response> answers = AtOnce.send(10, i -> tenant.api().post(voucher + "/hold", null));

		assertRaceWon(answers, 200, 1, 409, "/problems/voucher-held");
	}

	@Test
	void refusesBadHoldRequests() {
		TestTenant tenant = tenants.create();
		String voucher = voucher(tenant);
		assertProblem(tenant.api().post(voucher + "/hold", "{\"timeoutSeconds\": 5}"), 400,
				"/problems/invalid-request");
		assertProblem(tenant.api().post(voucher + "/release", "{}"), 400, "/problems/invalid-request");
		assertProblem(tenant.api().post(voucher + "/release", "{\"holdId\": \"nope\"}"), 400,
				"/problems/invalid-request");
		assertProblem(tenant.api().post("/api/v1/vouchers/NOPE/hold", null), 404, "/problems/voucher-not-found");
	}
}
