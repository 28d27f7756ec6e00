package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

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
import io.fidelis.support.TestTenants.TestTenant;
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
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response credit = tenant.adjust(memberId, "points", 100, "welcome gift");
		Api.Response debit = tenant.adjust(memberId, "points", -30, "till error");

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
		assertThat(tenant.available(memberId)).isEqualTo(70);
		tenant.assertBalanced();
	}

	@Test
	void debitBeyondTheAvailableBalanceIsRefusedAndChangesNothing() {
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.adjust(memberId, "points", 50, "welcome gift");

		Api.Response refused = tenant.adjust(memberId, "points", -51, "too much");

		assertProblem(refused, 422, "/problems/insufficient-points");
		assertThat(tenant.available(memberId)).isEqualTo(50);
		assertThat(tenant.statement(memberId).get("items")).hasSize(1);
		assertThat(tenant.adjust(memberId, "points", -50, "all of it").number("/available")).isZero();
		tenant.assertBalanced();
	}

	@Test
	void refusesInvalidAdjustmentsNamingTheField() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		tenant.adjust(memberId, "points", 10, "start");
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
		assertThat(tenant.available(memberId)).isEqualTo(10);
		assertThat(tenant.statement(memberId).get("items")).hasSize(1);
	}

	@Test
	void unknownProgramIsNotFound() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		String key = UUID.randomUUID().toString();

		Api.Response refused = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"nope\", \"points\": 5, \"reason\": \"r\"}", key);

		assertProblem(refused, 404, "/problems/program-not-found");
		Api.Response retried = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": 5, \"reason\": \"r\"}", key);
		assertThat(retried.status()).as("the refused request left its key free: " + retried).isEqualTo(201);
		assertThat(tenant.available(memberId)).isEqualTo(5);
	}

	@Test
	void anotherTenantsMemberIsNotFound() {
		TestTenant other = tenants.create();
		String theirMember = other.enrol("{\"email\": \"ada@example.com\"}");
		TestTenant tenant = tenants.create();
		Api api = tenant.api();

		Api.Response credit = tenant.adjust(theirMember, "points", 5, "r");
		Api.Response balances = api.get("/api/v1/members/" + theirMember + "/balances");
		Api.Response statement = api.get("/api/v1/members/" + theirMember + "/transactions");

		assertProblem(credit, 404, "/problems/member-not-found");
		assertProblem(balances, 404, "/problems/member-not-found");
		assertProblem(statement, 404, "/problems/member-not-found");
		assertThat(other.available(theirMember)).isZero();
	}

	@Test
	void adjustmentWithoutIdempotencyKeyIsRefused() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");

		Api.Response refused = api.post("/api/v1/members/" + memberId + "/adjustments",
				"{\"program\": \"points\", \"points\": 5, \"reason\": \"r\"}", null);

		assertProblem(refused, 400, "/problems/idempotency-key-required");
		assertThat(tenant.available(memberId)).isZero();
		assertThat(tenant.statement(memberId).get("items").isEmpty()).isTrue();
	}

	@Test
	void statementShowsEachLineNewestFirstInTheMembersLanguage() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\", \"locale\": \"fr\"}");
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
		Api.Response earned = tenant.purchase(memberId, "vente-1", "20.50", clock.instant());
		assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
		assertThat(earned.text("/effects/0/explanation/text"))
			.isEqualTo("20 points pour votre achat de 20.50 EUR: Base points 20");

		JsonNode lines = tenant.statement(memberId).get("items");

		assertThat(lines).hasSize(3);
		assertLine(lines.get(0), "earn", 20, "vente-1",
				"20 points pour votre achat de 20.50 EUR: Base points 20");
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
		TestTenant tenant = tenants.create();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		for (int points = 1; points <= 5; points++) {
			tick();
			tenant.adjust(memberId, "points", points, "credit " + points);
		}

		List<Long> amounts = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = tenant.statement(memberId, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
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
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
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
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		String memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
		Api.Response bonus = api.post("/api/v1/programs", "{\"code\": \"bonus\", \"name\": \"Bonus\", \"currency\": \"EUR\"}");
		assertThat(bonus.status()).as(bonus.toString()).isEqualTo(201);
		tick();
		tenant.adjust(memberId, "points", 10, "points credit");
		tick();
		tenant.adjust(memberId, "bonus", 7, "bonus credit");
		tick();
		tenant.adjust(memberId, "points", -4, "points debit");

		JsonNode all = tenant.statement(memberId).get("items");
		JsonNode onlyBonus = tenant.statement(memberId, "?program=bonus").get("items");
		JsonNode onlyPoints = tenant.statement(memberId, "?program=points").get("items");
		Api.Response unknown = api.get("/api/v1/members/" + memberId + "/transactions?program=nope");

		assertThat(all).hasSize(3);
		assertThat(onlyBonus).hasSize(1);
		assertThat(onlyBonus.get(0).get("program").asString()).isEqualTo("bonus");
		assertThat(onlyBonus.get(0).get("amount").asLong()).isEqualTo(7);
		assertThat(onlyPoints).hasSize(2);
		assertThat(onlyPoints.valueStream().map(line -> line.get("amount").asLong())).containsExactly(-4L, 10L);
		assertProblem(unknown, 404, "/problems/program-not-found");
		assertThat(tenant.available(memberId)).isEqualTo(6);
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
}
