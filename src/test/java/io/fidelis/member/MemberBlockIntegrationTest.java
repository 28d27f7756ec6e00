package io.fidelis.member;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Blocking and unblocking members through the API: what a blocked member can no longer do, and what still works. */
@IntegrationTest
@Import(MemberEventsHeard.class)
class MemberBlockIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	MemberEventsHeard heard;

	static String block(String member) {
		return "/api/v1/members/" + member + "/block";
	}

	static String unblock(String member) {
		return "/api/v1/members/" + member + "/unblock";
	}

	private String purchase(String transactionId, String member, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s", "amount": "%s",
				 "currency": "EUR"}""".formatted(transactionId, member, clock.instant(), amount);
	}

	@Test
	void aBlockedMemberEarnsAndSpendsNothingWhileReadsStillWork() {
		TestTenant tenant = tenants.create();
		assertThat(tenant.api().post("/api/v1/programs/points/rewards", """
				{"code": "five-off", "type": "discount_voucher", "cost": 100, "texts": {"en": {"name": "5 EUR off"}},
				 "discount": {"kind": "fixed", "amount": "5.00"}, "voucher": {"validDays": 30}}""").status())
			.isEqualTo(201);
		assertThat(tenant.api().post("/api/v1/causes", "{\"code\": \"forest\", \"texts\": {\"en\": {\"name\": \"Trees\"}}}")
			.status()).isEqualTo(201);
		String member = tenant.memberWith(1000);
		String friend = tenant.memberWith(1000);
		String voucher = tenant.api()
			.post("/api/v1/members/" + member + "/redemptions", "{\"reward\": \"five-off\"}")
			.text("/vouchers/0/code");
		int lines = tenant.statement(member).path("items").size();

		Api.Response blocked = tenant.api().post(block(member), "{\"reason\": \"Card reported stolen\"}");

		assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
		assertThat(blocked.text("/status")).isEqualTo("blocked");
		assertThat(blocked.text("/statusReason")).isEqualTo("Card reported stolen");
		assertThat(tenant.api().get("/api/v1/members/" + member).text("/status")).isEqualTo("blocked");
		String members = "/api/v1/members/";
		List<Api.Response> refused = List.of(tenant.event(purchase("sale-1", member, "30.00")),
				tenant.event("""
						{"type": "review", "transactionId": "review-1", "member": {"id": "%s"}, "occurredAt": "%s"}"""
					.formatted(member, clock.instant())),
				tenant.api().post(members + member + "/redemptions", "{\"reward\": \"five-off\"}"),
				tenant.api().post(members + member + "/transfers",
						"{\"program\": \"points\", \"to\": \"" + friend + "\", \"points\": 10}"),
				tenant.api().post(members + friend + "/transfers",
						"{\"program\": \"points\", \"to\": \"" + member + "\", \"points\": 10}"),
				tenant.api().post(members + member + "/donations",
						"{\"program\": \"points\", \"cause\": \"forest\", \"points\": 10}"),
				tenant.api().post(members + member + "/point-payments", """
						{"program": "points", "amount": "49.90", "currency": "EUR", "points": 100, "store": "paris-1"}"""),
				tenant.api().post(members + member + "/holds", "{\"program\": \"points\", \"points\": 10}"),
				tenant.api().post("/api/v1/vouchers/" + voucher + "/validate", "{}"),
				tenant.api().post("/api/v1/vouchers/" + voucher + "/hold", "{}"),
				tenant.api().post("/api/v1/vouchers/" + voucher + "/redeem", """
						{"amount": "20.00", "currency": "EUR", "items": [], "store": "paris-1", "reference": "till-1"}"""));
		for (Api.Response refusal : refused) {
			assertProblem(refusal, 409, "/problems/member-blocked");
			assertThat(refusal.text("/detail")).contains("Card reported stolen");
		}
		assertThat(tenant.available(member)).isEqualTo(900);
		assertThat(tenant.available(friend)).isEqualTo(1000);
		assertThat(tenant.statement(member).path("items")).hasSize(lines);
		assertThat(tenant.api().get(members + member + "/vouchers").status()).isEqualTo(200);
		assertThat(tenant.api().get(members + member + "/redemptions").status()).isEqualTo(200);
		assertThat(tenant.api().get("/api/v1/vouchers/" + voucher).text("/status")).isEqualTo("issued");

		Api.Response unblocked = tenant.api().post(unblock(member), null);
		assertThat(unblocked.status()).as(unblocked.toString()).isEqualTo(200);
		assertThat(unblocked.text("/status")).isEqualTo("active");
		assertThat(unblocked.text("/statusReason")).isNull();
		// The refused sale wrote nothing, not even its transaction id: sent again, it earns.
		Api.Response earned = tenant.event(purchase("sale-1", member, "30.00"));
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(tenant.available(member)).isEqualTo(930);
		tenant.assertBalanced();
		assertThat(heard.of(tenant.id())).hasSize(2);
		assertThat(heard.of(tenant.id()).get(0)).isInstanceOfSatisfying(MemberBlocked.class,
				event -> assertThat(event.reason()).isEqualTo("Card reported stolen"));
		assertThat(heard.of(tenant.id()).get(1)).isInstanceOfSatisfying(MemberUnblocked.class,
				event -> assertThat(event.memberId().value().toString()).isEqualTo(member));
	}

	@Test
	void blockingNeedsAReasonAndBlockingAgainOnlyReplacesIt() {
		TestTenant tenant = tenants.create();
		String member = tenant.memberWith(0);

		Api.Response blank = tenant.api().post(block(member), "{\"reason\": \"  \"}");
		assertProblem(blank, 400, "/problems/invalid-request");
		assertThat(Problems.fields(blank)).containsExactly("reason");
		assertProblem(tenant.api().post(block(member), "{\"reason\": \"" + "x".repeat(501) + "\"}"), 400,
				"/problems/invalid-request");
		assertProblem(tenant.api().post(block(UUID.randomUUID().toString()), "{\"reason\": \"fraud\"}"), 404,
				"/problems/member-not-found");
		assertThat(tenant.api().post(unblock(member), null).text("/status")).isEqualTo("active");
		assertThat(heard.of(tenant.id())).isEmpty();

		assertThat(tenant.api().post(block(member), "{\"reason\": \"fraud\"}").status()).isEqualTo(200);
		Api.Response again = tenant.api().post(block(member), "{\"reason\": \"fraud, confirmed\"}");

		assertThat(again.text("/statusReason")).isEqualTo("fraud, confirmed");
		assertThat(heard.of(tenant.id())).hasSize(1);
		assertThat(tenant.api().get("/api/v1/members?identifier=" + member).text("/items/0/status"))
			.isEqualTo("blocked");
	}

	@Test
	void theBackOfficeListsTheMembersOfAStatusNewestFirst() {
		TestTenant tenant = tenants.create();
		String first = tenant.memberWith(0);
		String active = tenant.memberWith(0);
		String second = tenant.memberWith(0);
		String survivor = tenant.memberWith(0);
		for (String member : List.of(first, second)) {
			assertThat(tenant.api().post(block(member), "{\"reason\": \"fraud\"}").status()).isEqualTo(200);
		}
		String duplicate = tenant.memberWith(0);
		assertThat(tenant.api().post("/api/v1/members/" + survivor + "/merges", "{\"duplicate\": \"" + duplicate + "\"}")
			.status()).isEqualTo(200);

		Api.Response blocked = tenant.api().get("/api/v1/members?status=blocked&limit=1");
		Api.Response next = tenant.api().get("/api/v1/members?status=blocked&limit=1&cursor=" + blocked.text("/nextCursor"));

		assertThat(blocked.json().path("items")).extracting(item -> item.get("id").asString()).containsExactly(second);
		assertThat(next.json().path("items")).extracting(item -> item.get("id").asString()).containsExactly(first);
		assertThat(next.text("/nextCursor")).isNull();
		assertThat(tenant.api().get("/api/v1/members?status=merged").json().path("items"))
			.extracting(item -> item.get("id").asString())
			.containsExactly(duplicate);
		assertThat(tenant.api().get("/api/v1/members?status=active").json().path("items"))
			.extracting(item -> item.get("id").asString())
			.containsExactly(survivor, active);
		assertThat(Problems.fields(tenant.api().get("/api/v1/members?status=gone"))).containsExactly("status");
		assertThat(Problems.fields(tenant.api().get("/api/v1/members?status=blocked&identifier=" + first)))
			.containsExactly("status");
	}

	@Test
	void aBatchRefusesTheEventsOfABlockedMemberOneByOne() {
		TestTenant tenant = tenants.create();
		String ada = tenant.memberWith(0);
		String bob = tenant.memberWith(0);
		assertThat(tenant.api().post(block(bob), "{\"reason\": \"fraud\"}").status()).isEqualTo(200);

		Api.Response batch = tenant.api().post("/api/v1/events:batch", "{\"events\": [" + String.join(",",
				purchase("b-1", ada, "10.00"), purchase("b-2", bob, "20.00"), purchase("b-3", ada, "30.00")) + "]}",
				null);

		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		JsonNode results = batch.json().get("results");
		assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
		assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
		assertThat(results.get(1).at("/problem/type").asString()).isEqualTo("/problems/member-blocked");
		assertThat(results.get(2).get("status").asInt()).isEqualTo(201);
		assertThat(batch.number("/applied")).isEqualTo(2);
		assertThat(batch.number("/refused")).isEqualTo(1);
		assertThat(tenant.available(ada)).isEqualTo(40);
		assertThat(tenant.available(bob)).isZero();
		tenant.assertBalanced();
	}

	@Test
	void aMergeIsHeardWithBothMembers() {
		TestTenant tenant = tenants.create();
		String survivor = tenant.memberWith(0);
		String duplicate = tenant.memberWith(0);

		Api.Response merged = tenant.api().post("/api/v1/members/" + survivor + "/merges",
				"{\"duplicate\": \"" + duplicate + "\"}", "merge-key");

		assertThat(merged.status()).isEqualTo(200);
		assertThat(heard.of(tenant.id())).singleElement().isInstanceOfSatisfying(MembersMerged.class, event -> {
			assertThat(event.survivorId().value().toString()).isEqualTo(survivor);
			assertThat(event.duplicateId().value().toString()).isEqualTo(duplicate);
			assertThat(event.reference()).isEqualTo("merge-key");
		});
	}
}
