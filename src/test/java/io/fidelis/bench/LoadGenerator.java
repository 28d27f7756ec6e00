package io.fidelis.bench;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a running Fidelis over HTTP with concurrent clients for a fixed time, and reports throughput and latencies
 * per operation: purchases (events earning points for random members), balance reads and redemptions. Run it with
 * {@code bench/load.sh}; see BENCHMARKS.md.
 * <p>
 * Each client sends one request at a time and the next as soon as the answer is in (a closed loop): throughput is
 * what the service sustains at that concurrency, and latency is measured from send to last byte. Answers of 5xx and
 * failed connections count as errors; a redemption refused for lack of points (422) is an expected answer.
 */
public final class LoadGenerator {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String REWARD = "load-voucher";
	/** With {@code --enrolled}, how many members are looked up for balance reads and redemptions. */
	private static final int LOOKED_UP = 10_000;

	private final Options options;
	private String[] memberIds;
	private String currency;

	private LoadGenerator(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		// Kept-alive connections per server: one per client (the JDK keeps 5 by default, and would reconnect).
		System.setProperty("http.maxConnections", Integer.toString(Math.max(8, options.clients())));
		new LoadGenerator(options).run();
	}

	/**
	 * What to run: {@code --url --key --clients --seconds --warmup --members --enrolled --mix --batch-size --out}.
	 * With {@code --enrolled true} the members exist already (bench/members-seed.sql): purchases name them by
	 * external id, and balance reads and redemptions go to the first {@value #LOOKED_UP} of them, looked up.
	 */
	record Options(URI url, String key, int clients, int seconds, int warmupSeconds, int members, boolean enrolled,
			Map<Operation, Integer> mix, int batchSize, Path out) {

		static Options parse(String[] args) {
			Map<String, String> given = new HashMap<>();
			for (int i = 0; i + 1 < args.length; i += 2) {
				if (!args[i].startsWith("--")) {
					throw new IllegalArgumentException("expected --name value, got " + args[i]);
				}
				given.put(args[i].substring(2), args[i + 1]);
			}
			String key = given.getOrDefault("key", System.getenv("FIDELIS_KEY"));
			if (key == null) {
				throw new IllegalArgumentException("give the tenant's API key with --key or FIDELIS_KEY");
			}
			Map<Operation, Integer> mix = new LinkedHashMap<>();
			for (String part : given.getOrDefault("mix", "purchase=80,balance=15,redemption=5").split(",")) {
				String[] weight = part.split("=");
				mix.put(Operation.valueOf(weight[0].strip().toUpperCase(Locale.ROOT)), Integer.parseInt(weight[1].strip()));
			}
			return new Options(URI.create(given.getOrDefault("url", "http://localhost:8080")), key,
					Integer.parseInt(given.getOrDefault("clients", "8")),
					Integer.parseInt(given.getOrDefault("seconds", "20")),
					Integer.parseInt(given.getOrDefault("warmup", "5")),
					Integer.parseInt(given.getOrDefault("members", "10000")),
					Boolean.parseBoolean(given.getOrDefault("enrolled", "false")), mix,
					Integer.parseInt(given.getOrDefault("batch-size", "100")),
					Path.of(given.getOrDefault("out", "target/load.json")));
		}
	}

	/** {@code BATCH}: {@code --batch-size} purchases of random members in one {@code POST /events:batch}. */
	enum Operation {
		PURCHASE, BALANCE, REDEMPTION, BATCH
	}

	/** The latencies of one client for one operation, in nanoseconds, and what went wrong. */
	static final class Recorder {

		private long[] nanos = new long[1 << 14];
		private int count;
		private int errors;

		void record(long elapsed, boolean error) {
			if (count == nanos.length) {
				nanos = Arrays.copyOf(nanos, count * 2);
			}
			nanos[count++] = elapsed;
			if (error) {
				errors++;
			}
		}
	}

	private void run() throws Exception {
		currency = get("/api/v1/programs/points").path("currency").asString();
		ensureReward();
		memberIds = enrolMembers();
		System.out.printf("%d members ready; warming up for %d s%n", options.members(), options.warmupSeconds());
		drive(options.warmupSeconds());
		System.out.printf("measuring %d clients for %d s%n", options.clients(), options.seconds());
		Map<Operation, List<Recorder>> measured = drive(options.seconds());
		report(measured);
	}

	private Map<Operation, List<Recorder>> drive(int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(options.clients());
		long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		List<Future<Map<Operation, Recorder>>> clients = new ArrayList<>();
		for (int c = 0; c < options.clients(); c++) {
			clients.add(pool.submit(() -> client(deadline)));
		}
		Map<Operation, List<Recorder>> all = new LinkedHashMap<>();
		for (Future<Map<Operation, Recorder>> client : clients) {
			client.get().forEach((operation, recorder) -> all.computeIfAbsent(operation, o -> new ArrayList<>())
				.add(recorder));
		}
		pool.shutdown();
		return all;
	}

	private Map<Operation, Recorder> client(long deadline) {
		Map<Operation, Recorder> recorders = new LinkedHashMap<>();
		int total = options.mix().values().stream().mapToInt(Integer::intValue).sum();
		while (System.nanoTime() < deadline) {
			int pick = ThreadLocalRandom.current().nextInt(total);
			Operation operation = null;
			for (Map.Entry<Operation, Integer> weight : options.mix().entrySet()) {
				pick -= weight.getValue();
				if (pick < 0) {
					operation = weight.getKey();
					break;
				}
			}
			long started = System.nanoTime();
			boolean error;
			try {
				error = send(operation) >= 500;
			}
			catch (IOException | RuntimeException failed) {
				error = true;
			}
			recorders.computeIfAbsent(operation, o -> new Recorder()).record(System.nanoTime() - started, error);
		}
		return recorders;
	}

	private int send(Operation operation) throws IOException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return switch (operation) {
			case PURCHASE -> post("/api/v1/events", purchase(random.nextInt(options.members())), null);
			case BALANCE -> request("GET", "/api/v1/members/" + memberIds[random.nextInt(memberIds.length)]
					+ "/balances", null, null).status();
			case REDEMPTION -> post("/api/v1/members/" + memberIds[random.nextInt(memberIds.length)] + "/redemptions",
					"{\"reward\": \"" + REWARD + "\"}", UUID.randomUUID().toString());
			case BATCH -> batch();
		};
	}

	private String purchase(int member) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int cents = 500 + random.nextInt(9500);
		return """
				{"type": "purchase", "transactionId": "load-%s", "member": {"externalId": "load-%d"},
				 "occurredAt": "%s", "amount": "%d.%02d", "currency": "%s",
				 "items": [{"sku": "SKU-%d", "category": "load", "quantity": 1, "unitPrice": "%d.%02d"}]}"""
			.formatted(UUID.randomUUID(), member, Instant.now(), cents / 100, cents % 100, currency,
					random.nextInt(100), cents / 100, cents % 100);
	}

	/** A batch of purchases; any event it refuses counts as an error, as a refused single purchase would. */
	private int batch() throws IOException {
		StringBuilder events = new StringBuilder("{\"events\": [");
		for (int i = 0; i < options.batchSize(); i++) {
			events.append(i == 0 ? "" : ",").append(purchase(ThreadLocalRandom.current().nextInt(options.members())));
		}
		Answer answer = request("POST", "/api/v1/events:batch", events.append("]}").toString(), null);
		if (answer.status() == 200 && JSON.readTree(answer.body()).path("refused").asInt() > 0) {
			return 500;
		}
		return answer.status();
	}

	/** A cheap voucher in the points program, so that members who earned a little can redeem. */
	private void ensureReward() throws IOException {
		int status = post("/api/v1/programs/points/rewards", """
				{"code": "%s", "type": "discount_voucher", "cost": 50, "discount": {"kind": "fixed", "amount": "1.00"},
				 "texts": {"en": {"name": "Load test voucher"}}}""".formatted(REWARD), UUID.randomUUID().toString());
		if (status != 201 && status != 409) {
			throw new IllegalStateException("could not create the reward " + REWARD + ": " + status);
		}
	}

	/** Members {@code load-0} to {@code load-(n-1)}: enrolled if new, looked up if an earlier run enrolled them. */
	private String[] enrolMembers() throws Exception {
		boolean readsMembers = options.mix().containsKey(Operation.BALANCE)
				|| options.mix().containsKey(Operation.REDEMPTION);
		String[] ids = new String[!options.enrolled() ? options.members()
				: readsMembers ? Math.min(LOOKED_UP, options.members()) : 0];
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, options.clients()));
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < Math.max(4, options.clients()); w++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < ids.length; i = next.getAndIncrement()) {
					ids[i] = enrol(i);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return ids;
	}

	private String enrol(int member) throws IOException {
		if (options.enrolled()) {
			return get("/api/v1/members?identifier=load-" + member).path("items").path(0).path("id").asString();
		}
		Answer enrolled = request("POST", "/api/v1/members", "{\"externalId\": \"load-" + member + "\"}",
				"load-enrol-" + member);
		if (enrolled.status() == 201 || enrolled.status() == 200) {
			return JSON.readTree(enrolled.body()).path("id").asString();
		}
		return get("/api/v1/members?identifier=load-" + member).path("items").path(0).path("id").asString();
	}

	private void report(Map<Operation, List<Recorder>> measured) throws IOException {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("url", options.url().toString());
		report.put("clients", options.clients());
		report.put("seconds", options.seconds());
		report.put("members", options.members());
		Map<String, Object> operations = new LinkedHashMap<>();
		long allCount = 0;
		System.out.printf("%-11s %10s %9s %8s %8s %8s %8s %7s%n", "operation", "requests", "per s", "p50 ms",
				"p95 ms", "p99 ms", "max ms", "errors");
		for (Map.Entry<Operation, List<Recorder>> entry : measured.entrySet()) {
			long[] nanos = entry.getValue()
				.stream()
				.flatMapToLong(recorder -> Arrays.stream(recorder.nanos, 0, recorder.count))
				.sorted()
				.toArray();
			int errors = entry.getValue().stream().mapToInt(recorder -> recorder.errors).sum();
			allCount += nanos.length;
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("requests", nanos.length);
			figures.put("perSecond", Math.round((double) nanos.length / options.seconds()));
			if (entry.getKey() == Operation.BATCH) {
				figures.put("batchSize", options.batchSize());
				figures.put("eventsPerSecond", Math.round((double) nanos.length * options.batchSize() / options.seconds()));
			}
			figures.put("p50Ms", millis(percentile(nanos, 0.50)));
			figures.put("p95Ms", millis(percentile(nanos, 0.95)));
			figures.put("p99Ms", millis(percentile(nanos, 0.99)));
			figures.put("maxMs", millis(nanos.length == 0 ? 0 : nanos[nanos.length - 1]));
			figures.put("errors", errors);
			operations.put(entry.getKey().name().toLowerCase(Locale.ROOT), figures);
			System.out.printf("%-11s %10d %9d %8.2f %8.2f %8.2f %8.2f %7d%n", entry.getKey().name().toLowerCase(Locale.ROOT),
					nanos.length, figures.get("perSecond"), figures.get("p50Ms"), figures.get("p95Ms"),
					figures.get("p99Ms"), figures.get("maxMs"), errors);
			if (figures.containsKey("eventsPerSecond")) {
				System.out.printf("%-11s %20d events/s in batches of %d%n", "", figures.get("eventsPerSecond"),
						options.batchSize());
			}
		}
		report.put("operations", operations);
		report.put("requestsPerSecond", Math.round((double) allCount / options.seconds()));
		Files.createDirectories(options.out().toAbsolutePath().getParent());
		Files.writeString(options.out(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
		System.out.printf("all: %d requests/s; written to %s%n", report.get("requestsPerSecond"), options.out());
	}

	private static long percentile(long[] sorted, double fraction) {
		return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

	private JsonNode get(String path) throws IOException {
		Answer response = request("GET", path, null, null);
		if (response.status() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.status() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private int post(String path, String json, String idempotencyKey) throws IOException {
		return request("POST", path, json, idempotencyKey).status();
	}

	record Answer(int status, String body) {
	}

	/**
	 * One request over a kept-alive connection of this thread ({@link HttpURLConnection} pools them): blocking and
	 * light, so that the generator leaves the cores it shares to the service and the database.
	 */
	private Answer request(String method, String path, String json, String idempotencyKey) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) uri(path).toURL().openConnection();
		connection.setRequestMethod(method);
		connection.setConnectTimeout(5_000);
		connection.setReadTimeout(30_000);
		connection.setRequestProperty("Authorization", "Bearer " + options.key());
		if (idempotencyKey != null) {
			connection.setRequestProperty("Idempotency-Key", idempotencyKey);
		}
		if (json != null) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			connection.setDoOutput(true);
			connection.setRequestProperty("Content-Type", "application/json");
			connection.setFixedLengthStreamingMode(body.length);
			try (OutputStream out = connection.getOutputStream()) {
				out.write(body);
			}
		}
		int status = connection.getResponseCode();
		// Read to the end, error or not, so that the connection goes back to the pool.
		try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
			return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private URI uri(String path) {
		return options.url().resolve(path);
	}
}
