package io.fidelis.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final Options options;
	private String[] memberIds;
	private String currency;

	private LoadGenerator(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		new LoadGenerator(options).run();
	}

	/** What to run: {@code --url --key --clients --seconds --warmup --members --mix --out}. */
	record Options(URI url, String key, int clients, int seconds, int warmupSeconds, int members,
			Map<Operation, Integer> mix, Path out) {

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
					Integer.parseInt(given.getOrDefault("members", "10000")), mix,
					Path.of(given.getOrDefault("out", "target/load.json")));
		}
	}

	enum Operation {
		PURCHASE, BALANCE, REDEMPTION
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
		System.out.printf("%d members ready; warming up for %d s%n", memberIds.length, options.warmupSeconds());
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
		int member = ThreadLocalRandom.current().nextInt(memberIds.length);
		return switch (operation) {
			case PURCHASE -> post("/api/v1/events", purchase(member), null);
			case BALANCE -> request(HttpRequest.newBuilder(uri("/api/v1/members/" + memberIds[member] + "/balances"))
				.GET()).statusCode();
			case REDEMPTION -> post("/api/v1/members/" + memberIds[member] + "/redemptions",
					"{\"reward\": \"" + REWARD + "\"}", UUID.randomUUID().toString());
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
		String[] ids = new String[options.members()];
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
		HttpResponse<String> enrolled = request(HttpRequest.newBuilder(uri("/api/v1/members"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "load-enrol-" + member)
			.POST(HttpRequest.BodyPublishers.ofString("{\"externalId\": \"load-" + member + "\"}")));
		if (enrolled.statusCode() == 201 || enrolled.statusCode() == 200) {
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
			figures.put("p50Ms", millis(percentile(nanos, 0.50)));
			figures.put("p95Ms", millis(percentile(nanos, 0.95)));
			figures.put("p99Ms", millis(percentile(nanos, 0.99)));
			figures.put("maxMs", millis(nanos.length == 0 ? 0 : nanos[nanos.length - 1]));
			figures.put("errors", errors);
			operations.put(entry.getKey().name().toLowerCase(Locale.ROOT), figures);
			System.out.printf("%-11s %10d %9d %8.2f %8.2f %8.2f %8.2f %7d%n", entry.getKey().name().toLowerCase(Locale.ROOT),
					nanos.length, figures.get("perSecond"), figures.get("p50Ms"), figures.get("p95Ms"),
					figures.get("p99Ms"), figures.get("maxMs"), errors);
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
		HttpResponse<String> response = request(HttpRequest.newBuilder(uri(path)).GET());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body());
	}

	private int post(String path, String json, String idempotencyKey) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request(request).statusCode();
	}

	private HttpResponse<String> request(HttpRequest.Builder request) throws IOException {
		try {
			return http.send(request.header("Authorization", "Bearer " + options.key())
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IOException(interrupted);
		}
	}

	private URI uri(String path) {
		return options.url().resolve(path);
	}
}
