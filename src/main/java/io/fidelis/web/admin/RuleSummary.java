package io.fidelis.web.admin;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.Limits;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.program.Program;

/**
 * A rule in plain words, in the operator's language, for the list of rules: what it gives, on which event, when, and
 * how much at most ("2 points per item on a purchase, if: items of coffee; Monday, Tuesday. At most 40 points per
 * member per month.").
 */
@Component
class RuleSummary {

	private final MessageSource messages;

	RuleSummary(MessageSource messages) {
		this.messages = messages;
	}

	String of(RuleDefinition rule, Program program, Locale locale) {
		String unit = text("unit." + program.kind().unit(), locale);
		StringBuilder summary = new StringBuilder(effect(rule.effect(), unit, locale))
			.append(' ')
			.append(text("rule.summary.on", locale, rule.trigger()));
		List<String> conditions = conditions(rule.conditions(), locale);
		if (rule.campaign() != null) {
			conditions.add(text("rule.summary.campaign", locale, rule.campaign()));
		}
		if (!conditions.isEmpty()) {
			summary.append(text("rule.summary.if", locale)).append(' ').append(String.join("; ", conditions));
		}
		summary.append('.');
		List<String> limits = limits(rule.limits(), unit, locale);
		if (!limits.isEmpty()) {
			summary.append(' ').append(text("rule.summary.atMost", locale)).append(' ')
				.append(String.join(", ", limits)).append('.');
		}
		return summary.toString();
	}

	private String effect(Effect effect, String unit, Locale locale) {
		if (effect instanceof Effect.PointsPerAmount perAmount) {
			BigDecimal per = perAmount.per() == null ? BigDecimal.ONE : perAmount.per();
			return Boolean.TRUE.equals(perAmount.step())
					? text("rule.summary.perFullAmount", locale, plain(perAmount.points()), unit, plain(per))
					: text("rule.summary.perAmount", locale, plain(perAmount.points()), unit, plain(per),
							rounding(perAmount.rounding(), locale));
		}
		if (effect instanceof Effect.FixedPoints fixed) {
			return fixed.points() + " " + unit;
		}
		if (effect instanceof Effect.Multiplier multiplier) {
			return text("rule.summary.multiplier", locale, plain(multiplier.factor()), unit);
		}
		if (effect instanceof Effect.PointsPerItem perItem) {
			return text("rule.summary.perItem", locale, perItem.points(), unit);
		}
		if (effect instanceof Effect.Stamps stamps) {
			return text("rule.summary.stamps", locale, stamps.stamps());
		}
		if (effect instanceof Effect.CashbackPercent cashback) {
			return text("rule.summary.cashback", locale, plain(cashback.percent()));
		}
		Effect.IssueReward issue = (Effect.IssueReward) effect;
		return text("rule.summary.reward", locale, issue.quantity() == null ? 1 : issue.quantity(), issue.reward());
	}

	private List<String> conditions(Conditions conditions, Locale locale) {
		List<String> parts = new ArrayList<>();
		if (conditions == null) {
			return parts;
		}
		if (conditions.minAmount() != null) {
			parts.add(text("rule.summary.minAmount", locale, plain(conditions.minAmount())));
		}
		if (conditions.maxAmount() != null) {
			parts.add(text("rule.summary.maxAmount", locale, plain(conditions.maxAmount())));
		}
		Conditions.Items items = conditions.items();
		if (items != null) {
			if (items.categories() != null) {
				parts.add(text("rule.summary.categories", locale, String.join(", ", items.categories())));
			}
			if (items.skus() != null) {
				parts.add(text("rule.summary.skus", locale, String.join(", ", items.skus())));
			}
			if (items.excludeCategories() != null || items.excludeSkus() != null) {
				List<String> excluded = new ArrayList<>();
				if (items.excludeCategories() != null) {
					excluded.addAll(items.excludeCategories());
				}
				if (items.excludeSkus() != null) {
					excluded.addAll(items.excludeSkus());
				}
				parts.add(text("rule.summary.excluding", locale, String.join(", ", excluded)));
			}
		}
		list(parts, "rule.summary.stores", conditions.stores(), locale);
		list(parts, "rule.summary.channels", conditions.channels(), locale);
		if (conditions.daysOfWeek() != null && !conditions.daysOfWeek().isEmpty()) {
			parts.add(String.join(", ", conditions.daysOfWeek().stream().sorted()
				.map((DayOfWeek day) -> day.getDisplayName(TextStyle.FULL, locale)).toList()));
		}
		if (conditions.hours() != null) {
			parts.add(text("rule.summary.hours", locale, conditions.hours().from(), conditions.hours().to()));
		}
		if (Boolean.TRUE.equals(conditions.firstPurchase())) {
			parts.add(text("rule.summary.firstPurchase", locale));
		}
		if (conditions.nthPurchase() != null) {
			parts.add(conditions.nthPurchase().every() != null
					? text("rule.summary.everyNth", locale, conditions.nthPurchase().every())
					: text("rule.summary.exactlyNth", locale, conditions.nthPurchase().exactly()));
		}
		if (conditions.birthday() != null) {
			parts.add(text("rule.summary.birthday." + conditions.birthday().name().toLowerCase(Locale.ROOT), locale));
		}
		if (conditions.attributes() != null) {
			conditions.attributes().forEach((name, value) -> parts.add(name + " = " + value));
		}
		if (conditions.labels() != null) {
			list(parts, "rule.summary.anyLabels", conditions.labels().anyOf(), locale);
			list(parts, "rule.summary.allLabels", conditions.labels().allOf(), locale);
			list(parts, "rule.summary.noLabels", conditions.labels().noneOf(), locale);
		}
		list(parts, "rule.summary.tiers", conditions.tiers(), locale);
		list(parts, "rule.summary.segments", conditions.segments(), locale);
		if (conditions.expression() != null) {
			parts.add(text("rule.summary.expression", locale, conditions.expression()));
		}
		return parts;
	}

	private List<String> limits(Limits limits, String unit, Locale locale) {
		List<String> parts = new ArrayList<>();
		if (limits == null) {
			return parts;
		}
		if (limits.perMember() != null) {
			for (Limits.PerMember limit : limits.perMember()) {
				String period = text("rule.summary.period." + limit.period().name().toLowerCase(Locale.ROOT), locale);
				parts.add(limit.count() != null ? text("rule.summary.limitCount", locale, limit.count(), period)
						: text("rule.summary.limitPoints", locale, limit.points(), unit, period));
			}
		}
		if (limits.budget() != null) {
			parts.add(text("rule.summary.budget", locale, limits.budget(), unit));
		}
		return parts;
	}

	private void list(List<String> parts, String key, List<String> values, Locale locale) {
		if (values != null && !values.isEmpty()) {
			parts.add(text(key, locale, String.join(", ", values)));
		}
	}

	private String rounding(Rounding rounding, Locale locale) {
		return text("rounding." + (rounding == null ? Rounding.DOWN : rounding).name(), locale);
	}

	private String text(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}
}
