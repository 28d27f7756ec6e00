package io.fidelis.membership;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** The membership plans and memberships over HTTP: what they answer, and every way a request is refused. */
@IntegrationTest
class MembershipApiIntegrationTest {

	static final String PLANS = "/api/v1/membership-plans";

	static final String GOLD_LADDER = """
			{"metric": "points_earned", "window": {"type": "rolling", "months": 12}, "downgrade": "one_tier",
			 "graceDays": 0, "review": {"type": "anniversary"}, "tiers": [
			 {"code": "bronze", "names": {"fr": "Bronze", "en": "Bronze"}, "threshold": 0},
			 {"code": "gold", "names": {"fr": "Or", "en": "Gold"}, "threshold": 500}]}""";

	@Autowired
	TestTenants tenants;

	/** A plan's JSON: the vip plan, with these fields (name, then JSON value) added or replaced. */
	static String plan(String... fields) {
		Map<String, String> plan = new LinkedHashMap<>();
		plan.put("code", "\"vip\"");
		plan.put("names", "{\"fr\": \"VIP\", \"en\": \"VIP\"}");
		plan.put("price", "\"9.99\"");
		plan.put("currency", "\"EUR\"");
		plan.put("term", "\"monthly\"");
		for (int i = 0; i < fields.length; i += 2) {
			plan.put(fields[i], fields[i + 1]);
		}
		return plan.entrySet()
			.stream()
			.map(field -> "\"" + field.getKey() + "\": " + field.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

	@Test
	void createsListsReadsUpdatesAndRetiresAPlan() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().put("/api/v1/programs/points/tiers", GOLD_LADDER).status()).isEqualTo(200);

		Api.Response created = tenant.api().post(PLANS, plan("trialDays", "7", "graceDays", "5", "tier", "\"gold\"",
				"earnMultiplier", "\"1.5\"", "perks", "{\"fr\": [\"Salon\"], \"en\": [\"Lounge\"]}"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("/price")).isEqualTo("9.99");
		assertThat(created.text("/term")).isEqualTo("monthly");
		assertThat(created.json().path("autoRenew").asBoolean()).isTrue();
		assertThat(created.text("/program")).isEqualTo("points");
		assertThat(created.text("/tier")).isEqualTo("gold");
		assertThat(created.text("/earnMultiplier")).isEqualTo("1.5");
		assertThat(created.text("/perks/en/0")).isEqualTo("Lounge");

		Api.Response updated = tenant.api().put(PLANS + "/vip", plan("price", "\"12.50\""));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(tenant.api().get(PLANS + "/vip").text("/price")).isEqualTo("12.50");
		assertThat(tenant.api().get(PLANS).json().size()).isEqualTo(1);

		Api.Response retired = tenant.api().post(PLANS + "/vip/retire", null);
		assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
		assertThat(retired.text("/retiredAt")).isNotBlank();
		String member = tenant.enrol("{}");
		assertProblem(tenant.api().post("/api/v1/members/" + member + "/memberships",
				"{\"plan\": \"vip\", \"paymentReference\": \"p1\", \"amount\": \"12.50\", \"currency\": \"EUR\"}"),
				422, "/problems/membership-plan-retired");
	}

	@Test
	void refusesAnInvalidPlanNamingTheFieldAndWritesNothing() {
		TestTenant tenant = tenants.create();
		String[][] cases = {
				{ "{\"code\": \"vip\", \"price\": \"9.99\", \"currency\": \"EUR\", \"term\": \"monthly\"}", "names" },
				{ plan("code", "\"VIP!\""), "code" },
				{ plan("price", "\"-1\""), "price" },
				{ plan("price", "\"9.999\""), "price" },
				{ plan("currency", "\"EURO\""), "currency" },
				{ plan("term", "\"days\""), "termDays" },
				{ plan("termDays", "30"), "termDays" },
				{ plan("term", "\"days\"", "termDays", "30", "autoRenew", "true"), "autoRenew" },
				{ plan("trialDays", "-1"), "trialDays" },
				{ plan("graceDays", "400"), "graceDays" },
				{ plan("earnMultiplier", "0.5"), "earnMultiplier" },
				{ plan("program", "\"nope\""), "program" },
				{ plan("tier", "\"gold\""), "tier" },
				{ plan("rewards", "[\"nope\"]"), "rewards[0]" } };
		for (String[] invalid : cases) {
			Api.Response refused = tenant.api().post(PLANS, invalid[0]);
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).as(invalid[0] + " -> " + refused).contains(invalid[1]);
		}
		assertThat(fields(tenant.api().post(PLANS, plan("term", "\"weekly\"")))).containsExactly("term");
		assertThat(tenant.api().get(PLANS).json().size()).isZero();

		assertThat(tenant.api().post(PLANS, plan()).status()).isEqualTo(201);
		assertProblem(tenant.api().post(PLANS, plan()), 409, "/problems/membership-plan-exists");
		assertProblem(tenant.api().put(PLANS + "/vip", plan("code", "\"other\"")), 400, "/problems/invalid-request");
		assertProblem(tenant.api().put(PLANS + "/nope", plan("code", "\"nope\"")), 404,
				"/problems/membership-plan-not-found");
		assertProblem(tenant.api().get(PLANS + "/nope"), 404, "/problems/membership-plan-not-found");
		assertProblem(tenants.create().api().get(PLANS + "/vip"), 404, "/problems/membership-plan-not-found");
	}

	@Test
	void refusesAnInvalidMembershipRequestNamingTheFieldAndWritesNothing() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post(PLANS, plan()).status()).isEqualTo(201);
		String member = tenant.enrol("{}");
		String memberships = "/api/v1/members/" + member + "/memberships";
		String start = "{\"plan\": \"%s\", \"paymentReference\": \"%s\", \"amount\": \"%s\", \"currency\": \"%s\"}";

		Api.Response mismatch = tenant.api().post(memberships, start.formatted("vip", "p1", "9.98", "EUR"));
		assertProblem(mismatch, 422, "/problems/payment-amount-mismatch");
		assertThat(fields(mismatch)).containsExactly("amount");
		assertProblem(tenant.api().post(memberships, start.formatted("vip", "p1", "9.99", "USD")), 422,
				"/problems/payment-amount-mismatch");
		assertThat(fields(tenant.api().post(memberships, start.formatted("vip", "p1", "9.99", "EURO"))))
			.containsExactly("currency");
		assertThat(fields(tenant.api().post(memberships, start.formatted("vip", "p1", "-9.99", "EUR"))))
			.containsExactly("amount");
		assertThat(fields(tenant.api().post(memberships, start.formatted("vip", "p 1", "9.99", "EUR"))))
			.containsExactly("paymentReference");
		assertThat(fields(tenant.api().post(memberships, "{\"plan\": \"vip\", \"amount\": \"9.99\", \"currency\": \"EUR\"}")))
			.containsExactly("paymentReference");
		assertThat(fields(tenant.api().post(memberships, start.formatted("", "p1", "9.99", "EUR"))))
			.containsExactly("plan");
		assertProblem(tenant.api().post(memberships, start.formatted("gold", "p1", "9.99", "EUR")), 404,
				"/problems/membership-plan-not-found");
		assertProblem(tenant.api().post("/api/v1/members/" + UUID.randomUUID() + "/memberships",
				start.formatted("vip", "p1", "9.99", "EUR")), 404, "/problems/member-not-found");
		assertThat(tenant.api().get(memberships).json().path("items").size()).isZero();

		Api.Response started = tenant.api().post(memberships, start.formatted("vip", "p1", "9.99", "EUR"));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String membership = "/api/v1/memberships/" + started.text("/id");
		assertProblem(tenant.api().post(memberships, start.formatted("vip", "p2", "9.99", "EUR")), 409,
				"/problems/membership-exists");

		String renewal = "{\"paymentReference\": \"%s\", \"amount\": \"%s\", \"currency\": \"EUR\"}";
		Api.Response short_ = tenant.api().post(membership + "/renewals", renewal.formatted("p3", "5.00"));
		assertProblem(short_, 422, "/problems/payment-amount-mismatch");
		assertProblem(tenant.api().post(membership + "/renewals", renewal.formatted("p1", "9.99")), 409,
				"/problems/payment-already-reported");
		assertProblem(tenant.api().post("/api/v1/memberships/" + UUID.randomUUID() + "/renewals",
				renewal.formatted("p4", "9.99")), 404, "/problems/membership-not-found");
		assertProblem(tenants.create().api().post(membership + "/renewals", renewal.formatted("p5", "9.99")), 404,
				"/problems/membership-not-found");
		assertThat(fields(tenant.api().post(membership + "/cancel", "{\"effective\": \"soon\"}")))
			.containsExactly("effective");
		assertThat(fields(tenant.api().post(membership + "/cancel", "{}"))).containsExactly("effective");
		assertThat(fields(tenant.api().post(membership + "/cancel", "{\"effective\": \"now\", \"by\": \"cat\"}")))
			.containsExactly("by");
		assertProblem(tenants.create().api().get(membership), 404, "/problems/membership-not-found");

		Api.Response unchanged = tenant.api().get(membership);
		assertThat(unchanged.text("/status")).isEqualTo("active");
		assertThat(unchanged.json().path("history").size()).isEqualTo(1);
	}
}
