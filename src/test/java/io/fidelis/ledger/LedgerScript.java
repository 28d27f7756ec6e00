package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.fidelis.support.Api;
import io.fidelis.support.MutableClock;
import io.fidelis.support.ScriptSteps;

/**
 * Ledger scenarios written as scripts, one step per line, run through the HTTP API of a fresh tenant:
 *
 * <pre>
 * program pendingDays=14 allowNegativeBalance=true expiry=months_after_earning:12
 * rule {"name": "Bonus", "trigger": "purchase", ...}   an earning rule of the points program, as JSON on one line
 * enrol A                 member A joins (members are otherwise enrolled when a step first names them)
 * earn A 50.00 as s1      a purchase of 50.00 EUR by member A, remembered as s1 (… fails member-blocked)
 * return s1 20.00         a refund of 20.00 EUR of purchase s1
 * adjust A -30            a manual debit (or +30, a credit)
 * adjust A -500 fails insufficient-points
 * hold A 30 as h1       a checkout hold of 30 points of A, for 60 seconds, remembered as h1
 * capture h1 20          spends 20 of the hold (without a number: all of it); release h1 gives it all back
 * merge B into A         member B, a duplicate, merged into member A (… fails merge-refused)
 * block A                 an operator blocks A; unblock A lifts it
 * tick 30 days           (or: tick 61 seconds)
 * expire                  an expiry run
 * activate                an activation run
 * expect A available 20   (or pending, held)
 * expect balanced         the reconciliation finds nothing
 * </pre>
 */
final class LedgerScript {

	private final Api api;
	private final MutableClock clock;
	private final Map<String, String> members = new HashMap<>();
	private final Map<String, String> holds = new HashMap<>();
	private final Map<String, Runnable> extraSteps = new HashMap<>();
	private int sales;

	LedgerScript(Api api, MutableClock clock) {
		this.api = api;
		this.clock = clock;
	}

	/** Adds a step of one word that runs {@code action}: a job a test wants to run at a point of the script. */
	LedgerScript with(String step, Runnable action) {
		extraSteps.put(step, action);
		return this;
	}

	void run(String script) {
		for (String step : ScriptSteps.of(script)) {
			run(step.split("\\s+"), step);
		}
	}

	private void run(String[] words, String step) {
		switch (words[0]) {
			case "program" -> program(words, step);
			case "rule" -> expectStatus(201, step,
					post("/api/v1/programs/points/rules", step.substring("rule".length()).strip()));
			case "enrol" -> member(words[1]);
			case "earn" -> {
				boolean named = words.length > 3 && words[3].equals("as");
				String id = named ? words[4] : "sale-" + (++sales);
				expectOutcome(words, named ? 5 : 3, step, post("/api/v1/events", """
						{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"},
						 "occurredAt": "%s", "amount": "%s", "currency": "EUR"}"""
					.formatted(id, member(words[1]), clock.instant(), words[2])));
			}
			case "return" -> expectOutcome(words, 3, step, post("/api/v1/events", """
					{"type": "return", "transactionId": "return-%d", "originalTransactionId": "%s",
					 "occurredAt": "%s", "amount": "%s", "currency": "EUR"}"""
				.formatted(++sales, words[1], clock.instant(), words[2])));
			case "adjust" -> expectOutcome(words, 3, step, post("/api/v1/members/" + member(words[1]) + "/adjustments",
					"{\"program\": \"points\", \"points\": %d, \"reason\": \"script\"}"
						.formatted(Long.parseLong(words[2]))));
			case "hold" -> {
				Api.Response held = post("/api/v1/members/" + member(words[1]) + "/holds",
						"{\"program\": \"points\", \"points\": %s, \"timeoutSeconds\": 60}".formatted(words[2]));
				boolean named = words.length > 4 && words[3].equals("as");
				expectOutcome(words, named ? 5 : 3, step, held);
				if (named && held.status() == 201) {
					holds.put(words[4], held.text("/id"));
				}
			}
			case "capture" -> {
				boolean partly = words.length > 2 && !words[2].equals("fails");
				expectOutcome(words, partly ? 3 : 2, step, post("/api/v1/holds/" + holds.get(words[1]) + "/capture",
						partly ? "{\"points\": " + words[2] + "}" : null), 200);
			}
			case "release" -> expectOutcome(words, 2, step,
					post("/api/v1/holds/" + holds.get(words[1]) + "/release", null), 200);
			case "merge" -> expectOutcome(words, 4, step, post("/api/v1/members/" + member(words[3]) + "/merges",
					"{\"duplicate\": \"%s\"}".formatted(member(words[1]))), 200);
			case "block" -> expectStatus(200, step,
					post("/api/v1/members/" + member(words[1]) + "/block", "{\"reason\": \"script\"}"));
			case "unblock" -> expectStatus(200, step, post("/api/v1/members/" + member(words[1]) + "/unblock", null));
			case "tick" -> clock.advance(words.length > 2 && words[2].startsWith("second")
					? Duration.ofSeconds(Long.parseLong(words[1])) : Duration.ofDays(Long.parseLong(words[1])));
			case "expire" -> expectStatus(201, step, post("/api/v1/programs/points/expiry-runs", null));
			case "activate" -> expectStatus(201, step, post("/api/v1/programs/points/activation-runs", null));
			case "expect" -> expect(words, step);
			default -> {
				if (!extraSteps.containsKey(step)) {
					throw new IllegalArgumentException("unknown step: " + step);
				}
				extraSteps.get(step).run();
			}
		}
	}

	private void program(String[] words, String step) {
		StringBuilder settings = new StringBuilder();
		for (int i = 1; i < words.length; i++) {
			String[] setting = words[i].split("=", 2);
			String value = setting[0].equals("expiry")
					? "{\"policy\": \"%s\", \"period\": %s}".formatted(setting[1].split(":")[0], setting[1].split(":")[1])
					: setting[1];
			settings.append(settings.isEmpty() ? "" : ", ").append('"').append(setting[0]).append("\": ").append(value);
		}
		expectStatus(200, step, api.patch("/api/v1/programs/points", "{" + settings + "}"));
	}

	private void expect(String[] words, String step) {
		if (words[1].equals("balanced")) {
			Api.Response report = api.get("/api/v1/programs/points/reconciliation");
			assertThat(report.text("/balanced")).as(step + " -> " + report).isEqualTo("true");
			return;
		}
		Api.Response balances = api.get("/api/v1/members/" + member(words[1]) + "/balances");
		assertThat(balances.number("/0/" + words[2])).as(step + " -> " + balances).isEqualTo(Long.parseLong(words[3]));
	}

	/** {@code ... fails <problem>} expects that problem; otherwise the step must succeed. */
	private static void expectOutcome(String[] words, int failsAt, String step, Api.Response response) {
		expectOutcome(words, failsAt, step, response, 201);
	}

	private static void expectOutcome(String[] words, int failsAt, String step, Api.Response response,
			int success) {
		if (words.length > failsAt && words[failsAt].equals("fails")) {
			assertThat(response.status()).as(step + " -> " + response).isBetween(400, 499);
			assertThat(response.text("/type")).as(step).isEqualTo("/problems/" + words[failsAt + 1]);
		}
		else {
			expectStatus(success, step, response);
		}
	}

	private static void expectStatus(int status, String step, Api.Response response) {
		assertThat(response.status()).as(step + " -> " + response).isEqualTo(status);
	}

	private Api.Response post(String path, String json) {
		return api.post(path, json);
	}

	private String member(String name) {
		return members.computeIfAbsent(name, n -> {
			Api.Response enrolled = api.post("/api/v1/members", "{\"externalId\": \"" + n + "\"}");
			expectStatus(201, "enrol " + n, enrolled);
			return enrolled.text("/id");
		});
	}
}
