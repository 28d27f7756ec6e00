package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Members giving points to each other (family pooling): statements, lists, limits and refusals. */
@IntegrationTest
class PointTransferIntegrationTest {

	static final String TERMS = "/api/v1/programs/points/transfer-terms";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	static String transfers(String member) {
		return "/api/v1/members/" + member + "/transfers";
	}

	static String transfer(String to, long points) {
		return """
				{"program": "points", "to": "%s", "points": %d}""".formatted(to, points);
	}

	@Test
	void pointsGoFromOneMemberToAnotherAndBothStatementsSaySo() {
		TestTenant tenant = tenants.create();
		String parent = tenant.memberWith(1000);
		String child = tenant.enrol("{\"locale\": \"fr\"}");
		clock.advance(Duration.ofSeconds(1));

		Api.Response given = tenant.api().post(transfers(parent), """
				{"program": "points", "to": "%s", "points": 300, "note": "For your birthday"}""".formatted(child));

		assertThat(given.status()).as(given.toString()).isEqualTo(201);
		assertThat(given.text("/direction")).isEqualTo("sent");
		assertThat(given.text("/fromMemberId")).isEqualTo(parent);
		assertThat(given.text("/toMemberId")).isEqualTo(child);
		assertThat(given.number("/points")).isEqualTo(300);
		assertThat(given.text("/note")).isEqualTo("For your birthday");
		assertThat(given.number("/available")).isEqualTo(700);
		assertThat(tenant.available(parent)).isEqualTo(700);
		assertThat(tenant.available(child)).isEqualTo(300);
		JsonNode sent = tenant.statement(parent).at("/items/0");
		JsonNode received = tenant.statement(child).at("/items/0");
		assertThat(sent.get("kind").asString()).isEqualTo("transfer");
		assertThat(sent.get("amount").asLong()).isEqualTo(-300);
		assertThat(sent.at("/explanation/text").asString()).isEqualTo("300 points given to another member");
		assertThat(received.get("amount").asLong()).isEqualTo(300);
		assertThat(received.at("/explanation/text").asString()).isEqualTo("300 points reçus d'un autre membre");
		assertThat(received.get("id").asString()).isEqualTo(given.text("/transactionId"));
		tenant.assertBalanced();
	}

	@Test
	void bothMembersListTheirTransfersNewestFirstPageByPage() {
		TestTenant tenant = tenants.create();
		String ada = tenant.memberWith(1000);
		String bob = tenant.memberWith(1000);
		String eve = tenant.memberWith(0);
		for (long points = 10; points <= 30; points += 10) {
			assertThat(tenant.api().post(transfers(ada), transfer(bob, points)).status()).isEqualTo(201);
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(tenant.api().post(transfers(bob), transfer(ada, 5)).status()).isEqualTo(201);
		assertThat(tenant.api().post(transfers(bob), transfer(eve, 7)).status()).isEqualTo(201);

		Api.Response first = tenant.api().get(transfers(ada) + "?limit=3");
		Api.Response second = tenant.api().get(transfers(ada) + "?limit=3&cursor=" + first.text("/nextCursor"));

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("items")).extracting(item -> item.get("direction").asString() + " "
				+ item.get("points").asLong()).containsExactly("received 5", "sent 30", "sent 20");
		assertThat(second.json().path("items")).extracting(item -> item.get("points").asLong()).containsExactly(10L);
		assertThat(second.text("/nextCursor")).isNull();
		assertThat(tenant.api().get(transfers(eve)).json().path("items")).extracting(
				item -> item.get("direction").asString()).containsExactly("received");
		assertThat(tenant.available(ada)).isEqualTo(945);
		assertThat(tenant.available(bob)).isEqualTo(1048);
		tenant.assertBalanced();
	}

	@Test
	void theProgramsLimitsBoundEachTransferAndEachMonth() {
		TestTenant tenant = tenants.create();
		Api.Response terms = tenant.api().put(TERMS, "{\"maxPointsPerTransfer\": 200, \"maxPointsPerMonth\": 300}");
		assertThat(terms.status()).as(terms.toString()).isEqualTo(200);
		assertThat(tenant.api().get(TERMS).number("/maxPointsPerMonth")).isEqualTo(300);
		// A month's limit counts from the first of the month: start well inside one.
		Instant now = clock.instant();
		int day = now.atOffset(ZoneOffset.UTC).getDayOfMonth();
		if (day > 20) {
			clock.advance(Duration.ofDays(32 - day));
		}
		String giver = tenant.memberWith(1000);
		String receiver = tenant.memberWith(0);

		assertProblem(tenant.api().post(transfers(giver), transfer(receiver, 201)), 422,
				"/problems/transfer-limit-exceeded");
		assertThat(tenant.api().post(transfers(giver), transfer(receiver, 200)).status()).isEqualTo(201);
		assertProblem(tenant.api().post(transfers(giver), transfer(receiver, 101)), 422,
				"/problems/monthly-transfer-limit-reached");
		assertThat(tenant.api().post(transfers(receiver), transfer(giver, 150)).status()).isEqualTo(201);
		assertThat(tenant.api().post(transfers(giver), transfer(receiver, 100)).status()).isEqualTo(201);
		assertProblem(tenant.api().post(transfers(giver), transfer(receiver, 1)), 422,
				"/problems/monthly-transfer-limit-reached");
		assertThat(tenant.available(giver)).isEqualTo(850);

		clock.advance(Duration.ofDays(31));
		assertThat(tenant.api().post(transfers(giver), transfer(receiver, 200)).status()).isEqualTo(201);
		assertThat(tenant.available(giver)).isEqualTo(650);

		Api.Response lifted = tenant.api().put(TERMS, "{}");
		assertThat(lifted.json().get("maxPointsPerTransfer").isNull()).isTrue();
		assertThat(tenant.api().post(transfers(giver), transfer(receiver, 650)).status()).isEqualTo(201);
		tenant.assertBalanced();
	}

	@Test
	void aReplayedTransferMovesPointsOnce() {
		TestTenant tenant = tenants.create();
		String giver = tenant.memberWith(100);
		String receiver = tenant.memberWith(0);

		Api.Response first = tenant.api().post(transfers(giver), transfer(receiver, 60), "gift-1");
		Api.Response replay = tenant.api().post(transfers(giver), transfer(receiver, 60), "gift-1");

		assertThat(first.status()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("/id")).isEqualTo(first.text("/id"));
		assertThat(tenant.available(giver)).isEqualTo(40);
		assertThat(tenant.available(receiver)).isEqualTo(60);
		assertThat(tenant.api().get(transfers(receiver)).json().path("items")).hasSize(1);
	}

	@Test
	void refusesBadTransfersAndWritesNothing() {
		TestTenant tenant = tenants.create();
		String giver = tenant.memberWith(100);
		String receiver = tenant.memberWith(0);
		String stranger = tenants.create().memberWith(0);

		Api.Response toSelf = tenant.api().post(transfers(giver), transfer(giver, 10));
		assertProblem(toSelf, 400, "/problems/invalid-request");
		assertThat(Problems.fields(toSelf)).containsExactly("to");
		assertProblem(tenant.api().post(transfers(giver), transfer(stranger, 10)), 404, "/problems/member-not-found");
		assertProblem(tenant.api().post(transfers(giver), transfer("0193a8c0-0000-7000-8000-000000000000", 10)), 404,
				"/problems/member-not-found");
		assertProblem(tenant.api().post(transfers(giver), transfer(receiver, 101)), 422,
				"/problems/insufficient-points");
		assertProblem(tenant.api().post(transfers(giver), """
				{"program": "nope", "to": "%s", "points": 10}""".formatted(receiver)), 404,
				"/problems/program-not-found");
		assertThat(Problems.fields(tenant.api().post(transfers(giver), transfer(receiver, 0)))).containsExactly(
				"points");
		assertThat(Problems.fields(tenant.api().post(transfers(giver), """
				{"program": "points", "to": "bob", "points": 10}"""))).containsExactly("to");
		assertThat(Problems.fields(tenant.api().post(transfers(giver), """
				{"program": "points", "points": 10}"""))).containsExactly("to");
		assertThat(Problems.fields(tenant.api().post(transfers(giver), """
				{"program": "points", "to": "%s", "points": 10, "note": "%s"}""".formatted(receiver, "x".repeat(201)))))
			.containsExactly("note");
		assertThat(Problems.fields(tenant.api().put(TERMS, "{\"maxPointsPerMonth\": 0}"))).containsExactly(
				"maxPointsPerMonth");
		assertProblem(tenant.api().get(transfers(stranger)), 404, "/problems/member-not-found");
		assertThat(tenant.available(giver)).isEqualTo(100);
		assertThat(tenant.available(receiver)).isZero();
		assertThat(tenant.api().get(transfers(giver)).json().path("items")).isEmpty();
		tenant.assertBalanced();
	}
}
