package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input is a 4xx problem+json that says what is wrong, never a 500, and writes nothing: after each refusal the
 * member's balance is untouched and the event's transactionId is still free for a correct event.
 */
@IntegrationTest
class ErrorHandlingIntegrationTest {

	private static final String TRANSACTION_ID = "sale-1";
	private static final int MAX_BODY_BYTES = 256 * 1024;

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private TestTenant tenant;
	private String memberId;

	@BeforeEach
	void newTenantWithAMember() {
		tenant = tenants.create();
		memberId = tenant.enrol("{\"email\": \"ada@example.com\"}");
	}

	@Test
	void malformedJsonIsRefused() {
		Api.Response refused = tenant.event("{\"type\": \"purchase\", \"transactionId\": \"sale-1\", \"amount\": ");

		assertProblem(refused, 400, "/problems/malformed-json");
		assertNothingWritten();
	}

	@Test
	void emptyBodyIsRefused() {
		Api.Response refused = tenant.event("");

		assertProblem(refused, 400, "/problems/malformed-json");
		assertNothingWritten();
	}

	@Test
	void jsonArrayInsteadOfAnObjectIsRefused() {
		Api.Response refused = tenant.event("[" + purchase(Map.of()) + "]");

		assertInvalid(refused, "body");
		assertNothingWritten();
	}

	@Test
	void unknownFieldIsRefusedNamingIt() {
		Api.Response refused = tenant.event(purchase(Map.of("discount", "\"5.00\"")));

		assertInvalid(refused, "discount");
		assertNothingWritten();
	}

	@Test
	void unknownFieldInANestedObjectIsRefusedNamingItsPath() {
		Api.Response refused = tenant.event(purchase(Map.of("items",
				"[{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": \"10.00\", \"colour\": \"red\"}]")));

		assertInvalid(refused, "items[0].colour");
		assertNothingWritten();
	}

	@Test
	void unknownTypeIsRefusedNamingType() {
		Api.Response refused = tenant.event(purchase(Map.of("type", "\"refund\"")));

		assertInvalid(refused, "type");
		assertNothingWritten();
	}

	@Test
	void missingTypeIsRefusedNamingType() {
		Api.Response refused = tenant.event("""
				{"transactionId": "sale-1", "member": {"id": "%s"}, "occurredAt": "%s", "amount": "10.00",
				 "currency": "EUR"}""".formatted(memberId, clock.instant()));

		assertInvalid(refused, "type");
		assertNothingWritten();
	}

	@Test
	void wrongTypesAreRefusedNamingTheField() {
		Map<String, Map<String, String>> cases = Map.of("amount", Map.of("amount", "true"), "occurredAt",
				Map.of("occurredAt", "12"), "items", Map.of("items", "\"x\""), "transactionId",
				Map.of("transactionId", "42"), "member", Map.of("member", "\"ada@example.com\""), "member.id",
				Map.of("member", "{\"id\": \"not-a-uuid\"}"), "currency", Map.of("currency", "978"));

		SoftAssertions.assertSoftly(softly -> cases
			.forEach((field, change) -> expectInvalid(softly, tenant.event(purchase(change)), field)));
		assertNothingWritten();
	}

	@Test
	void nullItemIsRefusedNamingIt() {
		Api.Response refused = tenant.event(purchase(Map.of("items", "[null]")));

		assertInvalid(refused, "items[0]");
		assertNothingWritten();
	}

	@Test
	void timestampOutsideTheRepresentableRangeIsRefused() {
		Api.Response refused = tenant.event(purchase(Map.of("occurredAt", "\"-999999999-01-01T00:00:00+18:00\"")));

		assertInvalid(refused, "occurredAt");
		assertNothingWritten();
	}

	@Test
	void nulCharacterInATextFieldIsRefusedNamingTheField() {
		SoftAssertions.assertSoftly(softly -> {
			expectInvalid(softly, tenant.event(purchase(Map.of("transactionId", "\"nul-1\"", "storeId",
					"\"paris\\u00001\""))), "storeId");
			expectInvalid(softly, tenant.event(purchase(Map.of("transactionId", "\"nul-2\"", "channel",
					"\"web\\u0000\""))), "channel");
			expectInvalid(softly, tenant.event(purchase(Map.of("transactionId", "\"nul-3\"", "items",
					"[{\"sku\": \"A\\u0000\", \"quantity\": 1, \"unitPrice\": \"10.00\"}]"))), "items[0].sku");
			Api.Response lookup = tenant.event(purchase(Map.of("transactionId", "\"nul-4\"", "member",
					"{\"externalId\": \"crm\\u000042\"}")));
			softly.assertThat(lookup.status()).as(lookup.toString()).isBetween(400, 499);
			softly.assertThat(lookup.header("Content-Type")).as(lookup.toString())
				.startsWith("application/problem+json");
		});
		assertNothingWritten();
	}

	@Test
	void timestampWithoutOffsetIsRefused() {
		Api.Response refused = tenant.event(purchase(Map.of("occurredAt", "\"2026-01-15T10:00:00\"")));

		assertInvalid(refused, "occurredAt");
		assertNothingWritten();
	}

	@Test
	void badAmountsAreRefusedNamingAmount() {
		SoftAssertions.assertSoftly(softly -> {
			for (String amount : List.of("\"-1.00\"", "-1", "\"10.999\"", "10.999", "1e12", "\"1000000000000\"",
					"\"ten\"", "\"\"", "null")) {
				expectInvalid(softly, tenant.event(purchase(Map.of("amount", amount))), "amount");
			}
		});
		assertNothingWritten();
	}

	@Test
	void badCurrenciesAreRefusedNamingCurrency() {
		SoftAssertions.assertSoftly(softly -> {
			for (String currency : List.of("XXY", "eur", "EURO", "")) {
				expectInvalid(softly, tenant.event(purchase(Map.of("currency", "\"" + currency + "\""))), "currency");
			}
		});
		assertNothingWritten();
	}

	@Test
	void overLongTransactionIdIsRefused() {
		Api.Response refused = tenant.event(purchase(Map.of("transactionId", "\"" + "t".repeat(201) + "\"")));

		assertInvalid(refused, "transactionId");
		assertNothingWritten();
		assertThat(tenant.event(purchase(Map.of("transactionId", "\"" + "t".repeat(200) + "\""))).status())
			.as("200 characters are allowed")
			.isEqualTo(201);
	}

	@Test
	void transactionIdWithASpaceIsRefused() {
		Api.Response refused = tenant.event(purchase(Map.of("transactionId", "\"sale 1\"")));

		assertInvalid(refused, "transactionId");
		assertNothingWritten();
	}

	@Test
	void trailingGarbageAfterTheJsonIsRefused() {
		SoftAssertions.assertSoftly(softly -> {
			for (String garbage : List.of(" x", " {}", " 1", "}")) {
				Api.Response refused = tenant.event(purchase(Map.of()) + garbage);
				softly.assertThat(refused.status()).as(garbage + " → " + refused).isEqualTo(400);
				softly.assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
				softly.assertThat(refused.text("/type"))
					.as(refused.toString())
					.isIn("/problems/malformed-json", "/problems/invalid-request");
			}
		});
		assertNothingWritten();
	}

	@Test
	void duplicateKeysAreRefusedNamingTheKey() {
		String json = purchase(Map.of());
		Api.Response refused = tenant.event(json.substring(0, json.length() - 1) + ", \"amount\": \"99.00\"}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.text("/type")).isIn("/problems/malformed-json", "/problems/invalid-request");
		assertThat(refused.text("/detail") + fields(refused)).as(refused.toString()).contains("amount");
		assertNothingWritten();
	}

	@Test
	void bodyOverTheLimitWithContentLengthIsRefused() {
		Api.Response refused = tenant.event(oversized());

		assertProblem(refused, 413, "/problems/payload-too-large");
		assertNothingWritten();
	}

	@Test
	void chunkedBodyOverTheLimitIsRefused() throws IOException, InterruptedException {
		byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(tenants.base().resolve("/api/v1/events"))
			.header("Authorization", "Bearer " + tenant.api().key())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("/problems/payload-too-large");
		assertNothingWritten();
	}

	@Test
	void endlessChunkedBodyIsCutOffAtTheLimit() throws Exception {
		try (Socket socket = new Socket(tenants.base().getHost(), tenants.base().getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.api().key()
					+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			chunk(out, "{\"type\": \"purchase\", \"transactionId\": \"sale-1\", \"storeId\": \"");
			// Keeps sending, up to 40 times the limit, until the server answers or stops reading.
			Thread sender = new Thread(() -> {
				String filler = "a".repeat(8192);
				try {
					for (int sent = 0; sent < 40 * MAX_BODY_BYTES; sent += filler.length()) {
						chunk(out, filler);
					}
					chunk(out, "\"}");
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				catch (IOException closedByServer) {
					// The server answered and closed the connection: what this test expects.
				}
			});
			sender.start();

			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

			assertThat(statusLine).startsWith("HTTP/1.1 413");
			sender.join(30_000);
		}
		assertNothingWritten();
	}

	private static void chunk(OutputStream out, String data) throws IOException {
		byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void bodyJustUnderTheLimitIsRead() {
		String json = purchase(Map.of("storeId", "\"paris-1\""));
		String padded = json + " ".repeat(MAX_BODY_BYTES - json.length());

		Api.Response accepted = tenant.event(padded);

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
	}

	@Test
	void textPlainIsUnsupported() {
		Api.Response refused = tenant.api().send("POST", "/api/v1/events", purchase(Map.of()),
				Map.of("Content-Type", "text/plain"));

		assertProblem(refused, 415, "/problems/unsupported-media-type");
		assertNothingWritten();
	}

	@Test
	void wildcardContentTypesAreUnsupported() {
		for (String wildcard : List.of("*/*", "application/*", "application/*+json")) {
			Api.Response refused = tenant.api().send("POST", "/api/v1/events", purchase(Map.of()),
					Map.of("Content-Type", wildcard));

			assertProblem(refused, 415, "/problems/unsupported-media-type");
		}
		assertNothingWritten();
	}

	@Test
	void multipartAndFormBodiesAreUnsupported() {
		Api.Response multipart = tenant.api().send("POST", "/api/v1/events", purchase(Map.of()),
				Map.of("Content-Type", "multipart/form-data"));
		Api.Response form = tenant.api().send("PUT", "/api/v1/programs/points/transfer-terms", "a=%ZZ",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Idempotency-Key", "form"));

		assertProblem(multipart, 415, "/problems/unsupported-media-type");
		assertProblem(form, 415, "/problems/unsupported-media-type");
		assertNothingWritten();
	}

	@Test
	void formPostThatCannotBeDecodedIsRefused() {
		Api.Response refused = tenant.api().send("POST", "/api/v1/events", "a=%ZZ&b=%s%n",
				Map.of("Content-Type", "application/x-www-form-urlencoded"));

		assertProblem(refused, 400, "/problems/invalid-request");
		assertNothingWritten();
	}

	@Test
	void queryStringsTheServerCannotDecodeAreProblems() {
		for (String query : List.of("?label=%85", "?=vip", "?label=%ZZ")) {
			Answer answer = raw("GET /api/v1/members" + query);

			assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
			assertThat(answer.body()).contains("/problems/invalid-request");
		}
	}

	@Test
	void headersTomcatRefusesAreProblems() {
		for (String header : List.of("X-Note: a\u0001b", "Idempotency-Key: a\u0000b",
				"X-Note: " + "x".repeat(9_000))) {
			Answer answer = raw("GET /api/v1/members", header);

			assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
			assertThat(answer.body()).contains("/problems/invalid-request");
		}
	}

	@Test
	void pathsAndRequestLinesTomcatRefusesAreProblems() {
		for (String requestLine : List.of("GET /api/v1/members/%00", "GET /api/v1/members/%2F..%2F/balances",
				"GET /api/v1/members/%ZZ", "GET /api/v1/members/%C3%28", "GET /api/v1/members?" + "x".repeat(10_000),
				"GET /api/v1/members/é")) {
			Answer answer = raw(requestLine);

			assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
			assertThat(answer.body()).contains("/problems/invalid-request");
		}
	}

	@Test
	void traceIsAMethodNotAllowedProblem() {
		Api.Response refused = tenant.api().send("TRACE", "/api/v1/events", null, Map.of());

		assertProblem(refused, 405, "/problems/method-not-allowed");
	}

	/** An answer to a request line or headers a well-behaved client refuses to send. */
	record Answer(int status, String contentType, String body) {
	}

	private Answer raw(String requestLine, String... headers) {
		try (Socket socket = new Socket(tenants.base().getHost(), tenants.base().getPort())) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ tenant.api().key() + "\r\nConnection: close\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String answerHead = response.substring(0, response.indexOf("\r\n\r\n"));
			String contentType = answerHead.lines()
				.filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
				.map(line -> line.substring("content-type:".length()).trim())
				.findFirst()
				.orElse(null);
			return new Answer(Integer.parseInt(answerHead.substring(9, 12)), contentType,
					response.substring(answerHead.length() + 4));
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
	}

	@Test
	void putOnEventsIsNotAllowed() {
		Api.Response refused = tenant.api().send("PUT", "/api/v1/events", purchase(Map.of()), Map.of());

		assertProblem(refused, 405, "/problems/method-not-allowed");
		assertThat(refused.header("Allow")).contains("POST");
		assertNothingWritten();
	}

	@Test
	void unknownPathUnderTheApiIsANotFoundProblem() {
		Api.Response get = tenant.api().get("/api/v1/nothing-here");
		Api.Response post = tenant.api().post("/api/v1/nothing-here", "{}");

		assertProblem(get, 404, "/problems/not-found");
		assertProblem(post, 404, "/problems/not-found");
	}

	@Test
	void malformedMemberIdInThePathIsRefusedNamingIt() {
		Api.Response refused = tenant.api().get("/api/v1/members/not-a-uuid/balances");

		assertInvalid(refused, "memberId");
	}

	@Test
	void blankIdInThePathIsRefusedNamingIt() {
		assertInvalid(tenant.api().get("/api/v1/members/%20"), "id");
		assertInvalid(tenant.api().post("/api/v1/members/%20/adjustments", """
				{"program": "points", "points": 10, "reason": "blank id"}"""), "memberId");
	}

	@Test
	void eventMoreThanADayInTheFutureIsRefused() {
		Api.Response refused = tenant.event(purchase(Map.of("occurredAt",
				"\"" + clock.instant().plus(Duration.ofDays(2)) + "\"")));

		assertInvalid(refused, "occurredAt");
		assertNothingWritten();
		Api.Response slightlyAhead = tenant.event(purchase(Map.of("transactionId", "\"sale-2\"", "occurredAt",
				"\"" + clock.instant().plus(Duration.ofHours(2)) + "\"")));
		assertThat(slightlyAhead.status()).as("a till's clock may be a little ahead: " + slightlyAhead).isEqualTo(201);
	}

	@Test
	void returnWithBadInputIsRefusedNamingTheField() {
		assertThat(tenant.event(purchase(Map.of())).status()).isEqualTo(201);
		Map<String, String> cases = Map.of("originalTransactionId",
				"{\"type\": \"return\", \"transactionId\": \"ret-1\", \"occurredAt\": \"%s\", \"amount\": \"1.00\", \"currency\": \"EUR\"}",
				"amount",
				"{\"type\": \"return\", \"transactionId\": \"ret-1\", \"originalTransactionId\": \"sale-1\", \"occurredAt\": \"%s\", \"amount\": \"0.00\", \"currency\": \"EUR\"}",
				"items",
				"{\"type\": \"return\", \"transactionId\": \"ret-1\", \"originalTransactionId\": \"sale-1\", \"occurredAt\": \"%s\", \"amount\": \"1.00\", \"currency\": \"EUR\", \"items\": []}");

		SoftAssertions.assertSoftly(softly -> cases
			.forEach((field, json) -> expectInvalid(softly, tenant.event(json.formatted(clock.instant())), field)));
		assertThat(tenant.available(memberId)).isEqualTo(10);
	}

	/** A purchase by the member, changed by the given JSON values (field name to raw JSON). */
	private String purchase(Map<String, String> changes) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("type", "\"purchase\"");
		fields.put("transactionId", "\"" + TRANSACTION_ID + "\"");
		fields.put("member", "{\"id\": \"" + memberId + "\"}");
		fields.put("occurredAt", "\"" + clock.instant() + "\"");
		fields.put("amount", "\"10.00\"");
		fields.put("currency", "\"EUR\"");
		fields.putAll(changes);
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "")
			.append('"')
			.append(name)
			.append("\": ")
			.append(value));
		return json.append('}').toString();
	}

	/** A well-formed purchase whose storeId makes the body larger than the limit. */
	private String oversized() {
		return purchase(Map.of("storeId", "\"" + "s".repeat(MAX_BODY_BYTES + 1024) + "\""));
	}

	/** The refused requests earned nothing, and the transactionId is free: a correct purchase with it earns. */
	private void assertNothingWritten() {
		assertThat(tenant.available(memberId)).isZero();
		Api.Response accepted = tenant.event(purchase(Map.of()));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		assertThat(accepted.header("Idempotent-Replayed")).isNull();
		assertThat(tenant.available(memberId)).isEqualTo(10);
	}

	private static void assertInvalid(Api.Response response, String field) {
		SoftAssertions.assertSoftly(softly -> expectInvalid(softly, response, field));
	}

	/** A 400 invalid-request problem whose errors name the field. */
	private static void expectInvalid(SoftAssertions softly, Api.Response response, String field) {
		softly.assertThat(response.status()).as(field + ": " + response).isEqualTo(400);
		softly.assertThat(response.header("Content-Type"))
			.as(field + ": " + response)
			.startsWith("application/problem+json");
		softly.assertThat(response.text("/type")).as(field + ": " + response).isEqualTo("/problems/invalid-request");
		softly.assertThat(fields(response)).as(field + ": " + response).contains(field);
		softly.assertThat(response.text("/detail")).as(field + ": " + response).isNotBlank();
	}
}
