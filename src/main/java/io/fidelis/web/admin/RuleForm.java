package io.fidelis.web.admin;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.Limits;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.earning.rules.Stacking;
import io.fidelis.member.Labels;
import io.fidelis.shared.BusinessException;

/**
 * The rule builder's fields, by the names of the API's fields ({@code conditions.minAmount}, {@code effect.type}), so
 * that a refusal names the field the operator filled. Read from a saved definition to edit it, or from a posted form;
 * kept as posted (it travels in the flash of a refused form, back to the page it came from) and turned into a
 * {@link RuleDefinition} only when saved or tried. Lists are typed comma-separated; times are in the program's zone.
 */
final class RuleForm implements Serializable {

	/** Per-member limits offered: the most a rule may have. */
	static final int LIMIT_ROWS = 4;

	/** The effects' types, in the order the API declares them. */
	static final List<String> EFFECTS = Arrays.stream(Effect.class.getAnnotation(JsonSubTypes.class).value())
		.map(JsonSubTypes.Type::name)
		.toList();

	private final LinkedHashMap<String, ArrayList<String>> values = new LinkedHashMap<>();

	private RuleForm() {
	}

	/** What a new rule's form starts with: a point per 1.00 spent. */
	static RuleForm blank() {
		RuleForm form = new RuleForm();
		form.put("trigger", RuleCompiler.PURCHASE);
		form.put("priority", Integer.toString(RuleDefinition.DEFAULT_PRIORITY));
		form.put("stacking.mode", Stacking.Mode.CUMULATIVE.name());
		form.put("effect.type", "points_per_amount");
		form.put("effect.points", "1");
		form.put("effect.per", "1");
		form.put("effect.rounding", Rounding.DOWN.name());
		return form;
	}

	static RuleForm posted(MultiValueMap<String, String> fields) {
		RuleForm form = new RuleForm();
		fields.forEach((name, given) -> {
			if (!name.equals("_csrf")) {
				form.values.put(name, new ArrayList<>(given));
			}
		});
		return form;
	}

	static RuleForm of(RuleDefinition rule, ZoneId zone) {
		RuleForm form = new RuleForm();
		form.put("name", rule.name());
		form.put("description", rule.description());
		form.put("trigger", rule.trigger());
		form.put("beneficiary", rule.beneficiaryOrDefault().name());
		form.put("priority", Integer.toString(rule.priorityOrDefault()));
		form.put("stacking.mode", rule.stackingOrDefault().mode().name());
		form.put("stacking.group", rule.stackingOrDefault().group());
		form.put("validFrom", local(rule.validFrom(), zone));
		form.put("validTo", local(rule.validTo(), zone));
		form.put("campaign", rule.campaign());
		Conditions conditions = rule.conditions();
		if (conditions != null) {
			form.put("conditions.minAmount", plain(conditions.minAmount()));
			form.put("conditions.maxAmount", plain(conditions.maxAmount()));
			if (conditions.items() != null) {
				form.put("conditions.items.skus", joined(conditions.items().skus()));
				form.put("conditions.items.categories", joined(conditions.items().categories()));
				form.put("conditions.items.excludeSkus", joined(conditions.items().excludeSkus()));
				form.put("conditions.items.excludeCategories", joined(conditions.items().excludeCategories()));
			}
			form.put("conditions.stores", joined(conditions.stores()));
			form.put("conditions.channels", joined(conditions.channels()));
			if (conditions.daysOfWeek() != null) {
				form.values.put("conditions.daysOfWeek",
						conditions.daysOfWeek().stream().map(DayOfWeek::name).collect(Collectors.toCollection(ArrayList::new)));
			}
			if (conditions.hours() != null) {
				form.put("conditions.hours.from", conditions.hours().from().toString());
				form.put("conditions.hours.to", conditions.hours().to().toString());
			}
			form.put("conditions.firstPurchase", Boolean.TRUE.equals(conditions.firstPurchase()) ? "true" : null);
			if (conditions.nthPurchase() != null) {
				boolean every = conditions.nthPurchase().every() != null;
				form.put("conditions.nthPurchase.kind", every ? "every" : "exactly");
				form.put("conditions.nthPurchase.n", String.valueOf(every ? conditions.nthPurchase().every()
						: conditions.nthPurchase().exactly()));
			}
			form.put("conditions.birthday", conditions.birthday() == null ? null : conditions.birthday().name());
			if (conditions.attributes() != null) {
				form.put("conditions.attributes", conditions.attributes().entrySet().stream()
					.map(attribute -> attribute.getKey() + "=" + attribute.getValue())
					.collect(Collectors.joining("\n")));
			}
			if (conditions.labels() != null) {
				form.put("conditions.labels.anyOf", joined(conditions.labels().anyOf()));
				form.put("conditions.labels.allOf", joined(conditions.labels().allOf()));
				form.put("conditions.labels.noneOf", joined(conditions.labels().noneOf()));
			}
			form.put("conditions.tiers", joined(conditions.tiers()));
			if (conditions.segments() != null) {
				form.values.put("conditions.segments", new ArrayList<>(conditions.segments()));
			}
			form.put("conditions.expression", conditions.expression());
		}
		effect(form, rule.effect());
		if (rule.limits() != null) {
			List<Limits.PerMember> perMember = rule.limits().perMember() == null ? List.of() : rule.limits().perMember();
			for (Limits.PerMember limit : perMember) {
				form.add("limits.period", limit.period().name());
				form.add("limits.count", limit.count() == null ? "" : limit.count().toString());
				form.add("limits.points", limit.points() == null ? "" : limit.points().toString());
			}
			form.put("limits.budget", rule.limits().budget() == null ? null : rule.limits().budget().toString());
		}
		return form;
	}

	private static void effect(RuleForm form, Effect effect) {
		form.put("effect.type", type(effect));
		if (effect instanceof Effect.PointsPerAmount perAmount) {
			form.put("effect.points", plain(perAmount.points()));
			form.put("effect.per", plain(perAmount.per() == null ? BigDecimal.ONE : perAmount.per()));
			form.put("effect.rounding", rounding(perAmount.rounding()));
			form.put("effect.step", Boolean.TRUE.equals(perAmount.step()) ? "true" : null);
		}
		else if (effect instanceof Effect.FixedPoints fixed) {
			form.put("effect.fixed", fixed.points().toString());
		}
		else if (effect instanceof Effect.Multiplier multiplier) {
			form.put("effect.factor", plain(multiplier.factor()));
			form.put("effect.rounding", rounding(multiplier.rounding()));
		}
		else if (effect instanceof Effect.PointsPerItem perItem) {
			form.put("effect.perItem", perItem.points().toString());
		}
		else if (effect instanceof Effect.Stamps stamps) {
			form.put("effect.stamps", stamps.stamps().toString());
		}
		else if (effect instanceof Effect.CashbackPercent cashback) {
			form.put("effect.percent", plain(cashback.percent()));
			form.put("effect.rounding", rounding(cashback.rounding()));
		}
		else if (effect instanceof Effect.IssueReward issue) {
			form.put("effect.reward", issue.reward());
			form.put("effect.quantity", issue.quantity() == null ? "1" : issue.quantity().toString());
		}
	}

	/** The effect's type as the API names it ({@code points_per_amount}): from its JSON declaration. */
	static String type(Effect effect) {
		return Arrays.stream(Effect.class.getAnnotation(JsonSubTypes.class).value())
			.filter(declared -> declared.value() == effect.getClass())
			.findFirst()
			.orElseThrow()
			.name();
	}

	/** The field's value as the form shows it: the first given, or "" if none. */
	public String value(String field) {
		List<String> given = values.get(field);
		return given == null || given.isEmpty() || given.get(0) == null ? "" : given.get(0);
	}

	/** The {@code index}-th value of a repeated field (a row of limits), or "". */
	public String value(String field, int index) {
		List<String> given = values.get(field);
		return given == null || index >= given.size() || given.get(index) == null ? "" : given.get(index);
	}

	/** Whether a checkbox or a choice of a list was ticked. */
	public boolean has(String field, String value) {
		List<String> given = values.get(field);
		return given != null && given.contains(value);
	}

	/**
	 * The rule the fields describe.
	 *
	 * @throws BusinessException naming the first field that cannot be read
	 */
	RuleDefinition definition(ZoneId zone) {
		Stacking.Mode mode = choice("stacking.mode", constant(Stacking.Mode.class));
		Stacking stacking = mode == null ? null : new Stacking(mode, text("stacking.group"));
		return new RuleDefinition(text("name"), text("description"), text("trigger"), conditions(), effect(),
				choice("beneficiary", constant(Beneficiary.class)), limits(), dateTime("validFrom", zone),
				dateTime("validTo", zone), integer("priority"), stacking, text("campaign"));
	}

	private Conditions conditions() {
		Conditions.Items items = null;
		List<String> skus = list("conditions.items.skus");
		List<String> categories = list("conditions.items.categories");
		List<String> excludeSkus = list("conditions.items.excludeSkus");
		List<String> excludeCategories = list("conditions.items.excludeCategories");
		if (skus != null || categories != null || excludeSkus != null || excludeCategories != null) {
			items = new Conditions.Items(skus, categories, excludeSkus, excludeCategories);
		}
		LocalTime from = time("conditions.hours.from");
		LocalTime to = time("conditions.hours.to");
		if ((from == null) != (to == null)) {
			throw BusinessException.invalid("conditions.hours", "give both the start and the end, or neither");
		}
		Conditions.NthPurchase nth = null;
		String nthKind = text("conditions.nthPurchase.kind");
		if (nthKind != null) {
			Integer n = integer("conditions.nthPurchase.n");
			if (n == null) {
				throw BusinessException.invalid("conditions.nthPurchase", "give the number of the purchase");
			}
			nth = "every".equals(nthKind) ? new Conditions.NthPurchase(n, null) : new Conditions.NthPurchase(null, n);
		}
		List<String> anyOf = list("conditions.labels.anyOf");
		List<String> allOf = list("conditions.labels.allOf");
		List<String> noneOf = list("conditions.labels.noneOf");
		Labels labels = anyOf == null && allOf == null && noneOf == null ? null : new Labels(anyOf, allOf, noneOf);
		List<DayOfWeek> days = checked("conditions.daysOfWeek", constant(DayOfWeek.class));
		List<String> segments = checked("conditions.segments", Function.identity());
		Conditions conditions = new Conditions(decimal("conditions.minAmount"), decimal("conditions.maxAmount"), items,
				list("conditions.stores"), list("conditions.channels"), days,
				from == null ? null : new Conditions.Hours(from, to),
				has("conditions.firstPurchase", "true") ? Boolean.TRUE : null, nth,
				choice("conditions.birthday", constant(Conditions.Birthday.class)), attributes(), labels,
				text("conditions.expression"), list("conditions.tiers"), segments);
		return conditions.equals(new Conditions(null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null)) ? null : conditions;
	}

	private Effect effect() {
		String type = text("effect.type");
		if (type == null) {
			throw BusinessException.invalid("effect.type", "is required");
		}
		Rounding rounding = choice("effect.rounding", constant(Rounding.class));
		return switch (type) {
			case "points_per_amount" -> new Effect.PointsPerAmount(decimal("effect.points"), decimal("effect.per"),
					rounding, has("effect.step", "true") ? Boolean.TRUE : null);
			case "fixed_points" -> new Effect.FixedPoints(number("effect.fixed"));
			case "multiplier" -> new Effect.Multiplier(decimal("effect.factor"), rounding);
			case "points_per_item" -> new Effect.PointsPerItem(number("effect.perItem"));
			case "stamps" -> new Effect.Stamps(number("effect.stamps"));
			case "cashback_percent" -> new Effect.CashbackPercent(decimal("effect.percent"), rounding);
			case "issue_reward" -> new Effect.IssueReward(text("effect.reward"), integer("effect.quantity"));
			default -> throw BusinessException.invalid("effect.type", "must be one of " + EFFECTS);
		};
	}

	private Limits limits() {
		List<Limits.PerMember> perMember = new ArrayList<>();
		for (int row = 0; row < rows("limits.period"); row++) {
			String period = value("limits.period", row);
			String field = "limits.perMember[" + perMember.size() + "]";
			if (period.isBlank()) {
				continue;
			}
			Limits.Period parsed = parse(field + ".period", period, constant(Limits.Period.class));
			perMember.add(new Limits.PerMember(parsed, number(field + ".count", value("limits.count", row)),
					number(field + ".points", value("limits.points", row))));
		}
		Long budget = number("limits.budget");
		return perMember.isEmpty() && budget == null ? null
				: new Limits(perMember.isEmpty() ? null : perMember, budget);
	}

	private Map<String, String> attributes() {
		String typed = text("conditions.attributes");
		if (typed == null) {
			return null;
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String line : typed.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals < 1) {
				throw BusinessException.invalid("conditions.attributes", "write one name=value a line, not '"
						+ line.strip() + "'");
			}
			attributes.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
		}
		return attributes.isEmpty() ? null : attributes;
	}

	private int rows(String field) {
		List<String> given = values.get(field);
		return given == null ? 0 : given.size();
	}

	private void put(String field, String value) {
		if (value != null) {
			ArrayList<String> one = new ArrayList<>();
			one.add(value);
			values.put(field, one);
		}
	}

	private void add(String field, String value) {
		values.computeIfAbsent(field, name -> new ArrayList<>()).add(value);
	}

	private String text(String field) {
		String value = value(field).strip();
		return value.isEmpty() ? null : value;
	}

	private List<String> list(String field) {
		String value = text(field);
		if (value == null) {
			return null;
		}
		List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty())
			.toList();
		return items.isEmpty() ? null : items;
	}

	private <T> List<T> checked(String field, Function<String, T> parse) {
		List<String> given = values.get(field);
		if (given == null) {
			return null;
		}
		List<T> parsed = given.stream().filter(value -> value != null && !value.isBlank())
			.map(value -> parse(field, value, parse))
			.toList();
		return parsed.isEmpty() ? null : parsed;
	}

	private <T> T choice(String field, Function<String, T> parse) {
		String value = text(field);
		return value == null ? null : parse(field, value, parse);
	}

	private static <T> T parse(String field, String value, Function<String, T> parse) {
		try {
			return parse.apply(value);
		}
		catch (IllegalArgumentException unknown) {
			throw BusinessException.invalid(field, "'" + value + "' is not one of the choices");
		}
	}

	/** An enum's constant by its name, in any case. */
	private static <E extends Enum<E>> Function<String, E> constant(Class<E> type) {
		return name -> Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
	}

	private BigDecimal decimal(String field) {
		String value = text(field);
		if (value == null) {
			return null;
		}
		try {
			return new BigDecimal(value.replace(',', '.'));
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a number such as 20 or 19.90");
		}
	}

	private Integer integer(String field) {
		Long value = number(field);
		if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
			throw BusinessException.invalid(field, "is too large");
		}
		return value == null ? null : value.intValue();
	}

	private Long number(String field) {
		return number(field, value(field));
	}

	private static Long number(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a whole number");
		}
	}

	private LocalTime time(String field) {
		String value = text(field);
		if (value == null) {
			return null;
		}
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeParseException notATime) {
			throw BusinessException.invalid(field, "must be a time such as 07:30");
		}
	}

	private OffsetDateTime dateTime(String field, ZoneId zone) {
		String value = text(field);
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeParseException notADate) {
			throw BusinessException.invalid(field, "must be a date and time such as 2026-12-24T08:00");
		}
	}

	private static String local(OffsetDateTime at, ZoneId zone) {
		return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime().toString();
	}

	private static String plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private static String joined(List<String> values) {
		return values == null ? null : String.join(", ", values);
	}

	private static String rounding(Rounding rounding) {
		return (rounding == null ? Rounding.DOWN : rounding).name();
	}
}
