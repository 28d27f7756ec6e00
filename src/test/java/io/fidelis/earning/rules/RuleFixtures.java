package io.fidelis.earning.rules;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import io.fidelis.member.Labels;
import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.TenantId;

/** Programs, rules and effects for the rules engine's tests, each written in a line. */
final class RuleFixtures {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");
	static final Currency EUR = Currency.getInstance("EUR");
	/** When rules are created unless a test says otherwise. */
	static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private RuleFixtures() {
	}

	static Program program(ProgramKind kind) {
		return program(kind, EUR);
	}

	static Program program(ProgramKind kind, Currency currency) {
		return new Program(new ProgramId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), kind.unit(), "Program",
				kind, currency, new BigDecimal("0.01"), ExpiryPolicy.NEVER, 0, 0, false, PARIS, Instant.EPOCH,
				Instant.EPOCH);
	}

	static RuleBuilder rule(String name) {
		return new RuleBuilder(name);
	}

	static Effect.FixedPoints fixed(long points) {
		return new Effect.FixedPoints(points);
	}

	/** {@code points} per 1.00, rounded down. */
	static Effect.PointsPerAmount perAmount(String points) {
		return perAmount(points, null, null);
	}

	static Effect.PointsPerAmount perAmount(String points, String per, Rounding rounding) {
		return new Effect.PointsPerAmount(new BigDecimal(points), per == null ? null : new BigDecimal(per), rounding,
				null);
	}

	/** {@code points} per full {@code per}. */
	static Effect.PointsPerAmount perFull(String points, String per) {
		return new Effect.PointsPerAmount(new BigDecimal(points), new BigDecimal(per), null, true);
	}

	static Effect.Multiplier multiplier(String factor, Rounding rounding) {
		return new Effect.Multiplier(new BigDecimal(factor), rounding);
	}

	static Effect.PointsPerItem perItem(long points) {
		return new Effect.PointsPerItem(points);
	}

	static Effect.Stamps stamps(long stamps) {
		return new Effect.Stamps(stamps);
	}

	static Effect.CashbackPercent cashback(String percent, Rounding rounding) {
		return new Effect.CashbackPercent(new BigDecimal(percent), rounding);
	}

	static Limits.PerMember timesPer(Limits.Period period, long count) {
		return new Limits.PerMember(period, count, null);
	}

	static Limits.PerMember pointsPer(Limits.Period period, long points) {
		return new Limits.PerMember(period, null, points);
	}

	static CampaignTerms campaign(String code, String startsAt, String endsAt, Long budget) {
		return campaign(code, startsAt, endsAt, budget, null);
	}

	static CampaignTerms campaign(String code, String startsAt, String endsAt, Long budget, Audience audience) {
		return new CampaignTerms(UUID.randomUUID(), code, "Campaign " + code,
				startsAt == null ? null : Instant.parse(startsAt), endsAt == null ? null : Instant.parse(endsAt), budget,
				audience);
	}

	/** Labels to have (any of, all of) and not to have (none of); null leaves a list out. */
	static Labels labels(List<String> anyOf, List<String> allOf, List<String> noneOf) {
		return new Labels(anyOf, allOf, noneOf);
	}

	/** A rule on purchases giving 10 points, until a test says otherwise; conditions are set one by one. */
	static final class RuleBuilder {

		private final UUID id = UUID.randomUUID();
		private final String name;
		private String trigger = RuleCompiler.PURCHASE;
		private Effect effect = fixed(10);
		private Beneficiary beneficiary;
		private Limits limits;
		private OffsetDateTime validFrom;
		private OffsetDateTime validTo;
		private Integer priority;
		private Stacking stacking;
		private CampaignTerms campaign;
		private Instant createdAt = CREATED;

		private BigDecimal minAmount;
		private BigDecimal maxAmount;
		private Conditions.Items items;
		private List<String> stores;
		private List<String> channels;
		private List<DayOfWeek> days;
		private Conditions.Hours hours;
		private Boolean firstPurchase;
		private Conditions.NthPurchase nthPurchase;
		private Conditions.Birthday birthday;
		private Map<String, String> attributes;
		private Labels labels;
		private String expression;

		private RuleBuilder(String name) {
			this.name = name;
		}

		RuleBuilder on(String trigger) {
			this.trigger = trigger;
			return this;
		}

		RuleBuilder gives(Effect effect) {
			this.effect = effect;
			return this;
		}

		RuleBuilder to(Beneficiary beneficiary) {
			this.beneficiary = beneficiary;
			return this;
		}

		RuleBuilder limitedTo(Limits.PerMember... perMember) {
			this.limits = new Limits(List.of(perMember), limits == null ? null : limits.budget());
			return this;
		}

		RuleBuilder budget(long budget) {
			this.limits = new Limits(limits == null ? null : limits.perMember(), budget);
			return this;
		}

		RuleBuilder limits(Limits limits) {
			this.limits = limits;
			return this;
		}

		RuleBuilder validFrom(String from) {
			this.validFrom = from == null ? null : OffsetDateTime.parse(from);
			return this;
		}

		RuleBuilder validTo(String to) {
			this.validTo = to == null ? null : OffsetDateTime.parse(to);
			return this;
		}

		RuleBuilder priority(int priority) {
			this.priority = priority;
			return this;
		}

		RuleBuilder exclusive() {
			return stacking(new Stacking(Stacking.Mode.EXCLUSIVE, null));
		}

		RuleBuilder bestOf(String group) {
			return stacking(new Stacking(Stacking.Mode.BEST_OF, group));
		}

		RuleBuilder stacking(Stacking stacking) {
			this.stacking = stacking;
			return this;
		}

		RuleBuilder in(CampaignTerms campaign) {
			this.campaign = campaign;
			return this;
		}

		RuleBuilder createdAt(String createdAt) {
			this.createdAt = Instant.parse(createdAt);
			return this;
		}

		RuleBuilder minAmount(String amount) {
			this.minAmount = new BigDecimal(amount);
			return this;
		}

		RuleBuilder maxAmount(String amount) {
			this.maxAmount = new BigDecimal(amount);
			return this;
		}

		RuleBuilder skus(String... skus) {
			return items(new Conditions.Items(List.of(skus), null, null, null));
		}

		RuleBuilder categories(String... categories) {
			return items(new Conditions.Items(null, List.of(categories), null, null));
		}

		RuleBuilder items(Conditions.Items items) {
			this.items = items;
			return this;
		}

		RuleBuilder stores(String... stores) {
			this.stores = List.of(stores);
			return this;
		}

		RuleBuilder channels(String... channels) {
			this.channels = List.of(channels);
			return this;
		}

		RuleBuilder days(DayOfWeek... days) {
			this.days = Arrays.asList(days);
			return this;
		}

		RuleBuilder hours(String from, String to) {
			this.hours = new Conditions.Hours(LocalTime.parse(from), LocalTime.parse(to));
			return this;
		}

		RuleBuilder firstPurchase() {
			this.firstPurchase = true;
			return this;
		}

		RuleBuilder nthPurchase(Integer every, Integer exactly) {
			this.nthPurchase = new Conditions.NthPurchase(every, exactly);
			return this;
		}

		RuleBuilder birthday(Conditions.Birthday birthday) {
			this.birthday = birthday;
			return this;
		}

		RuleBuilder attributes(Map<String, String> attributes) {
			this.attributes = attributes;
			return this;
		}

		RuleBuilder labels(Labels labels) {
			this.labels = labels;
			return this;
		}

		RuleBuilder expression(String expression) {
			this.expression = expression;
			return this;
		}

		RuleDefinition definition() {
			return new RuleDefinition(name, null, trigger, conditions(), effect, beneficiary, limits, validFrom,
					validTo, priority, stacking, campaign == null ? null : campaign.code());
		}

		/** Compiled against the program, with the built-in activities as the tenant's event types. */
		CompiledRule compile(Program program) {
			return RuleCompiler.compile(id, 1, createdAt, definition(), program, campaign, RuleCompiler.ACTIVITIES);
		}

		private Conditions conditions() {
			boolean none = Stream.of(minAmount, maxAmount, items, stores, channels, days, hours, firstPurchase,
					nthPurchase, birthday, attributes, labels, expression)
				.allMatch(Objects::isNull);
			return none ? null : new Conditions(minAmount, maxAmount, items, stores, channels, days, hours,
					firstPurchase, nthPurchase, birthday, attributes, labels, expression, null, null);
		}
	}
}
