package io.fidelis.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static io.fidelis.support.Problems.assertProblem;
import static io.fidelis.support.Problems.fields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ApiKeyIntegrationTest {

	private static final String API_KEYS = "/api/v1/api-keys";

	@Autowired
	TestTenants tenants;

	@Test
	void rejectsRequestWithoutAuthorizationHeaderWith401() {
		Api.Response response = tenants.anonymous().get("/api/v1/programs");

		assertUnauthenticated(response);
		assertThat(response.text("/detail")).contains("Authorization: Bearer");
	}

	@Test
	void rejectsMalformedAuthorizationHeadersWith401() {
		String key = tenants.create().api().key();
		for (String header : List.of("Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Token " + key, key)) {
			Api.Response response = tenants.anonymous()
				.send("GET", "/api/v1/programs", null, Map.of("Authorization", header));

			assertUnauthenticated(response);
		}
	}

	@Test
	void rejectsUnknownKeyWith401() {
		Api.Response response = tenants.anonymous().withKey("fid_" + "x".repeat(43)).get("/api/v1/programs");

		assertUnauthenticated(response);
		assertThat(response.text("/detail")).contains("unknown or revoked");
	}

	@Test
	void acceptsBearerSchemeInAnyCase() {
		String key = tenants.create().api().key();

		Api.Response response = tenants.anonymous()
			.send("GET", "/api/v1/programs", null, Map.of("Authorization", "bearer " + key));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void createdKeyWorksAndShowsItsSecretOnce() {
		Api api = tenants.create().api();

		Api.Response created = api.post(API_KEYS, """
				{"name": "till 1", "scopes": ["members:read", "events:write"], "storeId": "store-1"}""");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String secret = created.text("/key");
		assertThat(secret).startsWith("fid_").hasSize(47);
		assertThat(created.text("/prefix")).isEqualTo(secret.substring(0, 12));
		assertThat(created.text("/name")).isEqualTo("till 1");
		assertThat(created.text("/storeId")).isEqualTo("store-1");
		assertThat(texts(created.json().get("scopes"))).containsExactly("events:write", "members:read");
		assertThat(created.text("/createdAt")).isNotNull();
		assertThat(created.json().has("revokedAt")).isFalse();

		Api.Response withNewKey = api.withKey(secret).get("/api/v1/members?limit=1");
		assertThat(withNewKey.status()).as(withNewKey.toString()).isEqualTo(200);
	}

	@Test
	void listNeverShowsSecrets() {
		Api api = tenants.create().api();
		Api.Response created = api.post(API_KEYS, "{\"name\": \"reader\", \"scopes\": [\"members:read\"]}");

		Api.Response list = api.get(API_KEYS);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(2);
		assertThat(list.body()).doesNotContain(created.text("/key")).doesNotContain(api.key());
		for (JsonNode key : list.json()) {
			assertThat(key.has("key")).as(key.toString()).isFalse();
			assertThat(key.get("prefix").asString()).hasSize(12);
		}
		assertThat(byId(list, created.text("/id")).get("prefix").asString()).isEqualTo(created.text("/prefix"));
	}

	@Test
	void replayedCreationReturnsTheSameKeyWithoutItsSecret() {
		Api api = tenants.create().api();
		String body = "{\"name\": \"till 2\", \"scopes\": [\"events:write\"]}";
		String idempotencyKey = UUID.randomUUID().toString();
		Api.Response first = api.post(API_KEYS, body, idempotencyKey);

		Api.Response replay = api.post(API_KEYS, body, idempotencyKey);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("/id")).isEqualTo(first.text("/id"));
		assertThat(replay.text("/prefix")).isEqualTo(first.text("/prefix"));
		assertThat(replay.json().has("key")).isFalse();
		assertThat(replay.body()).doesNotContain(first.text("/key"));
		assertThat(api.get(API_KEYS).json().size()).as("no second key is created").isEqualTo(2);
	}

	@Test
	void rejectsReuseOfIdempotencyKeyForADifferentKeyWith409() {
		Api api = tenants.create().api();
		String idempotencyKey = UUID.randomUUID().toString();
		api.post(API_KEYS, "{\"name\": \"a\", \"scopes\": [\"events:write\"]}", idempotencyKey);

		Api.Response reused = api.post(API_KEYS, "{\"name\": \"b\", \"scopes\": [\"events:write\"]}",
				idempotencyKey);

		assertProblem(reused, 409, "/problems/idempotency-key-reused");
		assertThat(api.get(API_KEYS).json().size()).isEqualTo(2);
	}

	@Test
	void rejectsKeyLackingTheScopeWith403() {
		Api api = tenants.create().api();
		Api reader = api.withKey(
				api.post(API_KEYS, "{\"name\": \"reader\", \"scopes\": [\"members:read\"]}").text("/key"));

		Api.Response enrolment = reader.post("/api/v1/members", "{\"email\": \"ada@example.com\"}");
		Api.Response keyCreation = reader.post(API_KEYS, "{\"name\": \"escalate\", \"scopes\": [\"members:write\"]}");
		Api.Response keyList = reader.get(API_KEYS);
		Api.Response programCreation = reader.post("/api/v1/programs",
				"{\"code\": \"vip\", \"name\": \"VIP\", \"currency\": \"EUR\"}");

		assertProblem(enrolment, 403, "/problems/insufficient-scope");
		assertThat(enrolment.text("/detail")).contains("members:write");
		assertProblem(keyCreation, 403, "/problems/insufficient-scope");
		assertThat(keyCreation.text("/detail")).contains("api-keys:manage");
		assertProblem(keyList, 403, "/problems/insufficient-scope");
		assertProblem(programCreation, 403, "/problems/insufficient-scope");
		assertThat(api.get("/api/v1/members").json().get("items").size()).as("nothing was enrolled").isZero();
		assertThat(api.get(API_KEYS).json().size()).as("no key was created").isEqualTo(2);
		assertThat(reader.get("/api/v1/members").status()).isEqualTo(200);
	}

	@Test
	void rejectsUnknownScopeWith400NamingScopes() {
		Api api = tenants.create().api();

		Api.Response response = api.post(API_KEYS, "{\"name\": \"x\", \"scopes\": [\"members:read\", \"admin\"]}");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly("scopes");
		assertThat(response.text("/errors/0/message")).contains("admin");
		assertThat(api.get(API_KEYS).json().size()).as("no key was created").isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"name": "x", "scopes": []}                                         | scopes
			{"name": "x"}                                                       | scopes
			{"name": "  ", "scopes": ["members:read"]}                          | name
			{"scopes": ["members:read"]}                                        | name
			{"name": "x", "scopes": [null]}                                     | scopes
			{"name": "x", "scopes": "members:read"}                             | scopes
			{"name": "x", "scopes": ["members:read"], "storeId": "store 1"}     | storeId
			{"name": "x", "scopes": ["members:read"], "storeId": ""}            | storeId
			{"name": "x", "scopes": ["MEMBERS:READ"]}                           | scopes
			{"name": "x", "scopes": ["members:read"], "tenant": "other"}        | tenant
			""")
	void rejectsInvalidKeyRequestWith400NamingTheField(String body, String field) {
		Api api = tenants.create().api();

		Api.Response response = api.post(API_KEYS, body);

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).as(response.toString()).containsExactly(field);
		assertThat(api.get(API_KEYS).json().size()).as("no key was created").isEqualTo(1);
	}

	@Test
	void rejectsOverlongNameAndTooManyScopesWith400() {
		Api api = tenants.create().api();

		Api.Response longName = api.post(API_KEYS, "{\"name\": \"" + "n".repeat(101)
				+ "\", \"scopes\": [\"members:read\"]}");
		Api.Response manyScopes = api.post(API_KEYS, "{\"name\": \"x\", \"scopes\": ["
				+ String.join(", ", Collections.nCopies(21, "\"members:read\"")) + "]}");

		assertProblem(longName, 400, "/problems/invalid-request");
		assertThat(fields(longName)).containsOnly("name");
		assertProblem(manyScopes, 400, "/problems/invalid-request");
		assertThat(fields(manyScopes)).containsOnly("scopes");
	}

	@Test
	void revokedKeyIsRefusedAtOnce() {
		Api api = tenants.create().api();
		Api.Response created = api.post(API_KEYS, "{\"name\": \"till\", \"scopes\": [\"members:read\"]}");
		Api till = api.withKey(created.text("/key"));
		assertThat(till.get("/api/v1/members").status()).isEqualTo(200);

		Api.Response revoked = api.delete(API_KEYS + "/" + created.text("/id"));

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(revoked.text("/id")).isEqualTo(created.text("/id"));
		assertThat(revoked.text("/revokedAt")).isNotNull();
		assertThat(revoked.json().has("key")).isFalse();
		assertUnauthenticated(till.get("/api/v1/members"));
		assertThat(byId(api.get(API_KEYS), created.text("/id")).get("revokedAt").asString())
			.isEqualTo(revoked.text("/revokedAt"));
		assertThat(api.get("/api/v1/members").status()).as("the other key still works").isEqualTo(200);
	}

	@Test
	void revokingTwiceKeepsTheFirstRevocation() {
		Api api = tenants.create().api();
		String id = api.post(API_KEYS, "{\"name\": \"till\", \"scopes\": [\"members:read\"]}").text("/id");
		Api.Response first = api.delete(API_KEYS + "/" + id);

		Api.Response second = api.delete(API_KEYS + "/" + id);

		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(second.text("/id")).isEqualTo(id);
		assertThat(second.text("/revokedAt")).isNotNull().isEqualTo(first.text("/revokedAt"));
	}

	@Test
	void keyCanRevokeItself() {
		Api api = tenants.create().api();
		String self = api.get(API_KEYS).text("/0/id");

		Api.Response revoked = api.delete(API_KEYS + "/" + self);

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertUnauthenticated(api.get(API_KEYS));
	}

	@Test
	void revokingAnotherTenantsKeyAnswers404AndLeavesItAlive() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		String theirKeyId = theirs.get(API_KEYS).text("/0/id");

		Api.Response response = ours.delete(API_KEYS + "/" + theirKeyId);

		assertProblem(response, 404, "/problems/api-key-not-found");
		assertThat(theirs.get(API_KEYS).status()).isEqualTo(200);
		assertThat(theirs.get(API_KEYS).json().get(0).has("revokedAt")).isFalse();
		assertThat(ours.get(API_KEYS).body()).doesNotContain(theirKeyId);
	}

	@Test
	void revokingUnknownKeyAnswers404() {
		Api api = tenants.create().api();

		assertProblem(api.delete(API_KEYS + "/" + UUID.randomUUID()), 404, "/problems/api-key-not-found");
	}

	@Test
	void rejectsMalformedKeyIdWith400() {
		Api api = tenants.create().api();

		Api.Response response = api.delete(API_KEYS + "/not-a-uuid");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(fields(response)).containsExactly("id");
	}

	@Test
	void listShowsOnlyTheCallersKeys() {
		Api ours = tenants.create().api();
		Api theirs = tenants.create().api();
		theirs.post(API_KEYS, "{\"name\": \"theirs\", \"scopes\": [\"members:read\"]}");

		Api.Response list = ours.get(API_KEYS);

		assertThat(list.json().size()).isEqualTo(1);
		assertThat(list.text("/0/name")).isEqualTo("test");
	}

	@Test
	void publicPathsNeedNoKey() {
		Api anonymous = tenants.anonymous();

		Api.Response home = anonymous.get("/");
		Api.Response health = anonymous.get("/actuator/health");
		Api.Response apiDocs = anonymous.get("/v3/api-docs");

		assertThat(home.status()).as(home.toString()).isEqualTo(200);
		assertThat(home.body()).contains("Fidelis");
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.text("/status")).isEqualTo("UP");
		assertThat(apiDocs.status()).as(apiDocs.toString()).isEqualTo(200);
		assertThat(apiDocs.text("/openapi")).startsWith("3.");
		assertThat(apiDocs.json().at("/paths").has("/api/v1/api-keys")).isTrue();
	}

	private static void assertUnauthenticated(Api.Response response) {
		assertProblem(response, 401, "/problems/unauthenticated");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	private static JsonNode byId(Api.Response list, String id) {
		for (JsonNode item : list.json()) {
			if (item.get("id").asString().equals(id)) {
				return item;
			}
		}
		throw new AssertionError("no API key " + id + " in " + list);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(node -> texts.add(node.asString()));
		return texts;
	}
}
