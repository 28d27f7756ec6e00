package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Members spending points on rewards, end to end: earn, redeem, validate at the till, burn, cancel; and refusals. */
@IntegrationTest
class RedemptionIntegrationTest {

	private static final String REWARDS = RewardCatalogIntegrationTest.REWARDS;

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	VoucherExpiryJob voucherExpiry;

	static String redemptions(String member) {
		return "/api/v1/members/" + member + "/redemptions";
	}

	static String basket(String amount, String items) {
		return """
				{"amount": "%s", "currency": "EUR", "items": %s, "store": "paris-1", "reference": "till-42"}"""
			.formatted(amount, items);
	}

	private static void createReward(TestTenant tenant, String json) {
		Api.Response created = tenant.api().post(REWARDS, json);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void earnRedeemValidateAndBurnADiscountVoucher() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.enrol("{\"email\": \"ada@example.com\", \"locale\": \"fr\"}");
		assertThat(tenant.purchase(member, "sale-1", "700.00", clock.instant()).status()).isEqualTo(201);
		clock.advance(Duration.ofSeconds(1));

		Api.Response redeemed = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\"}");

		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		assertThat(redeemed.number("/points")).isEqualTo(500);
		assertThat(redeemed.number("/available")).isEqualTo(200);
		String code = redeemed.text("/vouchers/0/code");
		assertThat(code).matches("FID-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}");
		assertThat(redeemed.text("/vouchers/0/status")).isEqualTo("issued");
		assertThat(redeemed.text("/vouchers/0/offer/amountOff")).isEqualTo("5.00");
		assertThat(redeemed.text("/vouchers/0/offer/minBasket")).isEqualTo("20.00");
		assertThat(redeemed.text("/vouchers/0/expiresAt")).isEqualTo(clock.instant().plus(Duration.ofDays(30))
			.toString());
		assertThat(tenant.statement(member).at("/items/0/explanation/text").asString())
			.isEqualTo("500 points échangés contre 1 x 5 EUR de remise");

		Api.Response tooSmall = tenant.api().post("/api/v1/vouchers/" + code + "/validate", basket("19.99", "[]"));
		assertProblem(tooSmall, 422, "/problems/voucher-not-applicable");
		Api.Response validated = tenant.api().post("/api/v1/vouchers/" + code.toLowerCase() + "/validate",
				basket("42.50", "[]"));
		assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
		assertThat(validated.text("/discount")).isEqualTo("5.00");
		assertThat(validated.text("/toPay")).isEqualTo("37.50");

		Api.Response burnt = tenant.api().post("/api/v1/vouchers/" + code + "/redeem", basket("42.50", "[]"));
		assertThat(burnt.status()).as(burnt.toString()).isEqualTo(200);
		assertThat(burnt.text("/voucher/status")).isEqualTo("redeemed");
		assertThat(burnt.text("/voucher/redeemedStore")).isEqualTo("paris-1");
		assertThat(burnt.text("/voucher/discount")).isEqualTo("5.00");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/redeem", basket("42.50", "[]")), 409,
				"/problems/voucher-redeemed");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null), 409,
				"/problems/voucher-redeemed");
		assertThat(tenant.api().get("/api/v1/members/" + member + "/vouchers").text("/items/0/status"))
			.isEqualTo("redeemed");
		tenant.assertBalanced();
	}

	@Test
	void freeProductAndCheapestItemVouchersLookAtTheItems() {
		TestTenant tenant = tenants.create();
		createReward(tenant, """
				{"code": "free-coffee", "type": "free_product", "cost": 100, "sku": "COFFEE", "cashPrice": "0.50",
				 "texts": {"en": {"name": "A free coffee"}}}""");
		createReward(tenant, """
				{"code": "cheapest-drink", "type": "cheapest_item_free", "cost": 200, "category": "drinks",
				 "texts": {"en": {"name": "Your cheapest drink, free"}}}""");
		String member = tenant.memberWith(300);
		String coffee = tenant.api().post(redemptions(member), "{\"reward\": \"free-coffee\"}")
			.text("/vouchers/0/code");
		String drink = tenant.api().post(redemptions(member), "{\"reward\": \"cheapest-drink\"}")
			.text("/vouchers/0/code");
		String items = """
				[{"sku": "CAKE", "category": "food", "quantity": 1, "unitPrice": "2.50"},
				 {"sku": "COFFEE", "category": "drinks", "quantity": 2, "unitPrice": "3.20"},
				 {"sku": "TEA", "category": "drinks", "quantity": 1, "unitPrice": "2.90"}]""";

		Api.Response freeCoffee = tenant.api().post("/api/v1/vouchers/" + coffee + "/redeem", basket("11.80", items));
		Api.Response cheapestDrink = tenant.api().post("/api/v1/vouchers/" + drink + "/validate",
				basket("11.80", items));

		assertThat(freeCoffee.text("/discount")).as(freeCoffee.toString()).isEqualTo("3.20");
		assertThat(freeCoffee.text("/toPay")).isEqualTo("9.10");
		assertThat(cheapestDrink.text("/discount")).as(cheapestDrink.toString()).isEqualTo("2.90");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + drink + "/validate",
				basket("2.50", "[{\"sku\": \"CAKE\", \"category\": \"food\", \"quantity\": 1, \"unitPrice\": \"2.50\"}]")),
				422, "/problems/voucher-not-applicable");
	}

	@Test
	void cancellingAnUnusedVoucherGivesItsPointsBackAndPutsItBackInStock() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("\"stock\": 100", "\"stock\": 2"));
		String member = tenant.memberWith(1000);
		Api.Response redeemed = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\", \"quantity\": 2}");
		assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
		assertThat(tenant.available(member)).isZero();
		assertThat(tenant.api().get(REWARDS + "/five-off").text("/status")).isEqualTo("sold_out");
		String code = redeemed.text("/vouchers/1/code");
		clock.advance(Duration.ofSeconds(1));

		Api.Response cancelled = tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null);

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.text("/status")).isEqualTo("cancelled");
		assertThat(tenant.available(member)).isEqualTo(500);
		assertThat(tenant.api().get(REWARDS + "/five-off").number("/remaining")).isEqualTo(1);
		assertThat(tenant.statement(member).at("/items/0/kind").asString()).isEqualTo("reversal");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null), 409,
				"/problems/voucher-cancelled");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/redeem", basket("50.00", "[]")), 409,
				"/problems/voucher-cancelled");
		assertThat(tenant.api().get(redemptions(member)).number("/items/0/cancelled")).isEqualTo(1);
		tenant.assertBalanced();
	}

	@Test
	void anExpiredVoucherCanNeitherBeUsedNorCancelled() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\"}").text("/vouchers/0/code");

		clock.advance(Duration.ofDays(30));

		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/validate", basket("50.00", "[]")), 409,
				"/problems/voucher-expired");
		assertProblem(tenant.api().post("/api/v1/vouchers/" + code + "/cancel", null), 409,
				"/problems/voucher-expired");
		assertThat(tenant.api().get("/api/v1/vouchers/" + code).text("/status")).isEqualTo("expired");
	}

	@Test
	void theVoucherExpiryJobWritesOffWhatExpiredVouchersCost() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.memberWith(1500);
		Api.Response redeemed = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\", \"quantity\": 3}");
		String used = redeemed.text("/vouchers/0/code");
		String expiring = redeemed.text("/vouchers/1/code");
		assertThat(tenant.api().post("/api/v1/vouchers/" + used + "/redeem", basket("50.00", "[]")).status())
			.isEqualTo(200);
		assertThat(tenant.api().post("/api/v1/vouchers/" + redeemed.text("/vouchers/2/code") + "/cancel", null)
			.status()).isEqualTo(200);

		clock.advance(Duration.ofDays(30));
		assertThat(voucherExpiry.run(clock.instant())).matches("expired [1-9][0-9]* unused vouchers");

		assertThat(tenant.api().get("/api/v1/vouchers/" + expiring).text("/status")).isEqualTo("expired");
		assertThat(tenant.api().get("/api/v1/vouchers/" + used).text("/status")).isEqualTo("redeemed");
		JsonNode latest = tenant.statement(member).at("/items/0");
		assertThat(latest.get("kind").asString()).isEqualTo("expiry");
		assertThat(latest.get("amount").asLong()).isZero();
		assertThat(latest.at("/explanation/text").asString())
			.isEqualTo("Voucher " + expiring + " expired unused: the 500 points it cost are lost");
		assertThat(tenant.available(member)).isEqualTo(500);
		tenant.assertBalanced();
		assertThat(voucherExpiry.run(clock.instant())).isEqualTo("expired 0 unused vouchers");
	}

	@Test
	void refusesRedemptionsTheRewardOrTheBalanceDoNotAllow() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("\"stock\": 100", "\"stock\": 3")
			.replace("\"perMemberLimit\": 3", "\"perMemberLimit\": 2"));
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "later")
			.replace("\"stock\": 100", "\"validFrom\": \"%s\", \"stock\": 100".formatted(clock.instant()
				.plus(Duration.ofDays(1)))));
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "over")
			.replace("\"stock\": 100", "\"validUntil\": \"%s\", \"stock\": 100".formatted(clock.instant())));
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS.replace("five-off", "gone"));
		tenant.api().post(REWARDS + "/gone/retire", null);
		String rich = tenant.memberWith(10_000);
		String poor = tenant.memberWith(499);
		String other = tenant.memberWith(10_000);
		Api api = tenant.api();

		assertProblem(api.post(redemptions(poor), "{\"reward\": \"five-off\"}"), 422, "/problems/insufficient-points");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"later\"}"), 422, "/problems/reward-not-yet-valid");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"over\"}"), 422, "/problems/reward-ended");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"gone\"}"), 422, "/problems/reward-retired");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"nope\"}"), 404, "/problems/reward-not-found");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"five-off\", \"quantity\": 3}"), 422,
				"/problems/redemption-limit-reached");
		assertThat(api.post(redemptions(rich), "{\"reward\": \"five-off\", \"quantity\": 2}").status()).isEqualTo(201);
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"five-off\"}"), 422,
				"/problems/redemption-limit-reached");
		assertProblem(api.post(redemptions(other), "{\"reward\": \"five-off\", \"quantity\": 2}"), 422,
				"/problems/out-of-stock");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"five-off\", \"quantity\": 0}"), 400,
				"/problems/invalid-request");
		assertProblem(api.post(redemptions(rich), "{\"reward\": \"five-off\", \"quantity\": \"1\"}"), 400,
				"/problems/invalid-request");
		assertProblem(api.post(redemptions(rich), "{}"), 400, "/problems/invalid-request");
		assertProblem(api.post(redemptions("0193a8c0-0000-7000-8000-000000000000"), "{\"reward\": \"five-off\"}"),
				404, "/problems/member-not-found");
		assertThat(tenant.available(poor)).isEqualTo(499);
		assertThat(tenant.available(rich)).isEqualTo(9000);
		assertThat(tenant.available(other)).isEqualTo(10_000);
		tenant.assertBalanced();
	}

	@Test
	void aTillsKeyBurnsVouchersForItsOwnStoreOnly() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.memberWith(1000);
		Api.Response redeemed = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\", \"quantity\": 2}");
		Api till = tenant.api().withKey(tenant.api().post("/api/v1/api-keys", """
				{"name": "till", "scopes": ["members:read", "points:write"], "storeId": "lyon-1"}""").text("/key"));

		assertProblem(till.post("/api/v1/vouchers/" + redeemed.text("/vouchers/0/code") + "/redeem",
				basket("30.00", "[]")), 403, "/problems/insufficient-scope");
		Api.Response burnt = till.post("/api/v1/vouchers/" + redeemed.text("/vouchers/1/code") + "/redeem",
				"{\"amount\": \"30.00\", \"currency\": \"EUR\"}");

		assertThat(burnt.text("/voucher/redeemedStore")).as(burnt.toString()).isEqualTo("lyon-1");
		assertThat(tenant.api().get("/api/v1/vouchers/" + redeemed.text("/vouchers/0/code")).text("/status"))
			.isEqualTo("issued");
	}

	@Test
	void refusesBadBasketsAndUnknownVouchers() {
		TestTenant tenant = tenants.create();
		createReward(tenant, RewardCatalogIntegrationTest.FIVE_EUROS);
		String member = tenant.memberWith(500);
		String code = tenant.api().post(redemptions(member), "{\"reward\": \"five-off\"}").text("/vouchers/0/code");
		String voucher = "/api/v1/vouchers/" + code;

		for (String bad : List.of("{\"amount\": \"-1\", \"currency\": \"EUR\"}",
				"{\"amount\": \"10.001\", \"currency\": \"EUR\"}", "{\"amount\": \"10\", \"currency\": \"EURO\"}",
				"{\"amount\": \"10\"}",
				"{\"amount\": \"10\", \"currency\": \"EUR\", \"items\": [{\"sku\": \"A\", \"quantity\": 0, \"unitPrice\": 1}]}",
				"[]", "{\"amount\": \"10\", \"currency\": \"EUR\", \"extra\": 1}")) {
			assertProblem(tenant.api().post(voucher + "/redeem", bad), 400, "/problems/invalid-request");
		}
		assertProblem(tenant.api().post(voucher + "/redeem", "{\"amount\": \"50\", \"currency\": \"USD\"}"), 422,
				"/problems/voucher-not-applicable");
		assertProblem(tenant.api().post("/api/v1/vouchers/NOPE/validate", basket("50.00", "[]")), 404,
				"/problems/voucher-not-found");
		assertProblem(tenants.create().api().get(voucher), 404, "/problems/voucher-not-found");
		assertThat(tenant.api().get(voucher).text("/status")).isEqualTo("issued");
	}
}
