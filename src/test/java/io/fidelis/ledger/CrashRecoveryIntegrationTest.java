package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.fidelis.support.Api;
import io.fidelis.support.ServiceProcess;
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
	private static final String KEY = ServiceProcess.newKey();

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

		ServiceProcess service = start(dataDir, tenant);
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

		ServiceProcess restarted = start(dataDir, tenant);
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

	/** On this run's PostgreSQL database, or on H2 a file database of its own in {@code dataDir}. */
	private static ServiceProcess start(Path dataDir, String tenant) throws IOException, InterruptedException {
		Map<String, String> environment = new HashMap<>();
		TestDatabase.postgresUrl().ifPresent(url -> {
			environment.put("FIDELIS_DB_URL", url);
			environment.put("FIDELIS_DB_USER", "postgres");
		});
		return ServiceProcess.start(dataDir, tenant, KEY, environment);
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
}
