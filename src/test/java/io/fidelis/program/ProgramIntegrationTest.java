package io.fidelis.program;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ProgramIntegrationTest {

	private static final String PROGRAMS = "/api/v1/programs";
	private static final String FULL_PROGRAM = """
			{"code": "vip-club", "name": "VIP Club", "kind": "stamps", "currency": "USD", "unitValue": "0.05",
			 "expiry": {"policy": "end_of_year", "period": 1}, "expiryWarningDays": 30, "pendingDays": 14,
			 "allowNegativeBalance": true, "timeZone": "Europe/Paris"}""";

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void newTenantHasTheDefaultPointsProgram() {
		Api api = tenants.create().api();

		Api.Response list = api.get(PROGRAMS);
		Api.Response points = api.get(PROGRAMS + "/points");

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(1);
		assertThat(list.json().get(0)).isEqualTo(points.json());
		assertThat(points.status()).as(points.toString()).isEqualTo(200);
		assertThat(points.text("/code")).isEqualTo("points");
		assertThat(points.text("/name")).isEqualTo("Points");
		assertThat(points.text("/kind")).isEqualTo("points");
		assertThat(points.text("/currency")).isEqualTo("EUR");
		assertThat(points.text("/unitValue")).isEqualTo("0.01");
		assertThat(points.text("/expiry/policy")).isEqualTo("none");
		assertThat(points.number("/expiry/period")).isZero();
		assertThat(points.number("/expiryWarningDays")).isZero();
		assertThat(points.number("/pendingDays")).isZero();
		assertThat(points.json().get("allowNegativeBalance").asBoolean()).isFalse();
		assertThat(points.text("/timeZone")).isEqualTo("UTC");
		assertThat(points.text("/id")).isNotNull();
		assertThat(points.text("/createdAt")).isNotNull();
	}

	@Test
	void createsProgramWithAllSettingsAndReadsItBack() {
		Api api = tenants.create().api();

		Api.Response created = api.post(PROGRAMS, FULL_PROGRAM);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("/code")).isEqualTo("vip-club");
		assertThat(created.text("/name")).isEqualTo("VIP Club");
		assertThat(created.text("/kind")).isEqualTo("stamps");
		assertThat(created.text("/currency")).isEqualTo("USD");
		assertThat(created.text("/unitValue")).isEqualTo("0.05");
		assertThat(created.text("/expiry/policy")).isEqualTo("end_of_year");
		assertThat(created.number("/expiry/period")).isEqualTo(1);
		assertThat(created.number("/expiryWarningDays")).isEqualTo(30);
		assertThat(created.number("/pendingDays")).isEqualTo(14);
		assertThat(created.json().get("allowNegativeBalance").asBoolean()).isTrue();
		assertThat(created.text("/timeZone")).isEqualTo("Europe/Paris");
		assertThat(created.text("/createdAt")).isNotNull().isEqualTo(created.text("/updatedAt"));

		Api.Response read = api.get(PROGRAMS + "/vip-club");
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(created.json());

		Api.Response list = api.get(PROGRAMS);
		assertThat(codes(list)).containsExactly("points", "vip-club");
		assertThat(list.json().get(1)).isEqualTo(created.json());
	}

	@Test
	void answersDecimalsTheSameWayOnCreationAndOnRead() {
		Api api = tenants.create().api();

		Api.Response created = api.post(PROGRAMS, """
				{"code": "tens", "name": "Tens", "currency": "EUR", "unitValue": "0.010"}""");
		Api.Response read = api.get(PROGRAMS + "/tens");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(read.text("/unitValue")).isEqualTo(created.text("/unitValue"));
	}

	@Test
	void acceptsDecimalsAsJsonNumbers() {
		Api api = tenants.create().api();

		Api.Response created = api.post(PROGRAMS, """
				{"code": "numbers", "name": "Numbers", "currency": "EUR", "unitValue": 0.02}""");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(api.get(PROGRAMS + "/numbers").text("/unitValue")).isEqualTo("0.02");
	}

	@Test
	void appliesDefaultsToOmittedSettings() {
		Api api = tenants.create().api();

		Api.Response created = api.post(PROGRAMS, "{\"code\": \"basic\", \"name\": \"Basic\", \"currency\": \"CHF\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Api.Response read = api.get(PROGRAMS + "/basic");
		for (Api.Response program : List.of(created, read)) {
			assertThat(program.text("/kind")).isEqualTo("points");
			assertThat(program.text("/currency")).isEqualTo("CHF");
			assertThat(program.text("/unitValue")).isEqualTo("0.01");
			assertThat(program.text("/expiry/policy")).isEqualTo("none");
			assertThat(program.number("/expiry/period")).isZero();
			assertThat(program.number("/expiryWarningDays")).isZero();
			assertThat(program.number("/pendingDays")).isZero();
			assertThat(program.json().get("allowNegativeBalance").asBoolean()).isFalse();
			assertThat(program.text("/timeZone")).isEqualTo("UTC");
		}
	}

	@Test
	void defaultsExpiryPeriodToZeroForCalendarPolicies() {
		Api api = tenants.create().api();

		Api.Response created = api.post(PROGRAMS, """
				{"code": "monthly", "name": "Monthly", "currency": "EUR", "expiry": {"policy": "end_of_month"}}""");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(api.get(PROGRAMS + "/monthly").text("/expiry/policy")).isEqualTo("end_of_month");
		assertThat(api.get(PROGRAMS + "/monthly").number("/expiry/period")).isZero();
	}

	@Test
	void rejectsDuplicateCodeWith409() {
		Api api = tenants.create().api();
		api.post(PROGRAMS, FULL_PROGRAM);

		Api.Response duplicate = api.post(PROGRAMS, FULL_PROGRAM.replace("VIP Club", "Another"));
		Api.Response defaultCode = api.post(PROGRAMS, "{\"code\": \"points\", \"name\": \"P\", \"currency\": \"EUR\"}");

		assertProblem(duplicate, 409, "/problems/program-exists");
		assertProblem(defaultCode, 409, "/problems/program-exists");
		assertThat(api.get(PROGRAMS + "/vip-club").text("/name")).isEqualTo("VIP Club");
		assertThat(api.get(PROGRAMS).json().size()).isEqualTo(2);
	}

	@Test
	void allowsTheSameCodeInAnotherTenant() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		ours.post(PROGRAMS, FULL_PROGRAM);

		Api.Response created = theirs.post(PROGRAMS, FULL_PROGRAM);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("/id")).isNotEqualTo(ours.get(PROGRAMS + "/vip-club").text("/id"));
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			"code": "VIP"                                              | code
			"code": "vip club"                                         | code
			"code": ""                                                 | code
			"code": "abcdefghijklmnopqrstuvwxyz0123456"                | code
			"code": "-vip"                                             | code
			"name": ""                                                 | name
			"name": "   "                                              | name
			"currency": "XYZ"                                          | currency
			"currency": "eur"                                          | currency
			"currency": "EURO"                                         | currency
			"kind": "coupons"                                          | kind
			"earnRate": "1"                                            | earnRate
			"unitValue": "-0.01"                                       | unitValue
			"unitValue": "0.0000001"                                   | unitValue
			"expiry": {"policy": "months_after_earning", "period": 0}    | expiry.period
			"expiry": {"policy": "months_after_earning"}                 | expiry.period
			"expiry": {"policy": "months_after_earning", "period": 1201} | expiry.period
			"expiry": {"policy": "end_of_year", "period": -1}            | expiry.period
			"expiry": {"policy": "none", "period": 12}                   | expiry.period
			"expiry": {"policy": "weekly", "period": 1}                  | expiry.policy
			"expiry": {"period": 12}                                     | expiry.policy
			"timeZone": "Mars/Olympus"                                 | timeZone
			"timeZone": "Paris"                                        | timeZone
			"pendingDays": 400                                         | pendingDays
			"pendingDays": -1                                          | pendingDays
			"pendingDays": 1.5                                         | pendingDays
			"expiryWarningDays": 366                                   | expiryWarningDays
			"expiryWarningDays": -1                                    | expiryWarningDays
			"expiryWarningDays": 7.5                                   | expiryWarningDays
			"expiryWarningDays": "7"                                   | expiryWarningDays
			"expiryWarningDays": true                                  | expiryWarningDays
			"allowNegativeBalance": "yes"                              | allowNegativeBalance
			"colour": "gold"                                           | colour
			""")
	void rejectsInvalidSettingWith400NamingTheField(String setting, String field) {
		Api api = tenants.create().api();
		String key = setting.substring(1, setting.indexOf('"', 1));
		Map<String, String> base = new LinkedHashMap<>(
				Map.of("code", "\"vip\"", "name", "\"VIP\"", "currency", "\"EUR\""));
		base.remove(key);
		StringBuilder body = new StringBuilder("{").append(setting);
		base.forEach((name, value) -> body.append(", \"").append(name).append("\": ").append(value));
		body.append('}');

		Api.Response response = api.post(PROGRAMS, body.toString());

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).as(response.toString()).containsOnly(field);
		assertThat(codes(api.get(PROGRAMS))).as("nothing was created").containsExactly("points");
	}

	@ParameterizedTest(name = "without {0}")
	@CsvSource({ "code", "name", "currency" })
	void rejectsCreationWithoutARequiredSettingWith400(String missing) {
		Api api = tenants.create().api();
		Map<String, String> settings = new LinkedHashMap<>(
				Map.of("code", "vip", "name", "VIP", "currency", "EUR"));
		settings.remove(missing);
		StringBuilder body = new StringBuilder("{");
		settings.forEach((name, value) -> body.append(body.length() > 1 ? ", " : "")
			.append('"').append(name).append("\": \"").append(value).append('"'));
		body.append('}');

		Api.Response response = api.post(PROGRAMS, body.toString());

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly(missing);
	}

	@Test
	void answersUnknownProgramWith404() {
		Api api = tenants.create().api();

		assertProblem(api.get(PROGRAMS + "/nothing"), 404, "/problems/program-not-found");
		assertProblem(api.patch(PROGRAMS + "/nothing", "{\"name\": \"X\"}"), 404, "/problems/program-not-found");
	}

	@Test
	void answersAnotherTenantsProgramWith404() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		theirs.post(PROGRAMS, FULL_PROGRAM);

		Api.Response read = ours.get(PROGRAMS + "/vip-club");
		Api.Response patch = ours.patch(PROGRAMS + "/vip-club", "{\"name\": \"Hijacked\"}");

		assertProblem(read, 404, "/problems/program-not-found");
		assertProblem(patch, 404, "/problems/program-not-found");
		assertThat(codes(ours.get(PROGRAMS))).containsExactly("points");
		assertThat(theirs.get(PROGRAMS + "/vip-club").text("/name")).isEqualTo("VIP Club");
	}

	@Test
	void patchChangesOnlyTheGivenSettings() {
		Api api = tenants.create().api();
		Api.Response created = api.post(PROGRAMS, FULL_PROGRAM);
		clock.advance(Duration.ofMinutes(1));

		Api.Response patched = api.patch(PROGRAMS + "/vip-club", "{\"unitValue\": \"0.03\", \"pendingDays\": 0}");

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.text("/unitValue")).isEqualTo("0.03");
		assertThat(patched.number("/pendingDays")).isZero();
		assertThat(Instant.parse(patched.text("/updatedAt"))).isAfter(Instant.parse(created.text("/updatedAt")));
		ObjectNode expected = ((ObjectNode) created.json()).deepCopy();
		expected.put("unitValue", "0.03");
		expected.put("pendingDays", 0);
		expected.put("updatedAt", patched.text("/updatedAt"));
		assertThat(patched.json()).isEqualTo(expected);
		assertThat(api.get(PROGRAMS + "/vip-club").json()).isEqualTo(expected);
	}

	@Test
	void patchChangesExpiryNameAndTimeZone() {
		Api api = tenants.create().api();

		Api.Response patched = api.patch(PROGRAMS + "/points", """
				{"name": "Fidelity points", "expiry": {"policy": "months_after_earning", "period": 24},
				 "expiryWarningDays": 14, "timeZone": "America/New_York", "allowNegativeBalance": true}""");

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		Api.Response read = api.get(PROGRAMS + "/points");
		assertThat(read.json()).isEqualTo(patched.json());
		assertThat(read.text("/name")).isEqualTo("Fidelity points");
		assertThat(read.text("/expiry/policy")).isEqualTo("months_after_earning");
		assertThat(read.number("/expiry/period")).isEqualTo(24);
		assertThat(read.number("/expiryWarningDays")).isEqualTo(14);
		assertThat(read.text("/timeZone")).isEqualTo("America/New_York");
		assertThat(read.json().get("allowNegativeBalance").asBoolean()).isTrue();
		assertThat(read.text("/currency")).isEqualTo("EUR");
	}

	@Test
	void patchAcceptsTheUnchangedCodeAndKind() {
		Api api = tenants.create().api();
		api.post(PROGRAMS, FULL_PROGRAM);

		Api.Response patched = api.patch(PROGRAMS + "/vip-club",
				"{\"code\": \"vip-club\", \"kind\": \"stamps\", \"name\": \"VIP\"}");

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.text("/name")).isEqualTo("VIP");
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"code": "gold", "name": "Gold"}                      | code
			{"kind": "cashback", "name": "Cash"}                  | kind
			""")
	void rejectsPatchChangingTheCodeOrTheKindWith400(String body, String field) {
		Api api = tenants.create().api();
		Api.Response created = api.post(PROGRAMS, FULL_PROGRAM);

		Api.Response response = api.patch(PROGRAMS + "/vip-club", body);

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly(field);
		assertThat(api.get(PROGRAMS + "/vip-club").json()).isEqualTo(created.json());
		// A refused patch leaves no program under another code either.
		assertProblem(api.get(PROGRAMS + "/gold"), 404, "/problems/program-not-found");
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"currency": "eur"}                                   | currency
			{"unitValue": "-2"}                                   | unitValue
			{"name": ""}                                          | name
			{"name": "   "}                                       | name
			{"expiry": {"policy": "none", "period": 3}}           | expiry.period
			{"timeZone": "Nowhere/Special"}                       | timeZone
			{"pendingDays": 366}                                  | pendingDays
			{"expiryWarningDays": 400}                            | expiryWarningDays
			{"expiryWarningDays": null, "pendingDays": -3}        | pendingDays
			""")
	void rejectsInvalidPatchWith400NamingTheField(String body, String field) {
		Api api = tenants.create().api();
		Api.Response before = api.get(PROGRAMS + "/points");

		Api.Response response = api.patch(PROGRAMS + "/points", body);

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).as(response.toString()).containsOnly(field);
		assertThat(api.get(PROGRAMS + "/points").json()).isEqualTo(before.json());
	}

	@Test
	void rejectsCreationWithoutIdempotencyKeyWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.post(PROGRAMS, FULL_PROGRAM, null);

		assertProblem(response, 400, "/problems/idempotency-key-required");
		assertThat(codes(api.get(PROGRAMS))).containsExactly("points");
	}

	@Test
	void rejectsPatchWithoutIdempotencyKeyWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.send("PATCH", PROGRAMS + "/points", "{\"name\": \"Renamed\"}", Map.of());

		assertProblem(response, 400, "/problems/idempotency-key-required");
		assertThat(api.get(PROGRAMS + "/points").text("/name")).isEqualTo("Points");
	}

	@Test
	void replayedCreationReturnsTheFirstAnswer() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		Api.Response first = api.post(PROGRAMS, FULL_PROGRAM, idempotencyKey);

		Api.Response replay = api.post(PROGRAMS, FULL_PROGRAM, idempotencyKey);

		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(api.get(PROGRAMS).json().size()).isEqualTo(2);
	}

	@Test
	void rejectsReuseOfIdempotencyKeyForAnotherProgramWith409() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		api.post(PROGRAMS, FULL_PROGRAM, idempotencyKey);

		Api.Response reused = api.post(PROGRAMS, FULL_PROGRAM.replace("vip-club", "gold"), idempotencyKey);

		assertProblem(reused, 409, "/problems/idempotency-key-reused");
		assertThat(codes(api.get(PROGRAMS))).containsExactly("points", "vip-club");
	}

	@Test
	void anyKeyMayReadProgramsButChangingThemNeedsProgramsWrite() {
		Api api = tenants.create().api();
		Api reader = api.withKey(api.post("/api/v1/api-keys",
				"{\"name\": \"till\", \"scopes\": [\"events:write\"]}").text("/key"));

		assertThat(reader.get(PROGRAMS).status()).isEqualTo(200);
		assertThat(reader.get(PROGRAMS + "/points").status()).isEqualTo(200);
		assertProblem(reader.post(PROGRAMS, FULL_PROGRAM), 403, "/problems/insufficient-scope");
		assertProblem(reader.patch(PROGRAMS + "/points", "{\"name\": \"X\"}"), 403, "/problems/insufficient-scope");
		assertThat(codes(api.get(PROGRAMS))).containsExactly("points");
		assertThat(api.get(PROGRAMS + "/points").text("/name")).isEqualTo("Points");
	}

	private static List<String> codes(Api.Response list) {
		List<String> codes = new ArrayList<>();
		list.json().forEach(program -> codes.add(program.get("code").asString()));
		return codes;
	}
}
