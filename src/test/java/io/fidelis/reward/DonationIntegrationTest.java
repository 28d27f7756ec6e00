package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.Problems;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/** Charity causes managed per tenant, members donating points to them, and what each cause was given. */
@IntegrationTest
class DonationIntegrationTest {

	static final String CAUSES = "/api/v1/causes";

	static final String FOREST = """
			{"code": "forest", "texts": {"en": {"name": "Plant a forest", "description": "Trees in the Landes"},
			 "fr": {"name": "Planter une forêt", "description": "Des arbres dans les Landes"}},
			 "imageUrl": "https://example.com/forest.png"}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	static String donations(String member) {
		return "/api/v1/members/" + member + "/donations";
	}

	static String donation(String program, String cause, long points) {
		return """
				{"program": "%s", "cause": "%s", "points": %d}""".formatted(program, cause, points);
	}

	private static void createCause(TestTenant tenant, String json) {
		Api.Response created = tenant.api().post(CAUSES, json);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void operatorsCreateListReadUpdateAndRetireCauses() {
		TestTenant tenant = tenants.create();
		Api.Response created = tenant.api().post(CAUSES, FOREST);
		createCause(tenant, """
				{"code": "books", "texts": {"fr": {"name": "Des livres pour l'école"}}}""");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("/status")).isEqualTo("active");
		assertThat(created.text("/texts/fr/name")).isEqualTo("Planter une forêt");
		assertThat(created.text("/imageUrl")).isEqualTo("https://example.com/forest.png");
		assertThat(tenant.api().get(CAUSES).json()).extracting(cause -> cause.get("code").asString())
			.containsExactly("books", "forest");
		Api.Response read = tenant.api().get(CAUSES + "/forest");
		assertThat(read.number("/given/donations")).isZero();
		assertThat(read.json().at("/given/programs")).isEmpty();

		Api.Response updated = tenant.api().put(CAUSES + "/forest", """
				{"texts": {"en": {"name": "Plant two forests"}}}""");
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.text("/texts/en/name")).isEqualTo("Plant two forests");
		assertThat(updated.json().at("/texts/fr").isNull()).isTrue();
		assertThat(updated.text("/imageUrl")).isNull();

		Api.Response retired = tenant.api().post(CAUSES + "/forest/retire", null);
		assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
		assertThat(retired.text("/status")).isEqualTo("retired");
		assertThat(retired.text("/retiredAt")).isNotNull();
		assertThat(tenant.api().get(CAUSES + "/forest").text("/status")).isEqualTo("retired");
	}

	@Test
	void aDonationDebitsTheMemberAndTheCauseReportsWhatMembersGave() {
		TestTenant tenant = tenants.create();
		createCause(tenant, FOREST);
		assertThat(tenant.api().post("/api/v1/programs", """
				{"code": "wallet", "name": "Cashback", "kind": "cashback", "currency": "EUR", "unitValue": "0.01"}""")
			.status()).isEqualTo(201);
		String ada = tenant.enrol("{\"locale\": \"fr\"}");
		assertThat(tenant.adjust(ada, "points", 1000, "test balance").status()).isEqualTo(201);
		String bob = tenant.memberWith(500);
		assertThat(tenant.adjust(bob, "wallet", 250, "test balance").status()).isEqualTo(201);

		clock.advance(Duration.ofSeconds(1));
		Api.Response given = tenant.api().post(donations(ada), donation("points", "forest", 300));
		JsonNode line = tenant.statement(ada).at("/items/0");
		assertThat(tenant.api().post(donations(ada), donation("points", "forest", 200)).status()).isEqualTo(201);
		assertThat(tenant.api().post(donations(bob), donation("points", "forest", 150)).status()).isEqualTo(201);
		clock.advance(Duration.ofSeconds(1));
		assertThat(tenant.api().post(donations(bob), donation("wallet", "forest", 250)).status()).isEqualTo(201);

		assertThat(given.status()).as(given.toString()).isEqualTo(201);
		assertThat(given.text("/cause")).isEqualTo("forest");
		assertThat(given.number("/points")).isEqualTo(300);
		assertThat(given.text("/amount")).isEqualTo("3.00");
		assertThat(given.text("/currency")).isEqualTo("EUR");
		assertThat(given.number("/available")).isEqualTo(700);
		assertThat(tenant.available(ada)).isEqualTo(500);
		assertThat(tenant.available(bob)).isEqualTo(350);
		assertThat(line.get("kind").asString()).isEqualTo("donation");
		assertThat(line.get("id").asString()).isEqualTo(given.text("/transactionId"));
		assertThat(line.at("/explanation/text").asString())
			.isEqualTo("300 points donnés à Planter une forêt, soit 3.00 EUR");
		assertThat(tenant.statement(bob).at("/items/0/explanation/text").asString())
			.isEqualTo("250 credit donated to Plant a forest, worth 2.50 EUR");

		JsonNode report = tenant.api().get(CAUSES + "/forest").json().get("given");
		assertThat(report.get("donations").asLong()).isEqualTo(4);
		assertThat(report.get("donors").asLong()).isEqualTo(2);
		assertThat(report.get("programs")).hasSize(2);
		for (JsonNode program : report.get("programs")) {
			String summary = program.get("donations").asLong() + " by " + program.get("donors").asLong() + ": "
					+ program.get("points").asLong() + " = " + program.get("amount").asString() + " "
					+ program.get("currency").asString();
			assertThat(summary).isEqualTo(program.get("program").asString().equals("points")
					? "3 by 2: 650 = 6.50 EUR" : "1 by 1: 250 = 2.50 EUR");
		}
		tenant.assertBalanced();
		Api.Response wallet = tenant.api().get("/api/v1/programs/wallet/reconciliation");
		assertThat(wallet.json().get("balanced").asBoolean()).as(wallet.toString()).isTrue();
	}

	@Test
	void aDonationIsWorthWhatThePointsAreWorthRoundedDown() {
		TestTenant tenant = tenants.create();
		createCause(tenant, FOREST);
		assertThat(tenant.api().post("/api/v1/programs", """
				{"code": "tiny", "name": "Tiny points", "currency": "EUR", "unitValue": "0.004"}""").status())
			.isEqualTo(201);
		String member = tenant.enrol("{}");
		assertThat(tenant.adjust(member, "tiny", 100, "test balance").status()).isEqualTo(201);

		Api.Response given = tenant.api().post(donations(member), donation("tiny", "forest", 11));

		assertThat(given.text("/amount")).isEqualTo("0.04");
		assertThat(given.number("/points")).isEqualTo(11);
		assertThat(tenant.api().get(CAUSES + "/forest").text("/given/programs/0/amount")).isEqualTo("0.04");
	}

	@Test
	void aRetiredCauseTakesNoMoreDonationsButKeepsWhatItWasGiven() {
		TestTenant tenant = tenants.create();
		createCause(tenant, FOREST);
		String member = tenant.memberWith(500);
		assertThat(tenant.api().post(donations(member), donation("points", "forest", 100)).status()).isEqualTo(201);
		assertThat(tenant.api().post(CAUSES + "/forest/retire", null).status()).isEqualTo(200);

		assertProblem(tenant.api().post(donations(member), donation("points", "forest", 100)), 422,
				"/problems/cause-retired");

		assertThat(tenant.available(member)).isEqualTo(400);
		assertThat(tenant.api().get(CAUSES + "/forest").number("/given/donations")).isEqualTo(1);
	}

	@Test
	void aReplayedDonationIsGivenOnce() {
		TestTenant tenant = tenants.create();
		createCause(tenant, FOREST);
		String member = tenant.memberWith(500);

		Api.Response first = tenant.api().post(donations(member), donation("points", "forest", 100), "gift-1");
		Api.Response replay = tenant.api().post(donations(member), donation("points", "forest", 100), "gift-1");
		Api.Response created = tenant.api().post(CAUSES, FOREST.replace("forest\"", "trees\""), "cause-1");
		Api.Response causeReplay = tenant.api().post(CAUSES, FOREST.replace("forest\"", "trees\""), "cause-1");

		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("/id")).isEqualTo(first.text("/id"));
		assertThat(tenant.available(member)).isEqualTo(400);
		assertThat(tenant.api().get(CAUSES + "/forest").number("/given/donations")).isEqualTo(1);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(causeReplay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(causeReplay.text("/id")).isEqualTo(created.text("/id"));
		assertProblem(tenant.api().post(CAUSES, FOREST), 409, "/problems/cause-exists");
	}

	@Test
	void refusesBadCausesAndDonationsAndWritesNothing() {
		TestTenant tenant = tenants.create();
		createCause(tenant, FOREST);
		String member = tenant.memberWith(100);

		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"texts\": {\"en\": {\"name\": \"No code\"}}}")))
			.containsExactly("code");
		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"code\": \"Bad Code\", \"texts\": {\"en\": "
				+ "{\"name\": \"x\"}}}"))).containsExactly("code");
		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"code\": \"empty\", \"texts\": {}}")))
			.containsExactly("texts");
		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"code\": \"nameless\"}"))).containsExactly("texts");
		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"code\": \"blank\", \"texts\": {\"en\": "
				+ "{\"name\": \" \"}}}"))).containsExactly("texts.en.name");
		assertThat(Problems.fields(tenant.api().post(CAUSES, "{\"code\": \"image\", \"texts\": {\"en\": "
				+ "{\"name\": \"x\"}}, \"imageUrl\": \"ftp://example.com/x\"}"))).containsExactly("imageUrl");
		assertThat(Problems.fields(tenant.api().put(CAUSES + "/forest", "{\"code\": \"other\", \"texts\": {\"en\": "
				+ "{\"name\": \"x\"}}}"))).containsExactly("code");
		assertProblem(tenant.api().put(CAUSES + "/nope", "{\"texts\": {\"en\": {\"name\": \"x\"}}}"), 404,
				"/problems/cause-not-found");
		assertProblem(tenant.api().post(CAUSES + "/nope/retire", null), 404, "/problems/cause-not-found");
		assertProblem(tenant.api().get(CAUSES + "/nope"), 404, "/problems/cause-not-found");

		assertProblem(tenant.api().post(donations(member), donation("points", "nope", 10)), 404,
				"/problems/cause-not-found");
		assertProblem(tenant.api().post(donations(member), donation("nope", "forest", 10)), 404,
				"/problems/program-not-found");
		assertProblem(tenant.api().post(donations(member), donation("points", "forest", 101)), 422,
				"/problems/insufficient-points");
		assertThat(Problems.fields(tenant.api().post(donations(member), donation("points", "forest", 0))))
			.containsExactly("points");
		assertThat(Problems.fields(tenant.api().post(donations(member), "{\"program\": \"points\", \"points\": 1}")))
			.containsExactly("cause");
		assertProblem(tenant.api().post(donations("0193a8c0-0000-7000-8000-000000000000"),
				donation("points", "forest", 10)), 404, "/problems/member-not-found");

		TestTenant stranger = tenants.create();
		assertProblem(stranger.api().get(CAUSES + "/forest"), 404, "/problems/cause-not-found");
		assertProblem(stranger.api().post(donations(stranger.memberWith(100)), donation("points", "forest", 10)),
				404, "/problems/cause-not-found");
		assertThat(stranger.api().get(CAUSES).json()).isEmpty();

		assertThat(tenant.available(member)).isEqualTo(100);
		assertThat(tenant.api().get(CAUSES + "/forest").number("/given/donations")).isZero();
		tenant.assertBalanced();
	}
}
