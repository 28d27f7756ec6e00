package io.fidelis.imports;

import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.Scope;
import tools.jackson.databind.JsonNode;

/** CSV imports through the HTTP API: uploaded, processed in the background, polled, and uploaded again. */
@IntegrationTest
class ImportIntegrationTest {

	/** Sanity: thousands of rows on a shared machine take seconds; the wait is for the background, not a timing. */
	private static final Duration PATIENCE = Duration.ofMinutes(3);

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	ApiKeys apiKeys;

	static Api.Response upload(Api api, String kind, String csv) {
		return api.send("POST", "/api/v1/imports/" + kind, csv, Map.of("Content-Type", "text/csv"));
	}

	/** Uploads the file, expecting 202, and waits until its import is done; returns the import. */
	static JsonNode imported(Api api, String kind, String csv) {
		Api.Response accepted = upload(api, kind, csv);
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		return awaitDone(api, accepted.text("/id"));
	}

	static JsonNode awaitDone(Api api, String id) {
		List<JsonNode> seen = new ArrayList<>();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			Api.Response polled = api.get("/api/v1/imports/" + id);
			assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
			seen.add(polled.json());
			return !polled.text("/status").equals("queued") && !polled.text("/status").equals("processing");
		});
		JsonNode done = seen.get(seen.size() - 1);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("done");
		return done;
	}

	static List<JsonNode> errors(Api api, String id) {
		List<JsonNode> errors = new ArrayList<>();
		String cursor = "";
		do {
			Api.Response page = api.get("/api/v1/imports/" + id + "/errors?limit=2&cursor=" + cursor);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			page.json().get("items").forEach(errors::add);
			cursor = page.text("/nextCursor");
		}
		while (cursor != null);
		return errors;
	}

	/** Posts these bytes as they are: {@link Api} sends text as UTF-8. */
	private HttpResponse<String> post(Api api, byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(tenants.base().resolve("/api/v1/imports/members"))
			.header("Authorization", "Bearer " + api.key())
			.header("Content-Type", "text/csv; charset=ISO-8859-1")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException failure) {
			throw new IllegalStateException(failure);
		}
	}

	private static String error(JsonNode error) {
		return error.get("line").asInt() + " " + (error.get("column").isNull() ? "-" : error.get("column").asString())
				+ ": " + error.get("message").asString();
	}

	@Test
	void importsGoodMemberRowsAndReportsTheBadOnesLineByLine() {
		TestTenant tenant = tenants.create();
		String csv = """
				\uFEFFexternal_id;email;phone;first_name;last_name;birth_date;locale;marketing_consent;labels
				c-1;ada@example.com;;Ada;Lovelace;1990-12-10;en;yes;vip|newsletter
				c-2;not-an-email;;Bob;;;fr;no;
				c-3;;;"Cy; the \"\"third\"\"";;3000-01-01;;;
				;;;Nobody;;;;;
				c-5;eve@example.com;+33612345678;Eve;;;;;
				""";

		JsonNode done = imported(tenant.api(), "members", csv);

		assertThat(done.get("rowsTotal").asInt()).isEqualTo(5);
		assertThat(done.get("rowsProcessed").asInt()).isEqualTo(5);
		assertThat(done.get("rowsApplied").asInt()).isEqualTo(2);
		assertThat(done.get("rowsFailed").asInt()).isEqualTo(3);
		assertThat(errors(tenant.api(), done.get("id").asString())).extracting(ImportIntegrationTest::error)
			.containsExactly("3 email: is not an e-mail address",
					"4 birth_date: must be between 1900-01-01 and today",
					"5 -: names no member: give an external_id, an email or a phone");
		Api.Response ada = tenant.api().get("/api/v1/members?identifier=c-1");
		assertThat(ada.text("/items/0/email")).isEqualTo("ada@example.com");
		assertThat(ada.json().at("/items/0/labels").toString()).isEqualTo("[\"newsletter\",\"vip\"]");
		assertThat(ada.json().at("/items/0/marketingConsent").asBoolean()).isTrue();
		assertThat(tenant.api().get("/api/v1/members?identifier=%2B33612345678").text("/items/0/externalId"))
			.isEqualTo("c-5");
	}

	@Test
	void theSameFileUploadedAgainEnrolsNoOneTwice() {
		TestTenant tenant = tenants.create();
		String csv = "external_id,email\nk-1,k1@example.com\nk-2,k2@example.com\n";
		imported(tenant.api(), "members", csv);

		JsonNode again = imported(tenant.api(), "members", csv + "k-3,k3@example.com\n");

		assertThat(again.get("rowsApplied").asInt()).isEqualTo(1);
		assertThat(again.get("rowsSkipped").asInt()).isEqualTo(2);
		assertThat(tenant.api().get("/api/v1/members").json().get("items")).hasSize(3);
	}

	@Test
	void historicalPurchasesEarnOnceByTodaysRulesAndTheLedgerReconciles() {
		TestTenant tenant = tenants.create();
		String ada = tenant.enrol("{\"externalId\": \"ada\"}");
		String bob = tenant.enrol("{\"email\": \"bob@example.com\"}");
		Instant lastYear = clock.instant().minus(Duration.ofDays(300)).truncatedTo(ChronoUnit.SECONDS);
		String csv = """
				type,transaction_id,original_transaction_id,member,occurred_at,amount,currency,store_id
				purchase,P-1,,ada,%s,49.90,EUR,paris
				purchase,P-2,,bob@example.com,2024-06-01,"20,00",EUR,
				purchase,P-3,,nobody,2024-06-01,10.00,EUR,
				purchase,P-4,,,2024-06-02,15.00,EUR,lyon
				return,R-1,P-1,,%s,19.90,EUR,
				return,R-2,P-404,,2024-06-03,5.00,EUR,
				purchase,P-5,,ada,2024-06-01,10.00,EURO,
				""".formatted(lastYear, lastYear.plus(Duration.ofDays(1)));

		JsonNode done = imported(tenant.api(), "transactions", csv);

		assertThat(errors(tenant.api(), done.get("id").asString())).extracting(ImportIntegrationTest::error)
			.hasSize(3)
			.startsWith("4 member: no member has this card number, e-mail, phone, external id or id");
		assertThat(done.get("rowsApplied").asInt()).isEqualTo(4);
		assertThat(done.get("rowsFailed").asInt()).isEqualTo(3);
		// One point per euro: 49 for P-1, less 19 taken back by R-1 (30 of 49.90 kept, rounded down).
		assertThat(tenant.available(ada)).isEqualTo(30);
		assertThat(tenant.available(bob)).isEqualTo(20);
		JsonNode earn = null;
		for (JsonNode line : tenant.statement(ada).get("items")) {
			if (line.get("reference").asString().equals("P-1")) {
				earn = line;
			}
		}
		assertThat(earn).isNotNull();
		assertThat(Instant.parse(earn.get("occurredAt").asString())).isEqualTo(lastYear);
		tenant.assertBalanced();

		JsonNode again = imported(tenant.api(), "transactions", csv);

		assertThat(again.get("rowsSkipped").asInt()).isEqualTo(4);
		assertThat(again.get("rowsApplied").asInt()).isEqualTo(0);
		assertThat(tenant.available(ada)).isEqualTo(30);
		assertThat(tenant.statement(ada).get("items")).hasSize(2);
		tenant.assertBalanced();
	}

	@Test
	void processesAFileOfThousandsOfRowsInTheBackground() {
		TestTenant tenant = tenants.create();
		int rows = 3000;
		StringBuilder csv = new StringBuilder("transaction_id,occurred_at,amount,currency,store_id\n");
		for (int i = 1; i <= rows; i++) {
			csv.append("S-").append(i).append(",2024-01-01T10:00:00Z,").append(i % 100 + 1).append(".50,EUR,")
				.append(i == 1234 ? "x".repeat(65) : "web").append('\n');
		}

		Api.Response accepted = upload(tenant.api(), "transactions", csv.toString());

		// Answered before any row is applied: the rows are the background's work.
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/imports/" + accepted.text("/id"));
		assertThat(accepted.text("/status")).isEqualTo("queued");
		assertThat(accepted.number("/rowsProcessed")).isZero();
		JsonNode done = awaitDone(tenant.api(), accepted.text("/id"));
		assertThat(done.get("rowsProcessed").asInt()).isEqualTo(rows);
		assertThat(done.get("rowsApplied").asInt()).isEqualTo(rows - 1);
		assertThat(errors(tenant.api(), done.get("id").asString())).extracting(ImportIntegrationTest::error)
			.containsExactly("1235 store_id: must be at most 64 characters");
		assertThat(done.get("finishedAt").isNull()).isFalse();
		Api.Response listed = tenant.api().get("/api/v1/imports?limit=1");
		assertThat(listed.text("/items/0/id")).isEqualTo(done.get("id").asString());
	}

	@Test
	void refusesWhatIsNotACsvOfKnownColumnsWithAProblem() {
		Api api = tenants.create().api();

		Api.Response unclosed = upload(api, "members", "email\n\"a@example.com\n");
		assertProblem(unclosed, 400, "/problems/invalid-request");
		assertThat(fields(unclosed)).containsExactly("line 2");
		Api.Response unknown = upload(api, "members", "email,colour\na@example.com,red\n");
		assertProblem(unknown, 400, "/problems/invalid-request");
		assertThat(fields(unknown)).containsExactly("header");
		assertProblem(upload(api, "transactions", "member\nada\n"), 400, "/problems/invalid-request");
		assertProblem(upload(api, "members", "email\n"), 400, "/problems/invalid-request");
		assertProblem(upload(api, "members", ""), 400, "/problems/invalid-request");
		HttpResponse<String> notUtf8 = post(api,
				"email,first_name\na@example.com,Hélène\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(notUtf8.statusCode()).isEqualTo(400);
		assertThat(notUtf8.body()).contains("/problems/invalid-request", "line 2", "UTF-8");
		Api.Response json = api.post("/api/v1/imports/members", "{\"email\": \"a@example.com\"}");
		assertProblem(json, 415, "/problems/unsupported-media-type");
		assertThat(json.text("/detail")).contains("text/csv");
		Api.Response tooLarge = upload(api, "members", "email\n" + "a@example.com\n".repeat(800_000));
		assertProblem(tooLarge, 413, "/problems/payload-too-large");
		assertThat(api.get("/api/v1/imports").json().get("items")).isEmpty();
	}

	@Test
	void anImportIsItsTenantsOnlyAndNeedsTheScopeOfWhatItWrites() {
		TestTenant owner = tenants.create();
		JsonNode done = imported(owner.api(), "members", "email\nz@example.com\n");
		Api other = tenants.create().api();

		assertProblem(other.get("/api/v1/imports/" + done.get("id").asString()), 404, "/problems/import-not-found");
		assertProblem(other.get("/api/v1/imports/" + done.get("id").asString() + "/errors"), 404,
				"/problems/import-not-found");
		String till = apiKeys.issue(owner.id(), "till", Set.of(Scope.EVENTS_WRITE, Scope.MEMBERS_READ), null).key();
		assertProblem(upload(owner.api().withKey(till), "members", "email\ny@example.com\n"), 403,
				"/problems/insufficient-scope");
		assertProblem(owner.api().get("/api/v1/imports/" + done.get("id").asString() + "/errors?cursor=x"), 400,
				"/problems/invalid-request");
	}
}
