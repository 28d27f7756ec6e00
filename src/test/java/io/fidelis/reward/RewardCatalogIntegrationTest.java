package io.fidelis.reward;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/** A program's rewards catalog through its API: created, read, listed, replaced, retired, and refused. */
@IntegrationTest
class RewardCatalogIntegrationTest {

	static final String REWARDS = "/api/v1/programs/points/rewards";
	static final String FIVE_EUROS = """
			{"code": "five-off", "type": "discount_voucher", "cost": 500,
			 "texts": {"en": {"name": "5 EUR off", "description": "On any basket of 20 EUR or more"},
			           "fr": {"name": "5 EUR de remise"}},
			 "imageUrl": "https://cdn.example.com/five.png",
			 "discount": {"kind": "fixed", "amount": "5.00"},
			 "voucher": {"prefix": "FID-", "length": 10, "validDays": 30, "minBasket": "20.00"},
			 "stock": 100, "perMemberLimit": 3}""";

	@Autowired
	TestTenants tenants;

	@Test
	void createdRewardIsReadListedReplacedAndRetired() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();

		Api.Response created = api.post(REWARDS, FIVE_EUROS);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("/code")).isEqualTo("five-off");
		assertThat(created.text("/program")).isEqualTo("points");
		assertThat(created.text("/status")).isEqualTo("available");
		assertThat(created.text("/type")).isEqualTo("discount_voucher");
		assertThat(created.number("/cost")).isEqualTo(500);
		assertThat(created.number("/remaining")).isEqualTo(100);
		assertThat(created.text("/texts/fr/name")).isEqualTo("5 EUR de remise");
		assertThat(created.text("/discount/amount")).isEqualTo("5.00");
		assertThat(created.text("/voucher/prefix")).isEqualTo("FID-");
		assertThat(api.get(REWARDS + "/five-off").json()).isEqualTo(created.json());
		assertThat(api.get(REWARDS).json().size()).isEqualTo(1);

		Api.Response replaced = api.send("PUT", REWARDS + "/five-off", FIVE_EUROS.replace("\"cost\": 500",
				"\"cost\": 450"), java.util.Map.of("Idempotency-Key", "replace-1"));
		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		assertThat(replaced.number("/cost")).isEqualTo(450);

		Api.Response retired = api.post(REWARDS + "/five-off/retire", null);
		assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
		assertThat(retired.text("/status")).isEqualTo("retired");
		assertThat(retired.text("/retiredAt")).isNotEmpty();
	}

	@Test
	void codesAreUniqueInTheTenantAndUnknownRewardsAreNotFound() {
		TestTenant tenant = tenants.create();
		Api api = tenant.api();
		assertThat(api.post(REWARDS, FIVE_EUROS).status()).isEqualTo(201);
		assertProblem(api.post(REWARDS, FIVE_EUROS), 409, "/problems/reward-exists");
		assertProblem(api.get(REWARDS + "/nope"), 404, "/problems/reward-not-found");
		assertProblem(api.post("/api/v1/programs/nope/rewards", FIVE_EUROS), 404, "/problems/program-not-found");
		assertProblem(tenants.create().api().get(REWARDS + "/five-off"), 404, "/problems/reward-not-found");
		assertProblem(api.send("PUT", REWARDS + "/five-off", FIVE_EUROS.replace("five-off", "other"),
				java.util.Map.of("Idempotency-Key", "k")), 400, "/problems/invalid-request");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no code                  | "code": "five-off",                    |                                  | code
			bad code                 | "code": "five-off"                     | "code": "Five Off"               | code
			no type                  | "type": "discount_voucher",            |                                  | type
			unknown type             | "type": "discount_voucher"             | "type": "gift"                   | type
			no cost                  | "cost": 500,                           |                                  | cost
			zero cost                | "cost": 500                            | "cost": 0                        | cost
			fractional cost          | "cost": 500                            | "cost": 1.5                      | cost
			negative stock           | "stock": 100                           | "stock": -1                      | stock
			zero limit               | "perMemberLimit": 3                    | "perMemberLimit": 0              | perMemberLimit
			no discount              | "discount": {"kind": "fixed", "amount": "5.00"}, |                        | discount
			discount with sku        | "discount": {"kind": "fixed", "amount": "5.00"}, | "discount": {"kind": "fixed", "amount": "5.00"}, "sku": "X", | sku
			cents beyond currency    | "amount": "5.00"                       | "amount": "5.001"                | discount.amount
			percent above 100        | "kind": "fixed", "amount": "5.00"      | "kind": "percent", "percent": 101 | discount.percent
			long prefix              | "prefix": "FID-"                       | "prefix": "FIDELISPREFIX"        | voucher.prefix
			short code               | "length": 10                           | "length": 4                      | voucher.length
			no texts                 | "texts"                                | "textes"                         | textes
			no name                  | "name": "5 EUR off",                   |                                  | texts.en.name
			ftp image                | https://cdn                            | ftp://cdn                        | imageUrl
			""")
	void refusesAnInvalidDefinitionNamingTheField(String what, String replaced, String replacement, String field) {
		TestTenant tenant = tenants.create();
		String body = FIVE_EUROS.replace(replaced, replacement == null ? "" : replacement);
		if (replaced.equals("\"texts\"")) {
			body = FIVE_EUROS.replaceFirst("\"texts\": \\{[^}]*\\},[^}]*\\}\\},", "");
		}

		Api.Response refused = tenant.api().post(REWARDS, body);

		assertThat(refused.status()).as(what + ": " + body + " -> " + refused).isEqualTo(400);
		assertThat(fields(refused)).as(what + " -> " + refused).contains(field.equals("textes") ? "texts" : field);
		assertThat(tenant.api().get(REWARDS).json().size()).isZero();
	}

	@Test
	void refusesAValidityThatEndsBeforeItStarts() {
		TestTenant tenant = tenants.create();
		Api.Response refused = tenant.api().post(REWARDS, FIVE_EUROS.replace("\"stock\": 100",
				"\"validFrom\": \"2026-12-01T00:00:00Z\", \"validUntil\": \"2026-11-01T00:00:00Z\", \"stock\": 100"));
		assertProblem(refused, 400, "/problems/invalid-request");
		assertThat(fields(refused)).containsExactly("validUntil");
	}
}
