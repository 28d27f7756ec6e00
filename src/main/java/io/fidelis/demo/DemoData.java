package io.fidelis.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.analytics.KpiReports;
import io.fidelis.earning.Campaigns;
import io.fidelis.earning.EventRequest;
import io.fidelis.earning.Events;
import io.fidelis.earning.Rules;
import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.Limits;
import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.member.Enrolment;
import io.fidelis.member.Member;
import io.fidelis.member.Members;
import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramDefinition;
import io.fidelis.program.Programs;
import io.fidelis.reward.RewardDefinition;
import io.fidelis.reward.Rewards;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.IssuedApiKey;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;
import io.fidelis.tenant.Scope;
import io.fidelis.tenant.Tenant;
import io.fidelis.tenant.Tenants;
import tools.jackson.databind.json.JsonMapper;

/**
 * On a first start with no configuration, a demo tenant to try everything on: a coffee-shop chain with a points
 * program and its rules (a welcome bonus, coffee points, every 10th visit, a double-points-weekends campaign,
 * reviews), 300 members and six months of purchases, returns and reviews, all written through the same services
 * as the API. Its API key is printed once, when it is created.
 */
@Component
class DemoData implements ApplicationRunner {

	static final String SLUG = "demo";
	private static final Logger log = LoggerFactory.getLogger(DemoData.class);
	private static final int MEMBERS = 300;
	private static final int ANONYMOUS_SALES = 400;
	private static final int HISTORY_DAYS = 180;
	private static final String[] FIRST_NAMES = { "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise",
			"Emma", "Hugo", "Lucas", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Paul", "Olivia", "Noah",
			"Sofia", "Liam" };
	private static final String[] LAST_NAMES = { "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
			"Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Smith" };
	private static final String[][] CATALOGUE = { { "ESP-01", "coffee", "2.20" }, { "CAP-01", "coffee", "3.80" },
			{ "LAT-01", "coffee", "4.20" }, { "CRO-01", "bakery", "1.40" }, { "PAC-01", "bakery", "1.60" },
			{ "SAN-01", "lunch", "7.90" }, { "SAL-01", "lunch", "9.50" }, { "BEA-01", "beans", "14.00" },
			{ "MUG-01", "merchandise", "12.00" } };
	private static final String[] STORES = { "paris-bastille", "paris-opera", "lyon-part-dieu", "web" };
	private static final Map<Role, String> NAMES_BY_ROLE = Map.of(Role.OWNER, "Odile Owner", Role.MANAGER,
			"Marc Manager", Role.MARKETER, "Maëlle Marketer", Role.ANALYST, "Anouk Analyst", Role.CASHIER,
			"Cyril Cashier");
	private static final SecureRandom PASSWORDS = new SecureRandom();

	private final Tenants tenants;
	private final ApiKeys apiKeys;
	private final Operators operators;
	private final KpiReports kpis;
	private final Programs programs;
	private final Members members;
	private final Rules rules;
	private final Campaigns campaigns;
	private final Events events;
	private final Rewards rewards;
	private final JsonMapper json;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final boolean enabled;
	private final boolean bootstrapConfigured;

	DemoData(Tenants tenants, ApiKeys apiKeys, Operators operators, KpiReports kpis, Programs programs,
			Members members, Rules rules, Campaigns campaigns, Events events, Rewards rewards, JsonMapper json,
			TransactionTemplate transactions, Clock clock, @Value("${fidelis.demo.enabled:true}") boolean enabled,
			@Value("${fidelis.bootstrap.tenant:}") String bootstrapTenant) {
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.operators = operators;
		this.kpis = kpis;
		this.programs = programs;
		this.members = members;
		this.rules = rules;
		this.campaigns = campaigns;
		this.events = events;
		this.rewards = rewards;
		this.json = json;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
		this.bootstrapConfigured = !bootstrapTenant.isBlank();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled || bootstrapConfigured) {
			return;
		}
		if (tenants.findBySlug(SLUG).isPresent()) {
			log.info("Demo tenant '{}' is ready; its API key was printed when it was created "
					+ "(delete the data directory to start afresh)", SLUG);
			return;
		}
		long started = System.nanoTime();
		Seeded seeded = transactions.execute(tx -> seed());
		// The dashboard's first look shows the six months seeded, not what the roll-up job would find minutes later.
		kpis.refresh(tenants.findBySlug(SLUG).orElseThrow().id());
		log.info("Demo tenant '{}' created in {} ms", SLUG, Duration.ofNanos(System.nanoTime() - started).toMillis());
		StringBuilder logIns = new StringBuilder();
		seeded.passwords().forEach((email, password) -> logIns.append("      %-28s %s%n".formatted(email, password)));
		System.out.println("""

				  Fidelis demo tenant '%s' is ready. Its API key, shown this once:

				      %s

				  Try:  curl -H 'Authorization: Bearer %s' http://localhost:8080/api/v1/programs

				  The back-office, http://localhost:8080/admin, with an operator of each role (passwords shown this once):

				%s""".formatted(SLUG, seeded.key().key(), seeded.key().key(), logIns));
	}

	/** What the seeding made that is shown once: the API key and the operators' passwords by e-mail address. */
	private record Seeded(IssuedApiKey key, Map<String, String> passwords) {
	}

	private Seeded seed() {
		Random random = new Random(42);
		Tenant tenant = tenants.create(SLUG, "Café Fidelis", Currency.getInstance("EUR"), "FR");
		TenantId id = tenant.id();
		Program points = programs.get(id, Programs.DEFAULT_CODE);
		points = programs.update(id, points.code(), new ProgramDefinition(points.code(), "Café Fidelis Points",
				points.kind(), points.currency(), new BigDecimal("0.01"),
				new ExpiryPolicy(ExpiryPolicy.Rule.MONTHS_AFTER_EARNING, 12), 30, 14, false,
				ZoneId.of("Europe/Paris")));
		IssuedApiKey key = apiKeys.issue(id, "demo", Scope.all(), null);
		Instant now = clock.instant();
		rules(id, points, now);
		rewards(id, points);

		List<Member> enrolled = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
			String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
			LocalDate birthDate = random.nextInt(3) == 0 ? null
					: LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
			enrolled.add(members.enrol(id, new Enrolment("crm-" + (10_000 + i),
					first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + i + "@example.com",
					"+3361234" + String.format("%04d", i), first, last, birthDate, random.nextInt(4) == 0 ? "en" : "fr",
					random.nextBoolean(), null)));
		}
		int sale = 0;
		for (Member member : enrolled) {
			if (random.nextInt(4) == 0) {
				events.submit(id, null, new EventRequest.Activity("review", "demo-review-" + member.id(),
						new EventRequest.Member(member.id().value(), null, null, null, null), null,
						randomTime(random, now).atOffset(ZoneOffset.UTC), Map.of("rating", 1 + random.nextInt(5)), null,
						"web", null, Map.of()));
			}
			int purchases = random.nextInt(13);
			for (int p = 0; p < purchases; p++) {
				String transactionId = "demo-sale-" + (++sale);
				BigDecimal total = purchase(id, transactionId,
						new EventRequest.Member(member.id().value(), null, null, null, null), randomTime(random, now),
						random);
				if (random.nextInt(20) == 0) {
					BigDecimal refund = total.min(new BigDecimal("2.20"));
					events.submit(id, null, new EventRequest.Return("demo-return-" + sale, transactionId, null,
							now.atOffset(ZoneOffset.UTC), refund, "EUR", STORES[0]));
				}
			}
		}
		for (int i = 0; i < ANONYMOUS_SALES; i++) {
			purchase(id, "demo-sale-" + (++sale), null, randomTime(random, now), random);
		}
		log.info("Seeded {} members and {} sales", MEMBERS, sale);
		return new Seeded(key, operators(id));
	}

	/** An operator of each role, {@code <role>@demo.fidelis.example}, with a random password. */
	private Map<String, String> operators(TenantId tenant) {
		Map<String, String> passwords = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			String email = role.code() + "@demo.fidelis.example";
			String password = randomPassword();
			operators.create(tenant, email, NAMES_BY_ROLE.get(role), role, password);
			passwords.put(email, password);
		}
		return passwords;
	}

	private static String randomPassword() {
		byte[] secret = new byte[12];
		PASSWORDS.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The rules a coffee chain would run, beside the base rate every program starts with. */
	private void rules(TenantId tenant, Program points, Instant now) {
		campaigns.create(tenant, points, new Campaigns.Terms("double-weekends", "Double points weekends",
				"Every point counts twice on Saturdays and Sundays", now.minus(Duration.ofDays(HISTORY_DAYS)),
				now.plus(Duration.ofDays(90)), 200_000L, null));
		List.of(new RuleDefinition("Welcome bonus", "100 points for joining", "signup", null,
				new Effect.FixedPoints(100L), null, null, null, null, 10, null, null),
				new RuleDefinition("Coffee lover", "2 extra points per coffee, up to 40 a month", RuleCompiler.PURCHASE,
						new Conditions(null, null, new Conditions.Items(null, List.of("coffee"), null, null), null,
								null, null, null, null, null, null, null, null, null, null, null),
						new Effect.PointsPerItem(2L), null,
						new Limits(List.of(new Limits.PerMember(Limits.Period.MONTH, null, 40L)), null), null, null,
						110, null, null),
				new RuleDefinition("Every 10th visit", "50 points on every 10th purchase", RuleCompiler.PURCHASE,
						new Conditions(null, null, null, null, null, null, null, null,
								new Conditions.NthPurchase(10, null), null, null, null, null, null, null),
						new Effect.FixedPoints(50L), null, null, null, null, 120, null, null),
				new RuleDefinition("Weekend double", "Twice the points on weekends", RuleCompiler.PURCHASE,
						new Conditions(null, null, null, null, null,
								List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, null, null, null, null, null, null, null, null),
						new Effect.Multiplier(new BigDecimal("2"), null), null, null, null, null, 200, null,
						"double-weekends"),
				new RuleDefinition("Review", "20 points per review, once a month", "review", null,
						new Effect.FixedPoints(20L), null,
						new Limits(List.of(new Limits.PerMember(Limits.Period.MONTH, 1L, null)), null), null, null, 100,
						null, null))
			.forEach(rule -> this.rules.create(tenant, points, rule, "demo"));
	}

	/** A coffee chain's catalog: a discount, a free coffee, a tasting evening, a mug to send home. */
	private void rewards(TenantId tenant, Program points) {
		List.of("""
				{"code": "five-off", "type": "discount_voucher", "cost": 500,
				 "discount": {"kind": "fixed", "amount": "5.00"},
				 "voucher": {"prefix": "CF-", "length": 10, "validDays": 60, "minBasket": "15.00"},
				 "texts": {"en": {"name": "5 EUR off", "description": "On a basket of 15 EUR or more"},
				           "fr": {"name": "5 EUR de remise", "description": "Dès 15 EUR d'achat"}}}""", """
				{"code": "free-coffee", "type": "free_product", "sku": "CAP-01", "cost": 350,
				 "voucher": {"prefix": "CF-", "validDays": 30},
				 "texts": {"en": {"name": "A free cappuccino"}, "fr": {"name": "Un cappuccino offert"}}}""", """
				{"code": "tasting-night", "type": "experience", "cost": 1500, "stock": 24, "perMemberLimit": 2,
				 "experience": {"startsAt": "%s", "venue": "Café Fidelis, Paris Bastille"},
				 "texts": {"en": {"name": "Coffee tasting night"}, "fr": {"name": "Soirée dégustation"}}}"""
			.formatted(clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS)), """
				{"code": "mug", "type": "physical_gift", "cost": 2500, "stock": 100,
				 "texts": {"en": {"name": "The Café Fidelis mug"}, "fr": {"name": "Le mug Café Fidelis"}}}""")
			.forEach(reward -> {
				RewardDefinition definition = json.readValue(reward, RewardDefinition.class);
				this.rewards.create(tenant, points, definition.code(), definition);
			});
	}

	/** Sends a purchase of a random basket and returns its total. */
	private BigDecimal purchase(TenantId tenant, String transactionId, EventRequest.Member member, Instant at,
			Random random) {
		List<EventRequest.Item> items = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int line = 0, lines = 1 + random.nextInt(4); line < lines; line++) {
			String[] product = CATALOGUE[random.nextInt(CATALOGUE.length)];
			BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(3));
			BigDecimal price = new BigDecimal(product[2]);
			items.add(new EventRequest.Item(product[0], product[1], quantity, price));
			total = total.add(price.multiply(quantity));
		}
		String store = STORES[random.nextInt(STORES.length)];
		events.submit(tenant, store, new EventRequest.Purchase(transactionId, member, at.atOffset(ZoneOffset.UTC),
				total.setScale(2, RoundingMode.UNNECESSARY), "EUR", items, store, store.equals("web") ? "web" : "store",
				null));
		return total;
	}

	private static Instant randomTime(Random random, Instant now) {
		return now.minus(Duration.ofMinutes(random.nextInt(HISTORY_DAYS * 24 * 60)));
	}
}
