package io.fidelis.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

import io.fidelis.shared.TenantId;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.Scope;
import io.fidelis.tenant.Tenant;
import io.fidelis.tenant.Tenants;
import tools.jackson.databind.JsonNode;

/** Creates a fresh tenant per test, with an API key of every scope, so tests never see each other's data. */
@TestComponent
public class TestTenants {

	private final Tenants tenants;
	private final ApiKeys apiKeys;
	private final Environment environment;

	TestTenants(Tenants tenants, ApiKeys apiKeys, Environment environment) {
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.environment = environment;
	}

	/** The service's address; known once its web server has started, after this bean was made. */
	public URI base() {
		return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + "/");
	}

	/** A tenant with the default points program (EUR, one point per euro, available at once, no expiry). */
	public TestTenant create() {
		Tenant tenant = tenants.create("t-" + UUID.randomUUID().toString().substring(0, 30), "Test shop",
				Currency.getInstance("EUR"), "FR");
		String key = apiKeys.issue(tenant.id(), "test", Scope.all(), null).key();
		return new TestTenant(tenant.id(), new Api(base(), key));
	}

	public Api anonymous() {
		return new Api(base(), null);
	}

	/** The line of the rule of this name in an explanation's {@code rules}: its verdict on the event. */
	public static JsonNode verdict(JsonNode explanation, String rule) {
		for (JsonNode line : explanation.path("rules")) {
			if (line.path("rule").asString().equals(rule)) {
				return line;
			}
		}
		throw new AssertionError("no verdict of rule '" + rule + "' in " + explanation);
	}

	/** The names of the rules an explanation lists, in the order they were evaluated. */
	public static List<String> ruleNames(JsonNode explanation) {
		List<String> names = new ArrayList<>();
		explanation.path("rules").forEach(line -> names.add(line.path("rule").asString()));
		return names;
	}

	/**
	 * A tenant and its API key, with the shortcuts tests of the HTTP API share. Events go without an
	 * Idempotency-Key, as tills send them: their transactionId is the key.
	 */
	public record TestTenant(TenantId id, Api api) {

		/** Enrols a member from this JSON, expecting 201, and returns the member's id. */
		public String enrol(String json) {
			Api.Response enrolled = api.post("/api/v1/members", json);
			assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
			return enrolled.text("/id");
		}

		/** Enrols a member and credits them this many points by an adjustment; returns the member's id. */
		public String memberWith(long points) {
			String member = enrol("{}");
			if (points > 0) {
				Api.Response credited = adjust(member, "points", points, "test balance");
				assertThat(credited.status()).as(credited.toString()).isEqualTo(201);
			}
			return member;
		}

		/** Creates a rule in the points program from this JSON, expecting 201, and returns the rule's id. */
		public String rule(String json) {
			return rule("points", json);
		}

		/** Creates a rule in the program of this code from this JSON, expecting 201, and returns the rule's id. */
		public String rule(String program, String json) {
			Api.Response created = api.post("/api/v1/programs/" + program + "/rules", json);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			return created.text("/id");
		}

		/** Creates a campaign in the points program from this JSON, expecting 201. */
		public void campaign(String json) {
			Api.Response created = api.post("/api/v1/programs/points/campaigns", json);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}

		/** Posts this event as it is, without Idempotency-Key. */
		public Api.Response event(String json) {
			return api.post("/api/v1/events", json, null);
		}

		/** Posts a purchase in EUR by this member; the amount is a decimal such as {@code 49.90}. */
		public Api.Response purchase(String memberId, String transactionId, String amount, Instant occurredAt) {
			return event("""
					{"type": "purchase", "transactionId": "%s", "member": {"id": "%s"}, "occurredAt": "%s",
					 "amount": "%s", "currency": "EUR"}""".formatted(transactionId, memberId, occurredAt, amount));
		}

		/** Posts a return in EUR of part or all of the purchase {@code originalTransactionId}. */
		public Api.Response giveBack(String transactionId, String originalTransactionId, String amount,
				Instant occurredAt) {
			return event("""
					{"type": "return", "transactionId": "%s", "originalTransactionId": "%s", "occurredAt": "%s",
					 "amount": "%s", "currency": "EUR"}"""
				.formatted(transactionId, originalTransactionId, occurredAt, amount));
		}

		/** Posts an operator's credit (points above zero) or debit (below zero) of the member's balance. */
		public Api.Response adjust(String memberId, String program, long points, String reason) {
			return api.post("/api/v1/members/" + memberId + "/adjustments", """
					{"program": "%s", "points": %d, "reason": "%s"}""".formatted(program, points, reason));
		}

		/** Changes the settings of the default points program, expecting 200. */
		public void patchProgram(String json) {
			Api.Response patched = api.patch("/api/v1/programs/points", json);
			assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		}

		/** The member's balance in the points program. */
		public JsonNode balance(String memberId) {
			return balance(memberId, "points");
		}

		/** The member's balance in the program of this code. */
		public JsonNode balance(String memberId, String program) {
			Api.Response balances = api.get("/api/v1/members/" + memberId + "/balances");
			assertThat(balances.status()).as(balances.toString()).isEqualTo(200);
			for (JsonNode balance : balances.json()) {
				if (balance.get("program").asString().equals(program)) {
					return balance;
				}
			}
			throw new AssertionError("no balance in " + program + ": " + balances);
		}

		/** The points the member may spend now in the points program. */
		public long available(String memberId) {
			return balance(memberId).get("available").asLong();
		}

		/** The member's statement, newest line first. */
		public JsonNode statement(String memberId) {
			return statement(memberId, "");
		}

		/** The member's statement with this query string, such as {@code ?limit=2}. */
		public JsonNode statement(String memberId, String query) {
			Api.Response statement = api.get("/api/v1/members/" + memberId + "/transactions" + query);
			assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
			return statement.json();
		}

		/** The reconciliation report of the points program. */
		public JsonNode reconciliation() {
			Api.Response report = api.get("/api/v1/programs/points/reconciliation");
			assertThat(report.status()).as(report.toString()).isEqualTo(200);
			return report.json();
		}

		/** The points program's ledger reconciles: balanced, with no discrepancy. */
		public void assertBalanced() {
			JsonNode report = reconciliation();
			assertThat(report.get("balanced").asBoolean()).as(report.toString()).isTrue();
			assertThat(report.get("discrepancies").isEmpty()).as(report.toString()).isTrue();
		}
	}
}
