package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import tools.jackson.databind.JsonNode;

/** Operators' manual credits and debits, and the member's statement that shows them. */
@IntegrationTest
class AdjustmentIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void creditsAndDebitsTheAvailableBalance() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");

		Api.Response credit = adjust(api, memberId, "points", "100", "welcome gift");
		Api.Response debit = adjust(api, memberId, "points", "-30", "till error");

		assertThat(credit.status()).as(credit.toString()).isEqualTo(201);
		assertThat(credit.number("/points")).isEqualTo(100);
		assertThat(credit.number("/available")).isEqualTo(100);
		assertThat(credit.text("/program")).isEqualTo("points");
		assertThat(credit.text("/transactionId")).isNotNull();
		assertThat(credit.text("/explanation/code")).isEqualTo("adjustment.credit");
		assertThat(credit.text("/explanation/text")).isEqualTo("100 points added by the program team: welcome gift");
		assertThat(debit.status()).as(debit.toString()).isEqualTo(201);
		assertThat(debit.number("/points")).isEqualTo(-30);
		assertThat(debit.number("/available")).isEqualTo(70);
		assertThat(debit.text("/explanation/text")).isEqualTo("30 points removed by the program team: till error");
		assertThat(available(api, memberId)).isEqualTo(70);
		assertBalanced(api);
	}

	@Test
	void debitBeyondTheAvailableBalanceIsRefusedAndChangesNothing() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		adjust(api, memberId, "points", "50", "welcome gift");

		Api.Response refused = adjust(api, memberId, "points", "-51", "too much");

		assertProblem(refused, 422, "/problems/insufficient-points");
		assertThat(available(api, memberId)).isEqualTo(50);
		assertThat(statement(api, memberId, "").get("items")).hasSize(1);
		assertThat(adjust(api, memberId, "points", "-50", "all of it").number("/available")).isZero();
		assertBalanced(api);
	}

	@Test
	void refusesInvalidAdjustmentsNamingTheField() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		adjust(api, memberId, "points", "10", "start");
		List<String[]> cases = List.of(
				new String[] { "{\"program\": \"points\", \"points\": 0, \"reason\": \"r\"}", "points" },
				new String[] { "{\"program\": \"points\", \"points\": 5}", "reason" },
				new String[] { "{\"program\": \"points\", \"points\": 5, \"reason\": \"  \"}", "reason" },
				new String[] { "{\"program\": \"points\", \"points\": 1.5, \"reason\": \"r\"}", "points" },
				new String[] { "{\"program\": \"points\", \"points\": \"5\", \"reason\": \"r\"}", "points" },
				new String[] { "{\"program\": \"points\", \"points\": 1000000000000, \"reason\": \"r\"}", "points" },
				new String[] { "{\"program\": \"points\", \"points\": -1000000000000, \"reason\": \"r\"}", "points" },
				new String[] { "{\"program\": \"points\", \"points\": 99999999999999999999, \"reason\": \"r\"}",
						"points" },
				new String[] { "{\"program\": \"points\", \"reason\": \"r\"}", "points" },
				new String[] { "{\"points\": 5, \"reason\": \"r\"}", "program" },
				new String[] { "{\"program\": \"points\", \"points\": 5, \"reason\": \"r\", \"extra\": 1}", "extra" });

		for (String[] invalid : cases) {
			Api.Response refused = api.post("/api/v1/members/" + memberId + "/adjustments", invalid[0]);
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).as(invalid[0] + " → " + refused).containsExactly(invalid[1]);
		}
		assertThat(available(api, memberId)).isEqualTo(10);
		assertThat(statement(api, memberId, "").get("items")).hasSize(1);
	}

	@Test
	void unknownProgramIsNotFound() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		String key = UUID.randomUUID().toString();

		Api.Response refused = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"nope\", \"points\": 5, \"reason\": \"r\"}", key);

		assertProblem(refused, 404, "/problems/program-not-found");
		Api.Response retried = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": 5, \"reason\": \"r\"}", key);
		assertThat(retried.status()).as("the refused request left its key free: " + retried).isEqualTo(201);
		assertThat(available(api, memberId)).isEqualTo(5);
	}

	@Test
	void anotherTenantsMemberIsNotFound() {
		Api other = tenants.create().api();
		String theirMember = enrol(other, "{\"email\": \"ada@example.com\"}");
		Api api = tenants.create().api();

		Api.Response credit = adjust(api, theirMember, "points", "5", "r");
		Api.Response balances = api.get("/api/v1/members/" + theirMember + "/balances");
		Api.Response statement = api.get("/api/v1/members/" + theirMember + "/transactions");

		assertProblem(credit, 404, "/problems/member-not-found");
		assertProblem(balances, 404, "/problems/member-not-found");
		assertProblem(statement, 404, "/problems/member-not-found");
		assertThat(available(other, theirMember)).isZero();
	}

	@Test
	void adjustmentWithoutIdempotencyKeyIsRefused() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");

		Api.Response refused = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": 5, \"reason\": \"r\"}", null);

		assertProblem(refused, 400, "/problems/idempotency-key-required");
		assertThat(available(api, memberId)).isZero();
		assertThat(statement(api, memberId, "").get("items").isEmpty()).isTrue();
	}

	@Test
	void statementShowsEachLineNewestFirstInTheMembersLanguage() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\", \"locale\": \"fr\"}");
		String creditKey = UUID.randomUUID().toString();
		String debitKey = UUID.randomUUID().toString();

		tick();
		assertThat(api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": 100, \"reason\": \"Bienvenue\"}", creditKey).status())
			.isEqualTo(201);
		tick();
		assertThat(api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": -30, \"reason\": \"Erreur de caisse\"}", debitKey).status())
			.isEqualTo(201);
		tick();
		Api.Response earned = api.post("/api/v1/events", """
				{"type": "purchase", "transactionId": "vente-1", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "20.50", "currency": "EUR"}""".formatted(memberId, clock.instant()), null);
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.text("/effects/0/explanation/text"))
			.isEqualTo("20 points pour votre achat de 20.50 EUR (1 par EUR, arrondi à l'inférieur)");

		JsonNode lines = statement(api, memberId, "").get("items");

		assertThat(lines).hasSize(3);
		assertLine(lines.get(0), "earn", 20, "vente-1",
				"20 points pour votre achat de 20.50 EUR (1 par EUR, arrondi à l'inférieur)");
		assertLine(lines.get(1), "adjustment", -30, debitKey,
				"30 points retirés par l'équipe du programme : Erreur de caisse");
		assertLine(lines.get(2), "adjustment", 100, creditKey,
				"100 points ajoutés par l'équipe du programme : Bienvenue");
		assertThat(lines.get(0).get("program").asString()).isEqualTo("points");
		assertThat(lines.get(0).get("explanation").get("code").asString()).isEqualTo("earn.purchase");
		assertThat(lines.get(2).at("/explanation/details/reason").asString()).isEqualTo("Bienvenue");
	}

	@Test
	void statementIsPaginatedWithLimitAndCursor() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		for (int points = 1; points <= 5; points++) {
			tick();
			adjust(api, memberId, "points", Integer.toString(points), "credit " + points);
		}

		List<Long> amounts = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = statement(api, memberId, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
			page.get("items").forEach(line -> amounts.add(line.get("amount").asLong()));
			pageSizes.add(page.get("items").size());
			cursor = page.path("nextCursor").isString() ? page.get("nextCursor").asString() : null;
		}
		while (cursor != null && pageSizes.size() < 10);

		assertThat(pageSizes).containsExactly(2, 2, 1);
		assertThat(amounts).containsExactly(5L, 4L, 3L, 2L, 1L);
	}

	@Test
	void statementRefusesABadLimitOrCursorNamingTheParameter() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		String base = "/api/v1/members/" + memberId + "/transactions";

		Api.Response zero = api.get(base + "?limit=0");
		Api.Response tooMany = api.get(base + "?limit=201");
		Api.Response notANumber = api.get(base + "?limit=ten");
		Api.Response badCursor = api.get(base + "?cursor=not-a-cursor");

		for (Api.Response refused : List.of(zero, tooMany, notANumber)) {
			assertProblem(refused, 400, "/problems/invalid-request");
			assertThat(fields(refused)).as(refused.toString()).containsExactly("limit");
		}
		assertProblem(badCursor, 400, "/problems/invalid-request");
		assertThat(fields(badCursor)).containsExactly("cursor");
	}

	@Test
	void statementFiltersByProgram() {
		Api api = tenants.create().api();
		String memberId = enrol(api, "{\"email\": \"ada@example.com\"}");
		Api.Response bonus = api.post("/api/v1/programs", "{\"code\": \"bonus\", \"name\": \"Bonus\", \"currency\": \"EUR\"}");
		assertThat(bonus.status()).as(bonus.toString()).isEqualTo(201);
		tick();
		adjust(api, memberId, "points", "10", "points credit");
		tick();
		adjust(api, memberId, "bonus", "7", "bonus credit");
		tick();
		adjust(api, memberId, "points", "-4", "points debit");

		JsonNode all = statement(api, memberId, "").get("items");
		JsonNode onlyBonus = statement(api, memberId, "?program=bonus").get("items");
		JsonNode onlyPoints = statement(api, memberId, "?program=points").get("items");
		Api.Response unknown = api.get("/api/v1/members/" + memberId + "/transactions?program=nope");

		assertThat(all).hasSize(3);
		assertThat(onlyBonus).hasSize(1);
		assertThat(onlyBonus.get(0).get("program").asString()).isEqualTo("bonus");
		assertThat(onlyBonus.get(0).get("amount").asLong()).isEqualTo(7);
		assertThat(onlyPoints).hasSize(2);
		assertThat(onlyPoints.valueStream().map(line -> line.get("amount").asLong())).containsExactly(-4L, 10L);
		assertProblem(unknown, 404, "/problems/program-not-found");
		assertThat(available(api, memberId)).isEqualTo(6);
	}

	private void tick() {
		clock.advance(Duration.ofSeconds(1));
	}

	private static void assertLine(JsonNode line, String kind, long amount, String reference, String text) {
		assertThat(line.get("kind").asString()).as(line.toString()).isEqualTo(kind);
		assertThat(line.get("amount").asLong()).as(line.toString()).isEqualTo(amount);
		assertThat(line.get("pendingAmount").asLong()).as(line.toString()).isZero();
		assertThat(line.get("reference").asString()).as(line.toString()).isEqualTo(reference);
		assertThat(line.at("/explanation/text").asString()).as(line.toString()).isEqualTo(text);
		assertThat(line.get("id").asString()).isNotBlank();
		assertThat(line.get("occurredAt").asString()).isNotBlank();
		assertThat(line.get("createdAt").asString()).isNotBlank();
	}

	private static Api.Response adjust(Api api, String memberId, String program, String points, String reason) {
		return api.post("/api/v1/members/" + memberId + "/adjustments", """
				{"program": "%s", "points": %s, "reason": "%s"}""".formatted(program, points, reason));
	}

	private static String enrol(Api api, String json) {
		Api.Response enrolled = api.post("/api/v1/members", json);
		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		return enrolled.text("/id");
	}

	private static long available(Api api, String memberId) {
		Api.Response balances = api.get("/api/v1/members/" + memberId + "/balances");
		assertThat(balances.status()).as(balances.toString()).isEqualTo(200);
		for (JsonNode balance : balances.json()) {
			if (balance.get("program").asString().equals("points")) {
				return balance.get("available").asLong();
			}
		}
		throw new AssertionError("no points balance: " + balances);
	}

	private static JsonNode statement(Api api, String memberId, String query) {
		Api.Response statement = api.get("/api/v1/members/" + memberId + "/transactions" + query);
		assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
		return statement.json();
	}

	private static void assertBalanced(Api api) {
		Api.Response report = api.get("/api/v1/programs/points/reconciliation");
		assertThat(report.json().get("balanced").asBoolean()).as(report.toString()).isTrue();
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("/type")).as(response.toString()).isEqualTo(type);
	}

	private static List<String> fields(Api.Response problem) {
		return problem.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
	}
}
