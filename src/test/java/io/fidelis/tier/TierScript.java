package io.fidelis.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
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
 * Tier scenarios written as scripts, one step per line, run through the HTTP API of a fresh tenant whose points
 * program earns 1 point per euro:
 *
 * <pre>
 * tiers {"metric": ...}      the points program's ladder, as JSON on one line
 * buy A 50.00 as s1          a purchase of 50.00 EUR by member A (enrolled when first named), remembered as s1
 * return s1 20.00            a refund of 20.00 EUR of purchase s1
 * assign A gold 30 days      an operator puts A in gold for 30 days
 * tick 30 days               the clock moves on (or: tick 1 year, a calendar year in UTC)
 * review                     a run of the review job
 * expect A tier gold         (or: metric 120, points 98, next 30 = what the next tier needs)
 * expect A moves up:silver up:gold down:silver     every TierUpgraded and TierDowngraded of A so far
 * expect A history upgrade:silver grace:gold       the tier history, oldest first
 * </pre>
 */
final class TierScript {

	private final TestTenant tenant;
	private final MutableClock clock;
	private final TierReviewJob reviews;
	private final TierMovesHeard heard;
	private final Map<String, String> members = new HashMap<>();
	private int sales;

	TierScript(TestTenant tenant, MutableClock clock, TierReviewJob reviews, TierMovesHeard heard) {
		this.tenant = tenant;
		this.clock = clock;
		this.reviews = reviews;
		this.heard = heard;
	}

	void run(String script) {
		for (String step : ScriptSteps.of(script)) {
			run(step.split("\\s+"), step);
		}
	}

	private void run(String[] words, String step) {
		switch (words[0]) {
			case "tiers" -> expectStatus(200, step, tenant.api().send("PUT", "/api/v1/programs/points/tiers",
					step.substring("tiers".length()).strip(), Map.of("Idempotency-Key", UUID.randomUUID().toString())));
			case "buy" -> {
				String id = words.length > 3 && words[3].equals("as") ? words[4] : "sale-" + (++sales);
				expectStatus(201, step, tenant.purchase(member(words[1]), id, words[2], clock.instant()));
			}
			case "return" -> expectStatus(201, step,
					tenant.giveBack("return-" + (++sales), words[1], words[2], clock.instant()));
			case "assign" -> expectStatus(200, step, tenant.api().post("/api/v1/members/" + member(words[1]) + "/tier",
					"""
							{"program": "points", "tier": "%s", "reason": "script", "until": "%s"}"""
						.formatted(words[2], clock.instant().plus(duration(words[3], words[4])))));
			case "tick" -> clock.advance(words[2].startsWith("year") ? Duration.between(clock.instant(),
					clock.instant().atZone(ZoneOffset.UTC).plusYears(Long.parseLong(words[1])).toInstant())
					: duration(words[1], words[2]));
			case "review" -> reviews.run(clock.instant());
			case "expect" -> expect(words, step);
			default -> throw new IllegalArgumentException("unknown step: " + step);
		}
	}

	private void expect(String[] words, String step) {
		String member = member(words[1]);
		List<String> values = Arrays.asList(words).subList(3, words.length);
		switch (words[2]) {
			case "tier" -> {
				JsonNode status = status(member, step);
				assertThat(status.path("tier").path("code").asString()).as(step + " -> " + status).isEqualTo(words[3]);
			}
			case "metric" -> assertThat(new BigDecimal(status(member, step).path("metric").path("value").asString()))
				.as(step)
				.isEqualByComparingTo(new BigDecimal(words[3]));
			case "next" -> assertThat(new BigDecimal(status(member, step).path("next").path("needed").asString())).as(step)
				.isEqualByComparingTo(new BigDecimal(words[3]));
			case "points" -> assertThat(tenant.available(member)).as(step).isEqualTo(Long.parseLong(words[3]));
			case "moves" -> assertThat(heard.of(tenant.id(), member)).as(step).isEqualTo(values);
			case "history" -> {
				Api.Response history = tenant.api().get("/api/v1/members/" + member + "/tier-history");
				expectStatus(200, step, history);
				List<String> entries = new ArrayList<>();
				history.json().path("items").forEach(change -> entries.add(0,
						change.path("kind").asString() + ":" + change.path("to").asString()));
				assertThat(entries).as(step + " -> " + history).isEqualTo(values);
			}
			default -> throw new IllegalArgumentException("unknown expectation: " + step);
		}
	}

	private JsonNode status(String member, String step) {
		Api.Response status = tenant.api().get("/api/v1/members/" + member + "/tier?program=points");
		expectStatus(200, step, status);
		return status.json();
	}

	private static Duration duration(String amount, String unit) {
		return unit.startsWith("day") ? Duration.ofDays(Long.parseLong(amount))
				: Duration.ofSeconds(Long.parseLong(amount));
	}

	private static void expectStatus(int status, String step, Api.Response response) {
		assertThat(response.status()).as(step + " -> " + response).isEqualTo(status);
	}

	private String member(String name) {
		return members.computeIfAbsent(name, n -> tenant.enrol("{\"externalId\": \"" + n + "\"}"));
	}
}
