package io.fidelis.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the running service over real HTTP, with one API key. Tests write their JSON as text. */
public final class Api {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;
	private final String key;

	public Api(URI base, String key) {
		this.base = base;
		this.key = key;
	}

	public Api withKey(String otherKey) {
		return new Api(base, otherKey);
	}

	public String key() {
		return key;
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	/** A GET of something that is not text (an image): the status and the bytes. */
	public HttpResponse<byte[]> getBytes(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException failure) {
			throw new IllegalStateException("GET " + path + " failed", failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	/** A POST with a fresh Idempotency-Key. */
	public Response post(String path, String json) {
		return post(path, json, UUID.randomUUID().toString());
	}

	/** A POST with this Idempotency-Key, or none if it is null. */
	public Response post(String path, String json, String idempotencyKey) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (idempotencyKey != null) {
			headers.put("Idempotency-Key", idempotencyKey);
		}
		return send("POST", path, json, headers);
	}

	public Response patch(String path, String json) {
		return send("PATCH", path, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
	}

	/** A PUT without a body, such as giving a member a label. */
	public Response put(String path) {
		return send("PUT", path, null, Map.of());
	}

	/** A PUT of this JSON with a fresh Idempotency-Key, such as replacing a program's terms. */
	public Response put(String path, String json) {
		return send("PUT", path, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	/** Any request; a JSON body gets {@code Content-Type: application/json} unless a header says otherwise. */
	public Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (body != null && !headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response, parse(response.body()));
		}
		catch (IOException failure) {
			throw new IllegalStateException(method + " " + path + " failed", failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return JSON.missingNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException notJson) {
			return JSON.missingNode();
		}
	}

	/** An answer: status, headers and the body as JSON (a missing node if it is not JSON). */
	public record Response(int status, HttpResponse<String> raw, JsonNode json) {

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

		public String body() {
			return raw.body();
		}

		/** The text at a JSON pointer such as {@code /effects/0/program}; null if absent. */
		public String text(String pointer) {
			JsonNode node = json.at(pointer);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		public long number(String pointer) {
			JsonNode node = json.at(pointer);
			if (!node.isNumber()) {
				throw new AssertionError("no number at " + pointer + " in " + body());
			}
			return node.asLong();
		}

		@Override
		public String toString() {
			return status + " " + body();
		}
	}
}
