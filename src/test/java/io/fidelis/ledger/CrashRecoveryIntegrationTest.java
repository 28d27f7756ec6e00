package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fidelis.FidelisApplication;
import io.fidelis.support.Api;
import io.fidelis.support.TestDatabase;

/**
 * The service killed with SIGKILL in the middle of a load of purchases, restarted, and sent every purchase again with
 * its transaction id: each purchase earns exactly once, the balances are the expected ones to the point, and the
 * reconciliation finds nothing. The service runs as a separate process on this run's PostgreSQL database (or, on H2,
 * on a file database of its own).
 */
class CrashRecoveryIntegrationTest {

	private static final int MEMBERS = 20;
	private static final int PURCHASES = 1200;
	private static final int CLIENTS = 8;
	private static final String KEY = "fid_crash" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
			+ "0000000000000";

	@Test
	void everyPurchaseEarnsOnceAcrossACrashAndAReplay() throws Exception {
		Path dataDir = Files.createTempDirectory("fidelis-crash");
		String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		Random random = new Random(7);
		List<String> purchases = new ArrayList<>();
		Map<Integer, Long> expected = new HashMap<>();
		for (int i = 0; i < PURCHASES; i++) {
			int member = i % MEMBERS;
			int cents = 100 + random.nextInt(20_000);
			purchases.add("""
					{"type": "purchase", "transactionId": "crash-%s-%d", "member": {"externalId": "m-%d"},
					 "occurredAt": "%s", "amount": "%d.%02d", "currency": "EUR"}"""
				.formatted(tenant, i, member, Instant.now(), cents / 100, cents % 100));
			// The base rule of a new tenant: 1 point per full 1.00.
			expected.merge(member, (long) cents / 100, Long::sum);
		}

		Service service = Service.start(dataDir, tenant);
		List<String> members = enrol(service.api());
		AtomicInteger sent = new AtomicInteger();
		Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> load = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			load.add(clients.submit(() -> {
				for (int i = client; i < PURCHASES; i += CLIENTS) {
					if (service.api().post("/api/v1/events", purchases.get(i), null).status() == 201) {
						acknowledged.add(i);
					}
					sent.incrementAndGet();
				}
				return null;
			}));
		}
		while (sent.get() < PURCHASES / 2) {
			Thread.sleep(10);
		}
		service.kill();
		for (Future<?> client : load) {
			try {
				client.get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException refused) {
				// Requests in flight when the service died fail; the replay below sends them again.
			}
		}
		clients.shutdown();

		Service restarted = Service.start(dataDir, tenant);
		try {
			ExecutorService replay = Executors.newFixedThreadPool(CLIENTS);
			List<Future<Api.Response>> answers = new ArrayList<>();
			for (String purchase : purchases) {
				answers.add(replay.submit(() -> restarted.api().post("/api/v1/events", purchase, null)));
			}
			assertThat(acknowledged).as("purchases acknowledged before the crash").isNotEmpty();
			for (int i = 0; i < PURCHASES; i++) {
				Api.Response answer = answers.get(i).get();
				assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
				if (acknowledged.contains(i)) {
					assertThat(answer.header("Idempotent-Replayed")).as("acknowledged before the crash, so kept")
						.isEqualTo("true");
				}
			}
			replay.shutdown();

			for (int member = 0; member < MEMBERS; member++) {
				String id = members.get(member);
				Api.Response balances = restarted.api().get("/api/v1/members/" + id + "/balances");
				assertThat(balances.number("/0/available")).as("member " + member).isEqualTo(expected.get(member));
				Api.Response statement = restarted.api().get("/api/v1/members/" + id + "/transactions?limit=200");
				assertThat(statement.json().get("items")).as("one earn per purchase")
					.hasSize(PURCHASES / MEMBERS);
			}
			Api.Response reconciliation = restarted.api().get("/api/v1/programs/points/reconciliation");
			assertThat(reconciliation.text("/balanced")).as(reconciliation.toString()).isEqualTo("true");
		}
		finally {
			restarted.stop();
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
			}
		}
	}

	private static List<String> enrol(Api api) {
		List<String> ids = new ArrayList<>();
		for (int member = 0; member < MEMBERS; member++) {
			Api.Response enrolled = api.post("/api/v1/members", "{\"externalId\": \"m-" + member + "\"}",
					"enrol-" + member);
			assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
			ids.add(enrolled.text("/id"));
		}
		return ids;
	}

	/** The service as a process of its own, on this test's classpath. */
	private record Service(Process process, Api api) {

		static Service start(Path dataDir, String tenant) throws IOException, InterruptedException {
			int port;
			try (ServerSocket free = new ServerSocket(0)) {
				port = free.getLocalPort();
			}
			String java = ProcessHandle.current().info().command().orElse("java");
			ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					FidelisApplication.class.getName())
				.redirectErrorStream(true)
				.redirectOutput(dataDir.resolve("service.log").toFile());
			Map<String, String> environment = builder.environment();
			environment.put("SERVER_PORT", Integer.toString(port));
			environment.put("FIDELIS_DATA_DIR", dataDir.toString());
			environment.put("FIDELIS_BOOTSTRAP_TENANT", tenant);
			environment.put("FIDELIS_BOOTSTRAP_API_KEY", KEY);
			environment.put("FIDELIS_JOBS_ENABLED", "false");
			TestDatabase.postgresUrl().ifPresent(url -> {
				environment.put("FIDELIS_DB_URL", url);
				environment.put("FIDELIS_DB_USER", "postgres");
			});
			Process process = builder.start();
			Api api = new Api(URI.create("http://127.0.0.1:" + port + "/"), KEY);
			Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
			while (true) {
				try {
					if (api.get("/actuator/health").status() == 200) {
						return new Service(process, api);
					}
				}
				catch (IllegalStateException notYet) {
					// Not listening yet.
				}
				if (!process.isAlive() || Instant.now().isAfter(deadline)) {
					process.destroyForcibly();
					throw new IllegalStateException("the service did not start; see " + dataDir.resolve("service.log"));
				}
				Thread.sleep(200);
			}
		}

		/** SIGKILL: no shutdown hook, no connection closed, no transaction finished. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		void stop() throws InterruptedException {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}
}
