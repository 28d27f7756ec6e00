package io.fidelis.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fidelis.support.Api;
import io.fidelis.support.MutableClock;
import io.fidelis.support.ScriptSteps;
import io.fidelis.support.TestTenants.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Membership scenarios written as scripts, one step per line, run through the HTTP API of a fresh tenant:
 *
 * <pre>
 * plan {"code": "vip", ...}   a membership plan, as JSON on one line
 * tiers {"metric": ...}       the points program's ladder, as JSON on one line
 * start A vip pay-1 9.99      member A (enrolled when first named) starts plan vip, paying 9.99 EUR by payment pay-1,
 *                             reported without an Idempotency-Key (the reference is the key)
 * renew A pay-2 9.99          a renewal of A's membership reported (same way)
 * cancel A now                (or: cancel A at_term_end) the operator cancels A's membership
 * buy A 49.00                 a purchase by A
 * tick 30 days                the clock moves on
 * terms                       a run of the term job
 * expect A status active      (or: tier gold = A's tier in the points program, points 98 = A's available points)
 * expect A history started activated renewed     the history of A's membership, oldest first
 * expect A events started activated renewed      the events heard of A's membership
 * </pre>
 */
final class MembershipScript {

	private final TestTenant tenant;
	private final MutableClock clock;
	private final MembershipTermJob terms;
	private final MembershipChangesHeard heard;
	private final Map<String, String> members = new HashMap<>();
	private final Map<String, String> memberships = new HashMap<>();
	private int sales;

	MembershipScript(TestTenant tenant, MutableClock clock, MembershipTermJob terms, MembershipChangesHeard heard) {
		this.tenant = tenant;
		this.clock = clock;
		this.terms = terms;
		this.heard = heard;
	}

	void run(String script) {
		for (String step : ScriptSteps.of(script)) {
			run(step.split("\\s+"), step);
		}
	}

	private void run(String[] words, String step) {
		switch (words[0]) {
			case "plan" -> expectStatus(201, step,
					tenant.api().post("/api/v1/membership-plans", step.substring("plan".length()).strip()));
			case "tiers" -> expectStatus(200, step, tenant.api().send("PUT", "/api/v1/programs/points/tiers",
					step.substring("tiers".length()).strip(), Map.of("Idempotency-Key", UUID.randomUUID().toString())));
			case "start" -> {
				Api.Response started = tenant.api().post("/api/v1/members/" + member(words[1]) + "/memberships", """
						{"plan": "%s", "paymentReference": "%s", "amount": "%s", "currency": "EUR"}"""
					.formatted(words[2], words[3], words[4]), null);
				expectStatus(201, step, started);
				memberships.put(words[1], started.text("/id"));
			}
			case "renew" -> expectStatus(200, step, tenant.api().post("/api/v1/memberships/" + membership(words[1])
					+ "/renewals", """
							{"paymentReference": "%s", "amount": "%s", "currency": "EUR"}""".formatted(words[2],
							words[3]), null));
			case "cancel" -> expectStatus(200, step, tenant.api().post("/api/v1/memberships/" + membership(words[1])
					+ "/cancel", "{\"effective\": \"" + words[2] + "\"}"));
			case "buy" -> expectStatus(201, step,
					tenant.purchase(member(words[1]), "sale-" + (++sales), words[2], clock.instant()));
			case "tick" -> clock.advance(Duration.ofDays(Long.parseLong(words[1])));
			case "terms" -> terms.run(clock.instant());
			case "expect" -> expect(words, step);
			default -> throw new IllegalArgumentException("unknown step: " + step);
		}
	}

	private void expect(String[] words, String step) {
		List<String> values = Arrays.asList(words).subList(3, words.length);
		switch (words[2]) {
			case "status" -> {
				JsonNode membership = membershipJson(words[1], step);
				assertThat(membership.path("status").asString()).as(step + " -> " + membership).isEqualTo(words[3]);
			}
			case "tier" -> {
				Api.Response status = tenant.api().get("/api/v1/members/" + member(words[1]) + "/tier?program=points");
				expectStatus(200, step, status);
				assertThat(status.text("/tier/code")).as(step + " -> " + status).isEqualTo(words[3]);
			}
			case "points" -> assertThat(tenant.available(member(words[1]))).as(step)
				.isEqualTo(Long.parseLong(words[3]));
			case "history" -> {
				JsonNode membership = membershipJson(words[1], step);
				List<String> kinds = new ArrayList<>();
				membership.path("history").forEach(line -> kinds.add(line.path("kind").asString()));
				assertThat(kinds).as(step + " -> " + membership).isEqualTo(values);
			}
			case "events" -> assertThat(heard.of(membership(words[1]))).as(step).isEqualTo(values);
			default -> throw new IllegalArgumentException("unknown expectation: " + step);
		}
	}

	/** The member's latest membership, as their membership history shows it. */
	JsonNode membershipJson(String member, String step) {
		Api.Response list = tenant.api().get("/api/v1/members/" + member(member) + "/memberships");
		expectStatus(200, step, list);
		for (JsonNode membership : list.json().path("items")) {
			if (membership.path("id").asString().equals(membership(member))) {
				return membership;
			}
		}
		throw new AssertionError(step + ": no membership in " + list);
	}

	String member(String name) {
		return members.computeIfAbsent(name, n -> tenant.enrol("{\"externalId\": \"" + n + "\"}"));
	}

	String membership(String member) {
		String id = memberships.get(member);
		assertThat(id).as("membership of " + member).isNotNull();
		return id;
	}

	private static void expectStatus(int status, String step, Api.Response response) {
		assertThat(response.status()).as(step + " -> " + response).isEqualTo(status);
	}
}
