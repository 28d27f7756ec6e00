package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes every endpoint of the public API, found in Spring's handler mappings so a new endpoint is fuzzed without a
 * change here: thousands of requests with malformed, truncated, oversized, wrongly typed and boundary bodies,
 * headers, query parameters and path variables, mixed with valid ids of a tenant with realistic data so requests
 * reach deep code. Every answer must be a success or a 4xx {@code application/problem+json}, never a 5xx; afterwards
 * every program of the tenant reconciles.
 * <p>
 * Requests go over a raw socket, so headers and paths can hold what a well-behaved client refuses to send. Each case
 * draws from its own random generator, derived from the seed and its number. Rerun with another seed or size:
 * {@code -Dfidelis.fuzz.seed=42 -Dfidelis.fuzz.cases=20000}.
 */
@IntegrationTest
class ApiFuzzIntegrationTest {

	private static final long SEED = Long.getLong("fidelis.fuzz.seed", 20261124L);
	private static final int CASES = Integer.getInteger("fidelis.fuzz.cases", 10_000);
	/** The endpoints of the API when this test was written; fewer means the enumeration is broken. */
	private static final int KNOWN_ENDPOINTS = 73;
	private static final int MAX_REQUEST_BYTES = 256 * 1024;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestTenants tenants;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMappings;

	private final Map<String, List<String>> valid = new TreeMap<>();
	private final List<String> idempotencyKeys = new ArrayList<>();
	private final List<String> transactionIds = new ArrayList<>();
	private final Set<String> unknown = new java.util.HashSet<>();
	private URI base;
	private String key;
	private boolean plausible;

	@Test
	void everyAnswerToBadInputIsASuccessOrAProblemAndTheLedgerStillReconciles() {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).as("endpoints under /api/").hasSizeGreaterThanOrEqualTo(KNOWN_ENDPOINTS);
		TestTenant tenant = tenants.create();
		base = tenants.base();
		key = tenant.api().key();
		seed(tenant);

		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		int plausibleCases = 0;
		int succeeded = 0;
		long started = System.nanoTime();
		for (int number = 0; number < CASES; number++) {
			// Random's own seeding barely mixes consecutive seeds: SplittableRandom's does.
			Random random = new Random(new SplittableRandom(SEED + number * 0x9E3779B97F4A7C15L).nextLong());
			Endpoint endpoint = endpoints.get(Math.floorMod(number * 7919 + (int) SEED, endpoints.size()));
			FuzzRequest request = request(endpoint, random);
			String failure;
			Answer answer = null;
			try {
				answer = send(request);
				failure = judge(request, answer);
			}
			catch (IOException | RuntimeException broken) {
				failure = "no answer: " + broken;
			}
			if (answer != null) {
				statuses.merge(answer.status(), 1, Integer::sum);
				if (request.plausible()) {
					plausibleCases++;
					succeeded += answer.status() < 300 ? 1 : 0;
				}
			}
			if (failure != null) {
				failures.add("case " + number + " (seed " + SEED + ") " + endpoint + ": " + request.summary() + " -> "
						+ failure);
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		System.out.printf("API fuzzing: %d cases against %d endpoints in %d ms, seed %d; statuses %s; %d "
				+ "plausible requests, of which %d succeeded%n", CASES, endpoints.size(), millis, SEED, statuses,
				plausibleCases, succeeded);

		failures.stream().limit(100).forEach(failure -> System.out.println("Fuzz failure: " + failure));
		assertThat(failures).as("answers that are neither a success nor a 4xx problem").isEmpty();
		assertEveryProgramReconciles(tenant);
	}

	// ---- the endpoints, from Spring's handler mappings ----

	record Endpoint(String method, String pattern, Type body, boolean bodyRequired, Map<String, Type> query) {

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = mapping.getKey();
			Type body = null;
			boolean bodyRequired = false;
			Map<String, Type> query = new LinkedHashMap<>();
			for (MethodParameter parameter : mapping.getValue().getMethodParameters()) {
				RequestBody requestBody = parameter.getParameterAnnotation(RequestBody.class);
				if (requestBody != null) {
					body = parameter.getGenericParameterType();
					bodyRequired = requestBody.required();
				}
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null) {
					String name = param.name().isEmpty() ? parameter.getParameter().getName() : param.name();
					query.put(name, parameter.getGenericParameterType());
				}
			}
			Set<String> methods = new TreeSet<>();
			info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
			if (methods.isEmpty()) {
				methods.add("GET");
			}
			for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					for (String method : methods) {
						endpoints.add(new Endpoint(method, pattern, body, bodyRequired, query));
					}
				}
			}
		}
		endpoints.sort((a, b) -> a.toString().compareTo(b.toString()));
		return endpoints;
	}

	// ---- a tenant with realistic data, whose ids the requests use ----

	private void seed(TestTenant tenant) {
		Api api = tenant.api();
		for (int i = 0; i < 4; i++) {
			add("members", tenant.enrol("""
					{"email": "member%d@example.com", "phone": "+3361234567%d", "firstName": "Zoë", "lastName": "Ünal"}"""
				.formatted(i, i)));
		}
		add("members", unknown(UUID.randomUUID().toString()));
		String member = valid.get("members").get(0);
		String other = valid.get("members").get(1);
		ok(tenant.adjust(member, "points", 50_000, "fuzz balance"));
		ok(tenant.adjust(other, "points", 5_000, "fuzz balance"));
		ok(api.post("/api/v1/programs", """
				{"code": "wallet", "name": "Wallet", "kind": "cashback", "currency": "EUR"}"""));
		ok(api.post("/api/v1/programs", """
				{"code": "stamps", "name": "Coffee card", "kind": "stamps", "currency": "EUR"}"""));
		add("programs", "points", "wallet", "stamps", unknown("nope"));
		add("rules", id(api.post("/api/v1/programs/points/rules", """
				{"name": "A point per euro", "trigger": "purchase",
				 "effect": {"type": "points_per_amount", "points": 1, "per": "1.00"}}""")));
		ok(api.post("/api/v1/event-types", "{\"name\": \"workshop\", \"description\": \"Came to a workshop\"}"));
		Instant now = Instant.now();
		ok(api.post("/api/v1/programs/points/campaigns", """
				{"code": "spring", "name": "Spring", "startsAt": "%s", "endsAt": "%s"}"""
			.formatted(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))));
		add("campaigns", "spring", unknown("autumn"));
		for (int i = 0; i < 3; i++) {
			String transactionId = "sale-" + i;
			ok(tenant.purchase(member, transactionId, "49.90", now.minusSeconds(60)));
			transactionIds.add(transactionId);
		}
		ok(api.post("/api/v1/programs/points/rewards", """
				{"code": "five-off", "type": "discount_voucher", "cost": 500,
				 "texts": {"en": {"name": "5 EUR off"}}, "discount": {"kind": "fixed", "amount": "5.00"}, "voucher": {"validDays": 30}}"""));
		ok(api.post("/api/v1/programs/points/rewards", """
				{"code": "mug", "type": "physical_gift", "cost": 800, "stock": 50, "texts": {"en": {"name": "Mug"}}}"""));
		add("rewards", "five-off", "mug", unknown("gone"));
		for (int i = 0; i < 6; i++) {
			Api.Response voucher = ok(api.post("/api/v1/members/" + member + "/redemptions", "{\"reward\": \"five-off\"}"));
			add("vouchers", voucher.text("/vouchers/0/code"));
		}
		add("vouchers", unknown("NOPE-0000"));
		for (int i = 0; i < 6; i++) {
			Api.Response gift = ok(api.post("/api/v1/members/" + member + "/redemptions", """
					{"reward": "mug", "shipping": {"name": "Ada Lovelace", "line1": "12 rue de la Paix",
					 "postalCode": "75002", "city": "Paris", "country": "FR"}}"""));
			add("giftOrders", gift.text("/giftOrders/0/id"));
		}
		for (int i = 0; i < 6; i++) {
			add("holds", id(api.post("/api/v1/members/" + member + "/holds", """
					{"program": "points", "points": 100, "timeoutSeconds": 3600}""")));
		}
		ok(api.post("/api/v1/causes", """
				{"code": "forest", "texts": {"en": {"name": "Plant a forest"}, "fr": {"name": "Planter une forêt"}}}"""));
		add("causes", "forest", unknown("gone"));
		ok(api.post("/api/v1/members/" + member + "/donations", """
				{"program": "points", "cause": "forest", "points": 100}"""));
		for (int i = 0; i < 4; i++) {
			add("payments", id(api.post("/api/v1/members/" + member + "/point-payments", """
					{"program": "points", "amount": "49.90", "currency": "EUR", "points": 500, "store": "paris-1"}""")));
		}
		ok(api.put("/api/v1/members/" + member + "/labels/vip"));
		add("labels", "vip", "new");
		Api.Response keys = ok(api.post("/api/v1/api-keys", "{\"name\": \"till\", \"scopes\": [\"events:write\"]}"));
		add("apiKeys", keys.text("/id"));
		add("codes", "points", "forest", "five-off", "spring", "mug");
		for (int i = 0; i < 8; i++) {
			idempotencyKeys.add("fuzz-key-" + i);
		}
	}

	/** A value that names nothing, for the 404s; plausible requests leave it out. */
	private String unknown(String value) {
		unknown.add(value);
		return value;
	}

	private void add(String kind, String... values) {
		List<String> list = valid.computeIfAbsent(kind, k -> new ArrayList<>());
		for (String value : values) {
			assertThat(value).as(kind).isNotNull();
			list.add(value);
		}
	}

	private static Api.Response ok(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isBetween(200, 299);
		return response;
	}

	private static String id(Api.Response response) {
		return ok(response).text("/id");
	}

	// ---- one request ----

	record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, boolean plausible) {

		String summary() {
			String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
			return method + " " + abbreviate(target, 200) + " " + abbreviate(headers.toString(), 300) + " body "
					+ abbreviate(text, 400);
		}
	}

	/**
	 * A request as a careful client would send it (valid ids, headers and value types, though values may still break
	 * the rules), to reach the code behind validation: a quarter of the cases. The others are anything.
	 */
	private FuzzRequest request(Endpoint endpoint, Random random) {
		plausible = random.nextInt(4) == 0;
		if (plausible) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Authorization", "Bearer " + key);
			headers.put("Idempotency-Key", UUID.randomUUID().toString());
			byte[] body = null;
			if (endpoint.body() != null) {
				headers.put("Content-Type", "application/json");
				body = bytes(text(value(endpoint.body(), "body", random, 0)));
			}
			String path = VARIABLE.matcher(endpoint.pattern()).replaceAll(variable -> Matcher.quoteReplacement(
					encode(validFor(collectionBefore(endpoint.pattern(), variable.start()), variable.group(1), random))));
			return new FuzzRequest(endpoint.method(), path, headers, body, true);
		}
		String method = random.nextInt(40) == 0 ? pick(random, "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST",
				"GET", "TRACE", "FROB") : endpoint.method();
		String target = path(endpoint.pattern(), random) + query(endpoint, random);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", authorization(random));
		if (!method.equals("GET") || random.nextInt(10) == 0) {
			String idempotencyKey = idempotencyKey(random);
			if (idempotencyKey != null) {
				headers.put("Idempotency-Key", idempotencyKey);
			}
		}
		byte[] body = null;
		if (endpoint.body() != null || random.nextInt(10) == 0) {
			if (endpoint.body() == null || (!endpoint.bodyRequired() && random.nextInt(4) == 0)) {
				body = random.nextBoolean() ? null : bytes(text(garbageValue(random)));
			}
			else {
				body = mutate(text(value(endpoint.body(), "body", random, 0)), random);
			}
		}
		if (body != null) {
			headers.put("Content-Type", random.nextInt(8) == 0 ? pick(random, "text/plain", "application/xml",
					"application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-16",
					"application/json; charset=nonsense", "application/problem+json", "*/*", "", "application/",
					"application/json;;;", "\u00e9/\u00e9") : "application/json");
		}
		if (random.nextInt(12) == 0) {
			headers.put("Accept", pick(random, "application/xml", "text/html", "image/png", "*/*;q=nonsense",
					"application/json;q=0", "", "\u2603"));
		}
		if (random.nextInt(20) == 0) {
			headers.put(pick(random, "X-Forwarded-For", "Accept-Language", "If-None-Match", "Range", "Cookie",
					"X-Fuzz"), garbageString(random));
		}
		return new FuzzRequest(method, target, headers, body, false);
	}

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	private String path(String pattern, Random random) {
		Matcher variables = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (variables.find()) {
			String collection = collectionBefore(pattern, variables.start());
			String value = random.nextInt(4) == 0 ? garbagePathSegment(random)
					: encode(validFor(collection, variables.group(1), random));
			variables.appendReplacement(path, Matcher.quoteReplacement(value));
		}
		variables.appendTail(path);
		return path.toString();
	}

	/** The collection a path variable names a member of: {@code holds} for {@code /holds/{id}}. */
	private static String collectionBefore(String pattern, int variableStart) {
		String before = pattern.substring(0, variableStart);
		return before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
	}

	private String validFor(String collection, String variable, Random random) {
		String kind = switch (collection) {
			case "members" -> "members";
			case "programs" -> "programs";
			case "rules" -> "rules";
			case "campaigns" -> "campaigns";
			case "rewards" -> "rewards";
			case "vouchers" -> "vouchers";
			case "holds" -> "holds";
			case "causes" -> "causes";
			case "gift-orders" -> "giftOrders";
			case "point-payments" -> "payments";
			case "api-keys" -> "apiKeys";
			case "labels" -> "labels";
			case "codes" -> "codes";
			default -> null;
		};
		if (plausible && kind != null) {
			List<String> known = new ArrayList<>(valid.getOrDefault(kind, List.of()));
			known.removeAll(unknown);
			if (!known.isEmpty()) {
				return pick(random, known);
			}
		}
		if (kind == null || random.nextInt(10) == 0) {
			List<String> all = new ArrayList<>();
			valid.values().forEach(all::addAll);
			return pick(random, all);
		}
		return pick(random, valid.get(kind));
	}

	private static String garbagePathSegment(Random random) {
		return switch (random.nextInt(12)) {
			case 0 -> "%00";
			case 1 -> "%2F..%2F";
			case 2 -> "%ZZ";
			case 3 -> "%C3%28";
			case 4 -> "x".repeat(2_000 + random.nextInt(4_000));
			case 5 -> "%F0%9F%98%80%E2%80%AE%CC%81";
			case 6 -> "00000000-0000-0000-0000-000000000000";
			case 7 -> "ffffffff-ffff-ffff-ffff-ffffffffffff0";
			case 8 -> "..";
			case 9 -> "%20";
			case 10 -> "1;jsessionid=x";
			default -> encode(garbageString(random));
		};
	}

	private String query(Endpoint endpoint, Random random) {
		List<String> pairs = new ArrayList<>();
		for (Map.Entry<String, Type> param : endpoint.query().entrySet()) {
			if (random.nextBoolean()) {
				String value = random.nextInt(3) == 0 ? garbageString(random)
						: scalarText(value(param.getValue(), param.getKey(), random, 5));
				// Sometimes raw, as a broken client sends it; but a raw space or line break would end the request line.
				String raw = "%" + value.replaceAll("[\\s]", "_");
				pairs.add(param.getKey() + "=" + (random.nextInt(15) == 0 ? raw : encode(value)));
			}
		}
		if (random.nextInt(15) == 0) {
			pairs.add(encode(garbageString(random)) + "=" + encode(garbageString(random)));
		}
		if (random.nextInt(30) == 0) {
			pairs.add("limit=" + pick(random, "0", "-1", "9223372036854775808", "1e3", "NaN", "", "%00"));
		}
		return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
	}

	private String authorization(Random random) {
		return switch (random.nextInt(40)) {
			case 0 -> null;
			case 1 -> "";
			case 2 -> "Bearer";
			case 3 -> "Bearer " + key.substring(0, key.length() / 2);
			case 4 -> "Basic " + key;
			case 5 -> "Bearer " + garbageString(random);
			case 6 -> "Bearer " + key + "\u0000";
			case 7 -> "bearer   " + key + "  ";
			default -> "Bearer " + key;
		};
	}

	private String idempotencyKey(Random random) {
		return switch (random.nextInt(16)) {
			case 0 -> null;
			case 1 -> "";
			case 2 -> " \t ";
			case 3 -> "k".repeat(201 + random.nextInt(5_000));
			case 4, 5 -> garbageString(random);
			case 6, 7, 8 -> pick(random, idempotencyKeys);
			default -> UUID.randomUUID().toString();
		};
	}

	// ---- values: mostly plausible for their type and name, sometimes anything ----

	/** A JSON literal written as is: numbers JSON cannot hold, NaN, or text that is not JSON at all. */
	record Raw(String text) {
	}

	private Object value(Type type, String name, Random random, int depth) {
		if (depth > 6 || (!plausible && random.nextInt(12) == 0)) {
			return plausible ? null : garbageValue(random);
		}
		Class<?> raw = rawClass(type);
		if (raw == String.class) {
			return string(name, random);
		}
		if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class
				|| raw == short.class || raw == Short.class) {
			return plausible ? (Object) (1L + random.nextInt(100))
					: random.nextInt(3) == 0 ? pick(random, BOUNDARY_NUMBERS) : (Object) (long) random.nextInt(1_000);
		}
		if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
			return !plausible && random.nextInt(3) == 0 ? pick(random, BOUNDARY_NUMBERS)
					: pick(random, "49.90", "10", "0.01", "1.00", "5.00", "100");
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return random.nextBoolean();
		}
		if (raw == UUID.class) {
			return random.nextInt(5) == 0 ? UUID.randomUUID().toString() : validFor(collectionOf(name), name, random);
		}
		if (raw == OffsetDateTime.class || raw == Instant.class) {
			return !plausible && random.nextInt(4) == 0 ? pick(random, "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
					"2026-11-24T10:15:30", "2026-13-45T25:61:61Z", "1970-01-01T00:00:00Z", "2026-11-24T10:15:30+18:00")
					: OffsetDateTime.now(ZoneOffset.UTC)
						.plusMinutes(plausible ? -random.nextInt(1_000) : random.nextInt(200_000) - 100_000)
						.toString();
		}
		if (raw == LocalDate.class) {
			return plausible ? "1990-05-17" : pick(random, LocalDate.now().toString(), "2026-02-30", "0000-01-01", "+10000-01-01", "1990-05-17",
					LocalDate.now().plusDays(30).toString());
		}
		if (raw == Duration.class) {
			return pick(random, "PT1H", "P30D", "PT0S", "-PT1H", "P999999999D", "PT1H30M");
		}
		if (raw == Locale.class) {
			return pick(random, "en", "fr", "fr-FR", "xx", "en_US_POSIX", "\u202e");
		}
		if (raw == java.time.ZoneId.class) {
			return pick(random, "Europe/Paris", "UTC", "Mars/Olympus", "+25:00");
		}
		if (raw == java.util.Currency.class) {
			return pick(random, "EUR", "USD", "XXX", "EURO");
		}
		if (raw.isEnum()) {
			Object[] constants = raw.getEnumConstants();
			return constants[random.nextInt(constants.length)].toString().toLowerCase(Locale.ROOT);
		}
		if (Collection.class.isAssignableFrom(raw)) {
			Type element = typeArgument(type, 0);
			int size = !plausible && random.nextInt(25) == 0 ? 501 + random.nextInt(500) : random.nextInt(4);
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				list.add(value(element, name, random, depth + 1));
			}
			return list;
		}
		if (Map.class.isAssignableFrom(raw)) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (int i = random.nextInt(3); i > 0; i--) {
				map.put(!plausible && random.nextInt(3) == 0 ? garbageString(random) : pick(random, "en", "fr", "de", "note"),
						value(typeArgument(type, 1), name, random, depth + 1));
			}
			return map;
		}
		if (raw.isRecord()) {
			return record(raw, random, depth);
		}
		JsonSubTypes subtypes = raw.getAnnotation(JsonSubTypes.class);
		if (subtypes != null) {
			JsonSubTypes.Type subtype = subtypes.value()[random.nextInt(subtypes.value().length)];
			Map<String, Object> object = record(subtype.value(), random, depth);
			return typed(subtype.name(), object, random);
		}
		JsonTypeInfo typeInfo = raw.getAnnotation(JsonTypeInfo.class);
		if (typeInfo != null && typeInfo.defaultImpl() != JsonTypeInfo.class) {
			return typed(pick(random, "review", "signup", "birthday", "workshop", "quiz"),
					record(typeInfo.defaultImpl(), random, depth), random);
		}
		return garbageValue(random);
	}

	private Map<String, Object> typed(String name, Map<String, Object> object, Random random) {
		Map<String, Object> typed = new LinkedHashMap<>();
		if (plausible || random.nextInt(15) != 0) {
			typed.put("type", !plausible && random.nextInt(15) == 0 ? garbageValue(random) : name);
		}
		typed.putAll(object);
		return typed;
	}

	private Map<String, Object> record(Class<?> type, Random random, int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		if (!type.isRecord()) {
			return object;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getType() == Map.class && component.getName().equals("otherFields")) {
				continue;
			}
			// A careful client sends the required fields and leaves out more optional ones, and so sends one of
			// several alternatives more often.
			if (plausible ? required(component) || random.nextBoolean() : random.nextInt(6) != 0) {
				object.put(component.getName(),
						value(component.getGenericType(), component.getName(), random, depth + 1));
			}
		}
		if (!plausible && random.nextInt(20) == 0) {
			object.put(garbageString(random), garbageValue(random));
		}
		return object;
	}

	private static boolean required(RecordComponent component) {
		Method accessor = component.getAccessor();
		return accessor.isAnnotationPresent(NotNull.class) || accessor.isAnnotationPresent(NotBlank.class)
				|| accessor.isAnnotationPresent(NotEmpty.class);
	}

	private String string(String name, Random random) {
		if (!plausible && random.nextInt(4) == 0) {
			return garbageString(random);
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.contains("transactionid")) {
			return random.nextInt(3) == 0 ? pick(random, transactionIds) : "fuzz-" + random.nextInt(1_000_000);
		}
		if (lower.equals("currency")) {
			return plausible ? "EUR" : pick(random, "EUR", "EUR", "USD", "eur", "XXX");
		}
		if (lower.contains("email")) {
			return pick(random, "ada@example.com", "member0@example.com", "not-an-email", "a@b");
		}
		if (lower.contains("phone")) {
			return pick(random, "+33612345670", "0612345678", "+1", "phone");
		}
		if (lower.contains("country")) {
			return pick(random, "FR", "GB", "France", "zz");
		}
		if (lower.contains("url")) {
			return pick(random, "https://example.com/a.png", "javascript:alert(1)", "ftp://x", "//x");
		}
		if (plausible) {
			if (lower.contains("locale") || lower.contains("language")) {
				return pick(random, "en", "fr");
			}
			if (lower.equals("trigger")) {
				return pick(random, "purchase", "review", "workshop");
			}
			// Lower-case letters and digits, starting with a letter: a valid code or name of anything.
			if (lower.equals("code") || lower.equals("name") && random.nextBoolean()) {
				return "n" + random.nextInt(1_000_000);
			}
		}
		String collection = collectionOf(name);
		if (valid.containsKey(collection) && random.nextInt(4) != 0) {
			return validFor(collection, name, random);
		}
		return pick(random, "coffee", "paris-1", "web", "Zoë", "gold", "a", "fuzz-" + random.nextInt(1_000),
				"spring-sale", "purchase", "review");
	}

	private static String collectionOf(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.contains("member") || lower.contains("recipient") || lower.equals("to") || lower.equals("id")) {
			return "members";
		}
		for (String kind : List.of("program", "reward", "cause", "campaign", "label", "hold", "voucher", "code")) {
			if (lower.contains(kind)) {
				return kind.equals("program") || kind.equals("reward") || kind.equals("cause")
						|| kind.equals("campaign") || kind.equals("label") || kind.equals("hold")
						|| kind.equals("voucher") ? kind + "s" : "codes";
			}
		}
		return "";
	}

	private static final List<Object> BOUNDARY_NUMBERS = List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
			(long) Integer.MAX_VALUE + 1, new Raw("1000000000000000000000000000000"), new Raw("1e30"), new Raw("1e-30"),
			new Raw("-0"), new Raw("1.5"), new Raw("0.001"), new Raw("NaN"), new Raw("Infinity"), new Raw("1e400"),
			"NaN", "Infinity", "-1", "1e30", "0x10", "", " ", "9223372036854775808", "49.905", "-49.90");

	private static final List<String> GARBAGE_STRINGS = List.of("", " ", "\t\n", "\u0000", "a\u0000b", "\u0001\u001f",
			"\u007f", "😀", "👩‍👩‍👧‍👦", "\u202eevil", "مرحبا", "e\u0301\u0301\u0301", "\ud800", "\ufffe", "\uFEFF",
			"' OR '1'='1", "'; DROP TABLE members; --", "\" OR 1=1 --", "<script>alert(1)</script>",
			"${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd", "%00", "%s%n", "null", "true", "0", "-1",
			"NaN", "9223372036854775808", "\\", "\"", "\r\nX-Injected: 1");

	private static String garbageString(Random random) {
		return switch (random.nextInt(10)) {
			case 0 -> "x".repeat(random.nextInt(3) == 0 ? 10_000 + random.nextInt(100_000) : 65 + random.nextInt(300));
			case 1 -> randomUnicode(random, 1 + random.nextInt(40));
			default -> pick(random, GARBAGE_STRINGS);
		};
	}

	private static String randomUnicode(Random random, int length) {
		StringBuilder text = new StringBuilder();
		while (text.length() < length) {
			int codePoint = random.nextInt(3) == 0 ? random.nextInt(0x20) : random.nextInt(0x10FFFF);
			if (Character.isValidCodePoint(codePoint)) {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	private Object garbageValue(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> pick(random, BOUNDARY_NUMBERS);
			case 3 -> new ArrayList<>(List.of(garbageString(random)));
			case 4 -> new LinkedHashMap<>(Map.of("a", garbageString(random)));
			case 5 -> List.of();
			case 6 -> Map.of();
			default -> garbageString(random);
		};
	}

	// ---- JSON text, then broken on purpose ----

	/** A query parameter's value: text as it is, anything else as its JSON. */
	private static String scalarText(Object value) {
		return value instanceof String text ? text : text(value);
	}

	private static String text(Object value) {
		StringBuilder json = new StringBuilder();
		write(value, json);
		return json.toString();
	}

	private static void write(Object value, StringBuilder json) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Raw raw) {
			json.append(raw.text());
		}
		else if (value instanceof String text) {
			json.append('"');
			for (char c : text.toCharArray()) {
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20) {
					json.append(String.format("\\u%04x", (int) c));
				}
				else {
					json.append(c);
				}
			}
			json.append('"');
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				write(String.valueOf(entry.getKey()), json);
				json.append(':');
				write(entry.getValue(), json);
				first = false;
			}
			json.append('}');
		}
		else if (value instanceof Collection<?> list) {
			json.append('[');
			boolean first = true;
			for (Object element : list) {
				json.append(first ? "" : ",");
				write(element, json);
				first = false;
			}
			json.append(']');
		}
		else {
			json.append(value);
		}
	}

	private static byte[] mutate(String json, Random random) {
		return switch (random.nextInt(30)) {
			case 0 -> bytes(json.substring(0, random.nextInt(json.length() + 1)));
			case 1 -> bytes(json.startsWith("{") && json.length() > 2 ? json.replaceFirst("\\{(\"[^\"]*\":)",
					"{$1 1, $1") : json);
			case 2 -> bytes("[".repeat(2_000 + random.nextInt(3_000)));
			case 3 -> bytes("{\"a\":".repeat(1_200) + "1" + "}".repeat(1_200));
			case 4 -> bytes("");
			case 5 -> bytes(pick(random, "null", "[]", "0", "\"text\"", "true", "{}", "[" + json + "]", json + json,
					json + "garbage", "{'single': 'quotes'}", "{a: 1}", "{\"a\":1,}", "\uFEFF" + json, "/* c */" + json));
			case 6 -> {
				byte[] utf8 = bytes(json);
				if (utf8.length > 0) {
					utf8[random.nextInt(utf8.length)] = (byte) (0x80 + random.nextInt(0x80));
				}
				yield utf8;
			}
			case 7 -> {
				byte[] noise = new byte[random.nextInt(500)];
				random.nextBytes(noise);
				yield noise;
			}
			case 8 -> random.nextInt(10) == 0 ? bytes("{\"a\": \"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}")
					: bytes(json.replace(":", ": \u0000").replaceFirst("\"$", ""));
			default -> bytes(json);
		};
	}

	// ---- over a raw socket ----

	record Answer(int status, Map<String, String> headers, String body) {
	}

	private Answer send(FuzzRequest request) throws IOException {
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(30_000);
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			head.writeBytes(bytes(request.method() + " " + request.target() + " HTTP/1.1\r\n"));
			head.writeBytes(bytes("Host: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n"));
			request.headers().forEach((name, value) -> {
				if (value != null) {
					head.writeBytes(bytes(name + ": " + value + "\r\n"));
				}
			});
			if (request.body() != null) {
				head.writeBytes(bytes("Content-Length: " + request.body().length + "\r\n"));
			}
			head.writeBytes(bytes("\r\n"));
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.toByteArray());
				if (request.body() != null) {
					out.write(request.body());
				}
				out.flush();
			}
			catch (IOException refusedEarly) {
				// The server may answer and close before reading all of a body it refuses; its answer still counts.
			}
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				all.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketException reset) {
			if (all.size() == 0) {
				throw reset;
			}
		}
		return all.toByteArray();
	}

	private static Answer parse(byte[] response) throws IOException {
		String text = new String(response, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (!text.startsWith("HTTP/1.1 ") || end < 0) {
			throw new IOException("not an HTTP answer: " + abbreviate(text, 300));
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].substring(9, 12));
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
		if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
			body = dechunk(body);
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1);
		int at = 0;
		while (at < text.length()) {
			int lineEnd = text.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	/** Null if the answer is acceptable; otherwise what is wrong with it. */
	private static String judge(FuzzRequest request, Answer answer) {
		int status = answer.status();
		if (status >= 200 && status < 300 || status == 304) {
			return null;
		}
		String description = status + " " + answer.headers().get("Content-Type") + " " + abbreviate(answer.body(), 500);
		if (status < 400 || status >= 500) {
			return "answered " + description;
		}
		String contentType = answer.headers().get("Content-Type");
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			return "a 4xx that is not a problem: " + description;
		}
		if (request.method().equals("HEAD")) {
			// An answer to HEAD has no body.
			return null;
		}
		try {
			JsonNode problem = JSON.readTree(answer.body());
			if (problem.path("status").asInt() != status || problem.path("type").asString().isEmpty()
					|| problem.path("title").asString().isEmpty()) {
				return "a problem without status, type or title: " + description;
			}
		}
		catch (RuntimeException notJson) {
			return "a problem whose body is not JSON: " + description;
		}
		return null;
	}

	private void assertEveryProgramReconciles(TestTenant tenant) {
		Api.Response programs = tenant.api().get("/api/v1/programs");
		assertThat(programs.status()).as(programs.toString()).isEqualTo(200);
		JsonNode list = programs.json().has("items") ? programs.json().get("items") : programs.json();
		assertThat(list.size()).isGreaterThanOrEqualTo(3);
		for (JsonNode program : list) {
			String code = program.get("code").asString();
			Api.Response report = tenant.api().get("/api/v1/programs/" + encode(code) + "/reconciliation");
			assertThat(report.status()).as(code + ": " + report).isEqualTo(200);
			assertThat(report.json().get("balanced").asBoolean()).as(code + ": " + report).isTrue();
			assertThat(report.json().get("discrepancies").isEmpty()).as(code + ": " + report).isTrue();
		}
	}

	// ---- small helpers ----

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		if (type instanceof WildcardType wildcard) {
			return rawClass(wildcard.getUpperBounds()[0]);
		}
		return Object.class;
	}

	private static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text, int max) {
		String visible = text == null ? "null" : text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
		return visible.length() <= max ? visible : visible.substring(0, max) + "...(" + visible.length() + " chars)";
	}
}
