package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import tools.jackson.databind.JsonNode;

/** A request is applied once per idempotency key, whatever the retries and however many arrive at once. */
@IntegrationTest
class IdempotencyIntegrationTest {

	private static final int THREADS = 20;

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Test
	void replayedEventReturnsTheFirstAnswerAndEarnsOnce() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		String purchase = purchase(memberId, "sale-1", "49.90");

		Api.Response first = event(api, purchase);
		Api.Response replay = event(api, purchase);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(available(api, memberId)).isEqualTo(49);
		assertThat(statement(api, memberId).get("items")).hasSize(1);
		assertBalanced(api);
	}

	@Test
	void replayedAdjustmentReturnsTheFirstAnswerAndMovesPointsOnce() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		String key = UUID.randomUUID().toString();

		Api.Response first = adjust(api, memberId, 30, key);
		Api.Response replay = adjust(api, memberId, 30, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.json()).isEqualTo(first.json());
		assertThat(available(api, memberId)).isEqualTo(30);
	}

	@Test
	void sameTransactionIdWithAnotherAmountIsAConflict() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		assertThat(event(api, purchase(memberId, "sale-1", "49.90")).status()).isEqualTo(201);

		Api.Response conflict = event(api, purchase(memberId, "sale-1", "59.90"));

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
		assertThat(conflict.text("/type")).isEqualTo("/problems/idempotency-key-reused");
		assertThat(available(api, memberId)).isEqualTo(49);
		assertThat(statement(api, memberId).get("items")).hasSize(1);
	}

	@Test
	void sameIdempotencyKeyOnAnotherEndpointIsAConflict() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		String key = UUID.randomUUID().toString();
		assertThat(adjust(api, memberId, 30, key).status()).isEqualTo(201);

		Api.Response conflict = api.post("/api/v1/members", "{\"email\": \"bob@example.com\"}", key);

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
		assertThat(conflict.text("/type")).isEqualTo("/problems/idempotency-key-reused");
	}

	@Test
	void refusedRequestDoesNotConsumeItsKey() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		String key = UUID.randomUUID().toString();

		Api.Response refused = adjust(api, memberId, -50, key);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.text("/type")).isEqualTo("/problems/insufficient-points");
		assertThat(adjust(api, memberId, 80, UUID.randomUUID().toString()).status()).isEqualTo(201);
		Api.Response retried = adjust(api, memberId, -50, key);

		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(available(api, memberId)).isEqualTo(30);
		assertBalanced(api);
	}

	@Test
	void refusedReturnDoesNotConsumeItsTransactionId() {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		assertThat(event(api, purchase(memberId, "sale-1", "20.00")).status()).isEqualTo(201);

		Api.Response refused = event(api, giveBack("ret-1", "25.00"));
		Api.Response retried = event(api, giveBack("ret-1", "5.00"));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(available(api, memberId)).isEqualTo(15);
		assertBalanced(api);
	}

	@Test
	void concurrentIdenticalPurchasesEarnOnceAndAllGetTheSameAnswer() throws Exception {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		String purchase = purchase(memberId, "sale-1", "42.00");

		List<Api.Response> responses = atOnce(() -> event(api, purchase));

		assertThat(responses).allSatisfy(response -> {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.json()).isEqualTo(responses.get(0).json());
		});
		assertThat(responses.stream().filter(response -> response.header("Idempotent-Replayed") == null))
			.as("exactly one request did the work")
			.hasSize(1);
		assertThat(available(api, memberId)).isEqualTo(42);
		assertThat(statement(api, memberId).get("items")).hasSize(1);
		assertBalanced(api);
	}

	@Test
	void concurrentDebitsNeverOverdraw() throws Exception {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		assertThat(adjust(api, memberId, 95, UUID.randomUUID().toString()).status()).isEqualTo(201);

		List<Api.Response> responses = atOnce(() -> adjust(api, memberId, -10, UUID.randomUUID().toString()));

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isIn(201, 422));
		assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(9);
		assertThat(responses.stream().filter(response -> response.status() == 422)).hasSize(THREADS - 9)
			.allSatisfy(response -> assertThat(response.text("/type")).isEqualTo("/problems/insufficient-points"));
		assertThat(responses.stream().filter(response -> response.status() == 201))
			.allSatisfy(response -> assertThat(response.number("/available")).isBetween(5L, 85L));
		assertThat(available(api, memberId)).isEqualTo(5);
		assertThat(statement(api, memberId).get("items")).hasSize(10);
		assertBalanced(api);
	}

	@Test
	void concurrentReturnsOfOnePurchaseNeverRefundMoreThanIt() throws Exception {
		Api api = tenants.create().api();
		String memberId = enrol(api);
		assertThat(event(api, purchase(memberId, "sale-1", "100.00")).status()).isEqualTo(201);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			ids.add("ret-" + i);
		}
		List<String> pending = new ArrayList<>(ids);

		List<Api.Response> responses = atOnce(() -> {
			String id;
			synchronized (pending) {
				id = pending.remove(0);
			}
			return event(api, giveBack(id, "15.00"));
		});

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
			.isIn(201, 422));
		assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(6);
		assertThat(available(api, memberId)).isEqualTo(100 - 90);
		assertBalanced(api);
	}

	/** Runs the request from {@value #THREADS} threads released together, and collects the answers. */
	private static List<Api.Response> atOnce(Callable<Api.Response> request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch ready = new CountDownLatch(THREADS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					start.await();
					return request.call();
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get(60, TimeUnit.SECONDS));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String purchase(String memberId, String transactionId, String amount) {
		return """
				{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
				 "amount": "%s", "currency": "EUR"}""".formatted(transactionId, memberId, clock.instant(), amount);
	}

	private String giveBack(String transactionId, String amount) {
		return """
				{"type": "return", "transactionId": "%s", "originalTransactionId": "sale-1", "occurredAt": "%s",
				 "amount": "%s", "currency": "EUR"}""".formatted(transactionId, clock.instant(), amount);
	}

	private static Api.Response event(Api api, String json) {
		return api.post("/api/v1/events", json, null);
	}

	private static Api.Response adjust(Api api, String memberId, long points, String key) {
		return api.post("/api/v1/members/" + memberId + "/adjustments", """
				{"program": "points", "points": %d, "reason": "test"}""".formatted(points), key);
	}

	private static String enrol(Api api) {
		Api.Response enrolled = api.post("/api/v1/members", "{\"email\": \"ada@example.com\"}");
		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
		return enrolled.text("/id");
	}

	private static long available(Api api, String memberId) {
		Api.Response balances = api.get("/api/v1/members/" + memberId + "/balances");
		assertThat(balances.status()).as(balances.toString()).isEqualTo(200);
		return balances.json().get(0).get("available").asLong();
	}

	private static JsonNode statement(Api api, String memberId) {
		Api.Response statement = api.get("/api/v1/members/" + memberId + "/transactions?limit=200");
		assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
		return statement.json();
	}

	private static void assertBalanced(Api api) {
		Api.Response report = api.get("/api/v1/programs/points/reconciliation");
		assertThat(report.json().get("balanced").asBoolean()).as(report.toString()).isTrue();
	}
}
